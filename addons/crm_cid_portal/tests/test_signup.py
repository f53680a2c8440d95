from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import CUSTOMER_EMAIL, PortalCidCommon


@tagged("post_install", "-at_install", "crm_cid_portal")
class TestSignup(PortalCidCommon, TransactionCase):
    def request(self, login, name="مریم", mobile=None):
        self.Users.sudo()._cid_portal_request_signup(
            {"login": login, "name": name, "mobile": mobile}
        )

    def signup_with(self, token, login):
        self.Users.sudo().signup({"login": login, "password": "Portal-Signup-2026"}, token)
        return self.Users.sudo().search([("login", "=", login)])

    def test_signup_with_a_customers_email_sends_its_link_and_creates_nothing(self):
        partners = self.Partner.search_count([])
        self.request("  Maryam@Example.COM ", name="someone else")
        self.assertEqual(self.Partner.search_count([]), partners, "no second customer")
        self.assertFalse(self.customer.with_context(active_test=False).user_ids)
        [mail] = self.mails_to(CUSTOMER_EMAIL)
        self.assertEqual(self.partner_of_token(self.token_in(mail)), self.customer)
        self.assertNotIn("someone else", mail.body_html, "the typed name is not mailed")

    def test_link_sent_to_the_customer_attaches_the_account_to_it(self):
        self.request(CUSTOMER_EMAIL)
        token = self.token_in(self.mails_to(CUSTOMER_EMAIL))
        partners = self.Partner.search_count([])
        user = self.signup_with(token, CUSTOMER_EMAIL)
        self.assertEqual(user.partner_id, self.customer)
        self.assertTrue(user._is_portal())
        self.assertEqual(self.Partner.search_count([]), partners)
        self.assertEqual(self.keys_of(self.customer, "username").value_normalized, CUSTOMER_EMAIL)
        with self.assertRaises(UserError, msg="a link is used once"):
            self.signup_with(token, "again@example.com")

    def test_another_login_on_the_link_keeps_the_customers_email(self):
        self.request(CUSTOMER_EMAIL)
        user = self.signup_with(self.token_in(self.mails_to(CUSTOMER_EMAIL)), "maryam.a")
        self.assertEqual(user.partner_id, self.customer)
        self.assertEqual(self.customer.email, CUSTOMER_EMAIL)
        self.assertTrue(self.keys_of(self.customer, "email").active)
        self.assertEqual(self.keys_of(self.customer, "username").value_normalized, "maryam.a")

    def test_new_person_becomes_exactly_one_customer_with_their_keys(self):
        partners = self.Partner.search_count([])
        self.request("reza@example.org", name="رضا کریمی", mobile="۰۹۳۵ ۱۲۳ ۴۵۶۷")
        self.assertEqual(self.Partner.search_count([]), partners + 1)
        newcomer = self.Partner.search([("email", "=", "reza@example.org")])
        self.assertEqual(newcomer.name, "رضا کریمی")
        self.assertTrue(newcomer.cid)
        self.assertEqual(self.keys_of(newcomer, "mobile").value_normalized, "+989351234567")
        self.assertTrue(self.keys_of(newcomer, "email").active)
        token = self.token_in(self.mails_to("reza@example.org"))
        self.assertEqual(self.partner_of_token(token), newcomer)
        user = self.signup_with(token, "reza@example.org")
        self.assertEqual(user.partner_id, newcomer)
        self.assertEqual(self.Partner.search_count([]), partners + 1, "still one customer")
        self.assertEqual(self.keys_of(newcomer, "username").value_normalized, "reza@example.org")

    def test_a_customers_mobile_without_its_email_attaches_nothing(self):
        for mobile in ("۰۹۱۲ ۱۱۱ ۲۲۳۳", "+98 912 111 2233", "00989121112233"):
            with self.subTest(mobile=mobile):
                resolved = self.Partner.cid_resolve({"mobile": mobile})
                self.assertEqual(resolved["partner_id"], self.customer.id, "it resolves")
        self.request("stranger@example.org", name="غریبه", mobile="۰۹۱۲ ۱۱۱ ۲۲۳۳")
        self.assertFalse(self.mails_to(CUSTOMER_EMAIL), "nothing sent for the customer")
        self.assertFalse(self.customer.signup_type)
        newcomer = self.Partner.search([("email", "=", "stranger@example.org")])
        self.assertNotEqual(newcomer, self.customer)
        token = self.token_in(self.mails_to("stranger@example.org"))
        self.assertEqual(self.partner_of_token(token), newcomer, "the link is the newcomer's")
        mobile_key = self.keys_of(newcomer, "mobile")
        self.assertRecordValues(mobile_key, [{"active": False, "is_conflict": True}])
        self.assertEqual(
            self.Partner.cid_resolve({"mobile": "09121112233"})["partner_id"],
            self.customer.id,
            "the customer keeps its mobile",
        )

    def test_signup_without_link_on_a_held_email_is_refused(self):
        partners = self.Partner.search_count([])
        with self.assertRaises(UserError):
            self.Users.sudo().signup(
                {"login": CUSTOMER_EMAIL, "name": "Intruder", "password": "Portal-Signup-2026"}
            )
        self.assertFalse(self.customer.with_context(active_test=False).user_ids)
        self.assertEqual(self.Partner.search_count([]), partners)

    def test_signup_without_link_on_a_new_email_makes_one_customer(self):
        partners = self.Partner.search_count([])
        self.Users.sudo().signup(
            {"login": "Sara@Example.org", "name": "سارا", "password": "Portal-Signup-2026"}
        )
        user = self.Users.sudo().search([("login", "=", "Sara@Example.org")])
        self.assertEqual(self.Partner.search_count([]), partners + 1)
        self.assertEqual(
            self.Partner.cid_resolve({"email": "sara@example.org"})["partner_id"],
            user.partner_id.id,
        )
        username = self.keys_of(user.partner_id, "username")
        self.assertEqual(username.value_normalized, "sara@example.org")

    def test_portal_user_calling_signup_learns_nothing_and_makes_nothing(self):
        portal = new_test_user(self.env, "portal_cid_caller", groups="base.group_portal")
        partners = self.Partner.search_count([])
        for email in (CUSTOMER_EMAIL, "fresh@example.org"):
            with self.subTest(email=email), self.assertRaises(AccessError):
                self.Users.with_user(portal).signup(
                    {"login": email, "name": "Intruder", "password": "Intruder-2026"}
                )
        self.assertEqual(self.Partner.search_count([]), partners)
        self.assertFalse(self.customer.with_context(active_test=False).user_ids)

    def test_address_of_an_existing_account_gets_no_mail(self):
        self.request(self.employee.email)
        self.assertFalse(self.mails_to(self.employee.email))

    def test_invalid_values_are_refused_the_same_for_every_address(self):
        for values in (
            {"login": "not-an-address"},
            {"login": CUSTOMER_EMAIL, "name": "  "},
            {"login": CUSTOMER_EMAIL, "mobile": "12"},
            {"login": "nobody@example.org", "mobile": "12"},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                self.request(**values)
        self.assertFalse(self.mails_to(CUSTOMER_EMAIL))

    def test_username_held_by_another_customer_is_not_moved(self):
        other = self.Partner.create({"name": "دیگری", "email": "other@example.org"})
        other.cid_add_key("username", CUSTOMER_EMAIL, source="manual")
        self.request(CUSTOMER_EMAIL)
        user = self.signup_with(self.token_in(self.mails_to(CUSTOMER_EMAIL)), CUSTOMER_EMAIL)
        self.assertEqual(user.partner_id, self.customer)
        self.assertFalse(self.keys_of(self.customer, "username"))
        self.assertEqual(self.keys_of(other, "username").value_normalized, CUSTOMER_EMAIL)
