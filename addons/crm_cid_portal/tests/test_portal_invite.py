from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import CUSTOMER_EMAIL, PortalCidCommon


@tagged("post_install", "-at_install", "crm_cid_portal")
class TestPortalInvite(PortalCidCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact_manager = new_test_user(
            cls.env,
            "portal_cid_manager",
            groups="base.group_user,base.group_partner_manager",
            email="manager@example.org",
        )

    def wizard_user(self, partner, user=None):
        Wizard = self.env["portal.wizard"].with_user(user or self.contact_manager)
        return Wizard.with_context(active_ids=partner.ids).create({}).user_ids

    def test_invited_customer_becomes_the_portal_user_with_a_username_key(self):
        partners = self.Partner.search_count([])
        self.wizard_user(self.customer).action_grant_access()
        user = self.customer.user_ids
        self.assertEqual(len(user), 1)
        self.assertTrue(user._is_portal())
        self.assertEqual(user.login, CUSTOMER_EMAIL)
        self.assertEqual(self.Partner.search_count([]), partners, "no second contact")
        self.assertEqual(self.keys_of(self.customer, "username").value_normalized, CUSTOMER_EMAIL)
        # the invitation's link proves the address: it opens the customer's account
        self.assertEqual(self.customer.sudo().signup_type, "signup")

    def test_contact_typed_with_another_customers_email_is_refused(self):
        duplicate = self.Partner.create({"name": "مریم ا."})
        wizard_user = self.wizard_user(duplicate)
        wizard_user.email = "MARYAM@example.com"
        with self.assertRaisesRegex(UserError, "belongs to another customer"):
            wizard_user.action_grant_access()
        self.assertFalse(duplicate.with_context(active_test=False).user_ids)
        self.assertFalse(self.customer.user_ids)

    def test_employee_without_contact_rights_cannot_invite(self):
        with self.assertRaises(AccessError):
            self.wizard_user(self.customer, user=self.employee).action_grant_access()
        self.assertFalse(self.customer.user_ids)
