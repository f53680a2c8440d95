from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import NATIONAL_ID_A, NATIONAL_ID_B, CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidNoOracle(CidCommon):
    """Uniqueness errors and existence checks answer within the user's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.Partner.create({"name": "Own customer"})
        cls.other_company = cls.env["res.company"].create({"name": "Other company"})
        cls.hidden = cls.Partner.create(
            {"name": "Hidden customer", "company_id": cls.other_company.id}
        )

    def add_national_id(self, user):
        # a refusal either way (the key type is sensitive): never naming the owner
        with self.assertRaises(UserError) as caught:
            self.Key.with_user(user).create(
                {
                    "partner_id": self.own.id,
                    "key_type_id": self.type_national_id.id,
                    "value": NATIONAL_ID_A,
                }
            )
        return str(caught.exception)

    def test_a_national_id_conflict_does_not_name_an_owner_the_user_may_not_read(self):
        message = self.add_national_id(self.user_cid)
        self.assertNotIn(self.person.cid, message)
        self.assertNotIn(self.person.name, message)

    def test_a_user_who_reads_national_ids_gets_the_owner(self):
        message = self.add_national_id(self.user_sensitive)
        self.assertIn("already belongs to customer", message)
        self.assertIn(self.person.cid, message)
        self.assertIn(self.person.name, message)

    def test_the_owner_message_depends_on_the_key(self):
        key = self.keys_of(self.person, "national_id")
        # as superuser (the contact field synchronisation), decided for the real user
        mine = self.Key.sudo().new(
            {"partner_id": self.own.id, "key_type_id": self.type_national_id.id}
        )
        mine.value_normalized = NATIONAL_ID_A
        generic = mine.with_user(self.user_cid).sudo()._cid_conflict_message(key)
        precise = mine.with_user(self.user_sensitive).sudo()._cid_conflict_message(key)
        self.assertNotIn(self.person.cid, generic)
        self.assertIn(self.person.cid, precise)

    def test_create_values_refer_only_to_readable_records(self):
        Partner = self.Partner.with_user(self.user_cid)
        messages = {}
        for label, parent_id in (("hidden", self.hidden.id), ("missing", 999999999)):
            with self.assertRaises(UserError) as caught:
                Partner.cid_find_or_create(
                    {"mobile": "09127770000"}, {"name": "x", "parent_id": parent_id}
                )
            messages[label] = str(caught.exception).replace(str(parent_id), "ID")
        self.assertEqual(messages["hidden"], messages["missing"])
        self.assertFalse(self.Partner.search([("mobile", "=", "09127770000")]))
        # a user of the other company finds the contact and creates the customer
        self.user_manager.company_ids |= self.other_company
        result = self.Partner.with_user(self.user_manager).cid_find_or_create(
            {"mobile": "09127770000"}, {"name": "x", "parent_id": self.hidden.id}
        )
        self.assertTrue(result["created"])

    def test_an_import_never_matches_nor_names_a_customer_the_manager_may_not_read(self):
        self.hidden.mobile = "09127771111"
        Import = self.env["crm.cid.import"].with_user(self.user_manager)
        result = Import.import_rows(
            [
                {"name": "Row 1", "mobile": "09127771111"},
                {"name": "Row 2", "mobile": "09127771111", "email": self.person.email},
            ]
        )
        first, second = result["results"]
        self.assertEqual(first["status"], "rejected")
        self.assertFalse(first["partner_id"])
        self.assertIn("may not read", first["reason"])
        self.assertEqual(second["status"], "rejected")
        self.assertNotIn(self.hidden.cid, second["reason"])
        self.assertIn(self.person.cid, second["reason"])
        self.assertEqual(self.hidden.name, "Hidden customer")
        self.assertFalse(self.Partner.search([("name", "in", ["Row 1", "Row 2"])]))
        # once the manager works for the other company, the row matches
        self.user_manager.company_ids |= self.other_company
        [row] = Import.import_rows([{"name": "Row 1", "mobile": "09127771111"}])["results"]
        self.assertEqual((row["status"], row["partner_id"]), ("matched", self.hidden.id))

    def test_a_contact_saved_with_a_taken_national_id_names_only_a_readable_owner(self):
        holder = self.Partner.create(
            {
                "name": "Holder of B",
                "company_id": self.env.company.id,
                "national_id": NATIONAL_ID_B,
            }
        )
        # sees national IDs, but only in the other company
        elsewhere = new_test_user(
            self.env,
            "cid_elsewhere",
            groups="base.group_user,base.group_partner_manager,crm_cid.group_cid_sensitive",
            company_id=self.other_company.id,
            company_ids=[self.other_company.id],
        )
        values = {"name": "Newcomer", "national_id": NATIONAL_ID_B}
        with self.assertRaises(ValidationError) as caught:
            self.Partner.with_user(elsewhere).create(dict(values, company_id=self.other_company.id))
        self.assertIn("another customer", str(caught.exception))
        self.assertNotIn(holder.cid, str(caught.exception))
        self.assertNotIn(holder.name, str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.Partner.with_user(self.user_manager).create(values)
        self.assertIn(holder.cid, str(caught.exception))
