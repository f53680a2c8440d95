import re

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidAssign(CidCommon):
    def test_commercial_partners_get_distinct_cids_in_batch(self):
        partners = self.Partner.create(
            [{"name": "Batch A"}, {"name": "Batch B", "is_company": True}, {"name": "Batch C"}]
        )
        cids = partners.mapped("cid")
        self.assertTrue(all(re.fullmatch(r"C\d{7}", cid) for cid in cids), cids)
        self.assertEqual(len(set(cids)), 3)
        self.assertEqual(partners.mapped("cid_own"), cids)

    def test_contact_carries_company_cid(self):
        self.assertEqual(self.contact.cid, self.company.cid)
        self.assertFalse(self.contact.cid_own)
        self.assertEqual(
            self.Partner.search([("cid", "=", self.company.cid)]), self.company | self.contact
        )

    def test_cid_never_changes_on_write(self):
        cid = self.person.cid
        self.person.write(
            {"name": "علی کریمی‌نژاد", "email": "ali.k@example.com", "is_company": True}
        )
        self.assertEqual(self.person.cid, cid)
        self.assertEqual(self.person.cid_own, cid)

    def test_detached_contact_gets_its_own_cid_once(self):
        self.contact.parent_id = False
        own = self.contact.cid
        self.assertTrue(own)
        self.assertNotEqual(own, self.company.cid)
        self.assertEqual(self.contact.cid_own, own)
        # back under a company, it carries the company's number and keeps its own
        self.contact.parent_id = self.company
        self.assertEqual(self.contact.cid, self.company.cid)
        self.assertEqual(self.contact.cid_own, own)
        self.contact.parent_id = False
        self.assertEqual(self.contact.cid, own)

    def test_company_cid_propagates_to_new_contacts_in_batch(self):
        contacts = self.Partner.create(
            [
                {"name": "C1", "parent_id": self.company.id},
                {"name": "C2", "parent_id": self.company.id},
            ]
        )
        self.assertEqual(contacts.mapped("cid"), [self.company.cid] * 2)

    def test_cid_key_follows_the_cid(self):
        key = self.keys_of(self.person, "cid")
        self.assertEqual(key.value_normalized, self.person.cid)
        self.assertEqual(key.source, "partner")
        self.assertFalse(self.keys_of(self.contact, "cid"))

    def test_cid_cannot_be_written_by_users(self):
        partner = self.person.with_user(self.user_manager)
        with self.assertRaises(UserError):
            partner.write({"cid_own": "C9999999"})
        self.assertNotEqual(self.person.cid, "C9999999")

    def test_cid_cannot_be_chosen_at_create(self):
        partner = self.Partner.with_user(self.user_manager).create(
            {"name": "Chooser", "cid_own": "C7777777"}
        )
        self.assertNotEqual(partner.cid, "C7777777")

    def test_copy_gets_a_new_cid(self):
        copy = self.person.copy()
        self.assertTrue(copy.cid)
        self.assertNotEqual(copy.cid, self.person.cid)

    def test_numbers_follow_the_sequence_after_its_format_changes(self):
        # the format of the numbers is cached; changing the sequence is seen
        # by the next contact, a date in the prefix included
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "res.partner.cid")], order="id", limit=1)
        )
        # at least the padding: the database's sequence is never rolled back
        # by the tests, and may be past it
        cases = [
            ({"prefix": "K", "padding": 5}, r"K\d{5,}"),
            ({"prefix": "K%(year)s-", "padding": 4}, r"K\d{4}-\d{4,}"),
            ({"prefix": "N", "padding": 6, "implementation": "no_gap"}, r"N\d{6,}"),
        ]
        for values, pattern in cases:
            with self.subTest(values=values):
                sequence.write(values)
                partner = self.Partner.create({"name": f"Format {values['prefix']}"})
                self.assertRegex(partner.cid, rf"^{pattern}$")
