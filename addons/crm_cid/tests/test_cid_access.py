from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import NATIONAL_ID_A, CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidAccess(CidCommon):
    def test_employee_implies_cid_user(self):
        self.assertTrue(self.user_cid.has_group("crm_cid.group_cid_user"))
        self.assertFalse(self.user_cid.has_group("crm_cid.group_cid_sensitive"))
        self.assertTrue(self.user_manager.has_group("crm_cid.group_cid_sensitive"))

    def test_key_visibility_matrix(self):
        national_key = self.keys_of(self.person, "national_id")
        mobile_key = self.keys_of(self.person, "mobile")
        for user, sees_national in (
            (self.user_cid, False),
            (self.user_sensitive, True),
            (self.user_manager, True),
        ):
            with self.subTest(user=user.login):
                visible = self.Key.with_user(user).search([("partner_id", "=", self.person.id)])
                self.assertIn(mobile_key, visible)
                if sees_national:
                    self.assertIn(national_key, visible)
                else:
                    self.assertNotIn(national_key, visible)

    def test_user_cannot_read_national_id_key(self):
        national_key = self.keys_of(self.person, "national_id")
        with self.assertRaises(AccessError):
            national_key.with_user(self.user_cid).read(["value"])

    def test_user_cannot_read_partner_national_id(self):
        with self.assertRaises(AccessError):
            self.person.with_user(self.user_cid).read(["national_id"])
        self.assertEqual(
            self.person.with_user(self.user_sensitive).read(["national_id"])[0]["national_id"],
            NATIONAL_ID_A,
        )

    def test_only_managers_edit_key_types(self):
        for user in (self.user_cid, self.user_sensitive):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.type_mobile.with_user(user).write({"uniqueness": "none"})
        self.type_telegram.with_user(self.user_manager).write({"uniqueness": "commercial"})
        self.assertEqual(self.type_telegram.uniqueness, "commercial")

    def test_user_adds_and_resolves_non_sensitive_keys(self):
        person = self.person.with_user(self.user_cid)
        key_id = person.cid_add_key("instagram", "instagram.com/ali.k/")
        self.assertEqual(self.Key.browse(key_id).value_normalized, "ali.k")
        result = self.Partner.with_user(self.user_cid).cid_resolve(
            {"instagram": "@ali.k", "national_id": NATIONAL_ID_A}
        )
        self.assertEqual(result["partner_id"], self.person.id)
        self.assertEqual([m["type"] for m in result["matched"]], ["instagram"])

    def test_user_cannot_delete_keys(self):
        with self.assertRaises(AccessError):
            self.keys_of(self.person, "mobile").with_user(self.user_cid).unlink()

    def test_aliases_are_managed_by_managers(self):
        with self.assertRaises(AccessError):
            self.env["crm.cid.alias"].with_user(self.user_cid).create(
                {"cid": "C0777777", "partner_id": self.person.id}
            )

    def test_a_key_never_moves_to_another_contact(self):
        key = self.keys_of(self.person, "mobile")
        for user in (self.user_cid, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                key.with_user(user).write({"partner_id": self.contact.id})
        self.assertEqual(key.partner_id, self.person)
        # writing the contact it already has is no move; the merge (as
        # superuser) moves keys
        key.with_user(self.user_manager).write({"partner_id": self.person.id, "is_verified": True})
        key.sudo().partner_id = self.contact
        self.assertEqual(key.partner_id, self.contact)
