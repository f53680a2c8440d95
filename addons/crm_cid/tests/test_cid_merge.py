from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import NATIONAL_ID_C, CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidMerge(CidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Wizard = cls.env["base.partner.merge.automatic.wizard"]
        cls.alpha = cls.Partner.create(
            {
                "name": "Gamma Trading",
                "is_company": True,
                "mobile": "09131000001",
                "phone": "021 5555 0001",
            }
        )
        cls.beta = cls.Partner.create(
            {
                "name": "Gamma Trading Co",
                "is_company": True,
                "mobile": "09131000002",
                "phone": "021 5555 0001",
                "email": "sales@gamma.example.com",
            }
        )
        cls.beta_contact = cls.Partner.create(
            {
                "name": "Sina",
                "parent_id": cls.beta.id,
                "mobile": "09131000003",
                "national_id": NATIONAL_ID_C,
            }
        )
        cls.beta.cid_add_key("telegram", "@gamma_shop", verified=True)
        cls.beta_bank = cls.env["res.partner.bank"].create(
            {"acc_number": "IR062960000000100324200001", "partner_id": cls.beta.id}
        )
        cls.beta_note = cls.beta.message_post(
            body="Called about the invoice", subtype_xmlid="mail.mt_note"
        )
        cls.env["crm.cid.duplicate"]._cid_find_duplicates()

    def _merge(self, partners, dst):
        wizard = self.Wizard.create(
            {"state": "selection", "partner_ids": [(6, 0, partners.ids)], "dst_partner_id": dst.id}
        )
        wizard.action_merge()

    def test_merge_moves_linked_records_and_keeps_the_cid(self):
        alpha_cid, beta_cid = self.alpha.cid, self.beta.cid
        self._merge(self.alpha | self.beta, self.alpha)
        self.assertFalse(self.beta.exists())
        # child contact, its keys and its stored CID follow the survivor
        self.assertEqual(self.beta_contact.parent_id, self.alpha)
        self.assertEqual(self.beta_contact.commercial_partner_id, self.alpha)
        self.assertEqual(self.beta_contact.cid, alpha_cid)
        contact_keys = self.keys_of(self.beta_contact)
        self.assertEqual(set(contact_keys.mapped("type_code")), {"mobile", "national_id"})
        self.assertEqual(contact_keys.commercial_partner_id, self.alpha)
        self.assertEqual(set(contact_keys.mapped("cid")), {alpha_cid})
        # linked records of the merged-away company
        self.assertEqual(self.beta_bank.partner_id, self.alpha)
        self.assertEqual(self.beta_note.res_id, self.alpha.id)
        # its keys identify the survivor: kept, active, none lost
        alpha_keys = self.keys_of(self.alpha)
        by_pair = {(k.type_code, k.value_normalized): k for k in alpha_keys}
        self.assertEqual(by_pair[("telegram", "gamma_shop")].is_verified, True)
        self.assertEqual(by_pair[("mobile", "+989131000002")].source, "merge")
        self.assertEqual(by_pair[("mobile", "+989131000001")].source, "partner")
        self.assertEqual(by_pair[("cid", beta_cid)].source, "merge")
        self.assertIn(("email", "sales@gamma.example.com"), by_pair)
        # the shared landline was the same key twice: one remains
        self.assertEqual(len(alpha_keys.filtered(lambda k: k.type_code == "phone")), 1)
        self.assertEqual(set(alpha_keys.mapped("cid")), {alpha_cid})
        for keys in (
            {"cid": beta_cid},
            {"mobile": "09131000002"},
            {"telegram": "gamma_shop"},
            {"national_id": NATIONAL_ID_C},
        ):
            with self.subTest(keys=keys):
                result = self.Partner.cid_resolve(keys)
                self.assertEqual(result["commercial_partner_id"], self.alpha.id)
                self.assertEqual(result["cid"], alpha_cid)
        alias = self.env["crm.cid.alias"].search([("cid", "=", beta_cid)])
        self.assertEqual(alias.partner_id, self.alpha)
        # the pair found before is closed and the survivor's history says why
        pair = self.env["crm.cid.duplicate"].search(
            [("partner_a_id", "=", self.alpha.id), ("cid_b", "=", beta_cid)]
        )
        self.assertTrue(pair)
        self.assertEqual(set(pair.mapped("state")), {"merged"})
        self.assertFalse(pair.partner_b_id)
        notes = self.alpha.message_ids.filtered(lambda m: beta_cid in (m.body or ""))
        self.assertIn(f"CID {beta_cid} merged into this customer", notes[0].body)

    def test_second_merge_repoints_former_aliases(self):
        alpha_cid, beta_cid = self.alpha.cid, self.beta.cid
        self._merge(self.alpha | self.beta, self.alpha)
        # the newer survivor is kept this time: alpha goes away
        gamma = self.Partner.create({"name": "Gamma Holding", "is_company": True})
        self._merge(self.alpha | gamma, gamma)
        self.assertFalse(self.alpha.exists())
        aliases = self.env["crm.cid.alias"].search([("cid", "in", [alpha_cid, beta_cid])])
        self.assertEqual(len(aliases), 2)
        self.assertEqual(aliases.partner_id, gamma)
        for cid in (alpha_cid, beta_cid):
            with self.subTest(cid=cid):
                result = self.Partner.cid_resolve({"cid": cid})
                self.assertEqual(result["partner_id"], gamma.id)
                self.assertEqual(result["cid"], gamma.cid)
        self.assertEqual(self.beta_contact.cid, gamma.cid)

    def test_alias_alone_resolves_when_keys_are_gone(self):
        beta_cid = self.beta.cid
        self._merge(self.alpha | self.beta, self.alpha)
        self.keys_of(self.alpha, "cid").filtered(lambda k: k.value_normalized == beta_cid).unlink()
        self.assertEqual(self.Partner.cid_resolve({"cid": beta_cid})["partner_id"], self.alpha.id)

    def test_former_numbers_stand_for_the_customer_that_absorbed_them(self):
        beta_cid = self.beta.cid
        self._merge(self.alpha | self.beta, self.alpha)
        owner = (self.alpha.id, self.alpha.commercial_partner_id.id, self.alpha.cid)
        cases = [
            ([beta_cid], {beta_cid: owner}),
            ([beta_cid, beta_cid, False, "C9999999"], {beta_cid: owner}),
            # a current number is no alias: keys answer for it
            ([self.alpha.cid], {}),
            ([], {}),
        ]
        for cids, expected in cases:
            with self.subTest(cids=cids):
                self.assertEqual(self.Partner._cid_former_cid_owners(cids), expected)

    def test_standard_checks_still_refuse_and_write_nothing(self):
        beta_cid = self.beta.cid
        with self.assertRaises(UserError):
            self._merge(self.beta | self.beta_contact, self.beta)
        self.env.invalidate_all()
        self.assertTrue(self.beta_contact.exists())
        self.assertFalse(self.env["crm.cid.alias"].search([("cid", "=", beta_cid)]))
        self.assertEqual(len(self.keys_of(self.beta)), 5)

    def test_a_partner_manager_can_merge(self):
        # the wizard copies the kept contact's own fields onto it, CID included
        manager = new_test_user(
            self.env, login="cid_merger", groups="base.group_system,base.group_partner_manager"
        )
        alpha_cid = self.alpha.cid
        wizard = self.Wizard.with_user(manager).create(
            {
                "state": "selection",
                "partner_ids": [(6, 0, (self.alpha | self.beta).ids)],
                "dst_partner_id": self.alpha.id,
            }
        )
        wizard.action_merge()
        self.assertFalse(self.beta.exists())
        self.assertEqual(self.alpha.cid, alpha_cid)
        with self.assertRaises(UserError):
            self.alpha.with_user(manager).write({"cid_own": "C9999999"})
