from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidDuplicate(CidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Duplicate = cls.env["crm.cid.duplicate"]
        cls.shop_one = cls.Partner.create(
            {"name": "Shop One", "is_company": True, "phone": "021 4444 5555"}
        )
        cls.shop_two = cls.Partner.create(
            {"name": "Shop Two", "is_company": True, "phone": "۰۲۱-۴۴۴۴۵۵۵۵"}
        )
        # the same name typed on an Arabic and a Persian keyboard
        cls.hasan_one = cls.Partner.create({"name": "حسن رضايي"})
        cls.hasan_two = cls.Partner.create({"name": "حسن رضایی"})
        cls.type_phone = cls.env.ref("crm_cid.key_type_phone")

    def _pairs_of(self, partners):
        return self.Duplicate.search(
            [("partner_a_id", "in", partners.ids), ("partner_b_id", "in", partners.ids)]
        )

    def test_shared_landline_and_same_folded_name_are_candidates(self):
        self.Duplicate._cid_find_duplicates()
        shops = self._pairs_of(self.shop_one | self.shop_two)
        self.assertRecordValues(
            shops,
            [
                {
                    "partner_a_id": self.shop_one.id,
                    "partner_b_id": self.shop_two.id,
                    "cid_a": self.shop_one.cid,
                    "cid_b": self.shop_two.cid,
                    "reason": "key",
                    "key_type_id": self.type_phone.id,
                    "value": "+982144445555",
                    "state": "new",
                }
            ],
        )
        names = self._pairs_of(self.hasan_one | self.hasan_two)
        self.assertRecordValues(
            names,
            [
                {
                    "partner_a_id": self.hasan_one.id,
                    "partner_b_id": self.hasan_two.id,
                    "reason": "name",
                    "key_type_id": False,
                    "value": False,
                }
            ],
        )
        # customers that share nothing are not paired
        self.assertFalse(self._pairs_of(self.shop_one | self.hasan_one | self.person))

    def test_finder_run_twice_does_not_duplicate_candidates(self):
        first = self.Duplicate._cid_find_duplicates()
        count = self.Duplicate.search_count([])
        second = self.Duplicate._cid_find_duplicates()
        self.assertTrue(first)
        self.assertFalse(second)
        self.assertEqual(self.Duplicate.search_count([]), count)

    def test_dismissed_pair_is_not_listed_again(self):
        self.Duplicate._cid_find_duplicates()
        pair = self._pairs_of(self.hasan_one | self.hasan_two)
        pair.action_dismiss()
        self.assertEqual(pair.state, "dismissed")
        self.Duplicate.action_find_duplicates()
        self.assertEqual(self._pairs_of(self.hasan_one | self.hasan_two), pair)
        self.assertEqual(pair.state, "dismissed")
        pair.action_reset()
        self.assertEqual(pair.state, "new")

    def test_archived_customer_is_not_a_candidate(self):
        self.shop_two.action_archive()
        self.Duplicate._cid_find_duplicates()
        self.assertFalse(self._pairs_of(self.shop_one | self.shop_two))

    def test_merge_button_opens_standard_wizard_keeping_the_older(self):
        self.Duplicate._cid_find_duplicates()
        pair = self._pairs_of(self.shop_one | self.shop_two)
        action = pair.action_merge()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        self.assertEqual(wizard.partner_ids, self.shop_one | self.shop_two)
        self.assertEqual(wizard.dst_partner_id, self.shop_one)
        shop_two_cid = self.shop_two.cid
        wizard.action_merge()
        self.assertFalse(self.shop_two.exists())
        self.assertEqual(pair.state, "merged")
        self.assertEqual(pair.partner_a_id, self.shop_one)
        self.assertFalse(pair.partner_b_id)
        self.assertEqual(pair.cid_b, shop_two_cid)

    def test_only_managers_reach_duplicates(self):
        self.Duplicate._cid_find_duplicates()
        for user in (self.user_cid, self.user_sensitive):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Duplicate.with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.Duplicate.with_user(user)._cid_find_duplicates()
        self.assertTrue(self.Duplicate.with_user(self.user_manager).search([]))
