from odoo import http
from odoo.tests import HttpCase, tagged

from .common import CUSTOMER_EMAIL, PortalCidCommon


@tagged("post_install", "-at_install", "crm_cid_portal")
class TestSignupPage(PortalCidCommon, HttpCase):
    def post_signup(self, login, **extra):
        self.authenticate(None, None)
        data = {
            "name": "Intruder",
            "login": login,
            "password": "Portal-Signup-2026",
            "confirm_password": "Portal-Signup-2026",
            "csrf_token": http.Request.csrf_token(self),
            **extra,
        }
        response = self.url_open("/web/signup", data=data)
        self.assertEqual(response.status_code, 200)
        return response

    def test_form_without_a_link_asks_no_password_and_offers_a_mobile(self):
        self.authenticate(None, None)
        page = self.url_open("/web/signup").text
        self.assertIn('name="mobile"', page)
        self.assertNotIn('name="password"', page)
        self.customer.signup_prepare()
        token = self.customer._generate_signup_token()
        page = self.url_open(f"/web/signup?token={token}").text
        self.assertIn('name="password"', page)
        self.assertNotIn('name="mobile"', page)

    def test_someone_elses_email_without_the_link_does_not_attach(self):
        partners = self.Partner.search_count([])
        response = self.post_signup(CUSTOMER_EMAIL, mobile="۰۹۱۲ ۱۱۱ ۲۲۳۳")
        self.assertIn("/web/signup", response.url, "nobody is signed in")
        self.assertFalse(self.customer.with_context(active_test=False).user_ids)
        self.assertFalse(self.Users.sudo().search([("login", "=", CUSTOMER_EMAIL)]))
        self.assertEqual(self.Partner.search_count([]), partners, "no second customer")
        # only the customer's mailbox receives the link
        self.assertEqual(
            self.partner_of_token(self.token_in(self.mails_to(CUSTOMER_EMAIL))), self.customer
        )

    def test_the_answer_does_not_tell_whether_an_address_is_a_customers(self):
        known = self.post_signup(CUSTOMER_EMAIL).text
        unknown = self.post_signup("nobody@example.org").text
        self.assertIn("o_crm_cid_portal_signup_sent", known)

        def strip(text, email):
            # the page differs only by the address typed and the form's CSRF token
            text = text.replace(email, "EMAIL")
            return [line for line in text.splitlines() if "csrf_token" not in line.lower()]

        self.assertEqual(strip(known, CUSTOMER_EMAIL), strip(unknown, "nobody@example.org"))

    def test_signup_link_tour_ends_signed_in_as_the_existing_customer(self):
        self.customer.signup_prepare()
        token = self.customer._generate_signup_token()
        partners = self.Partner.search_count([])
        self.start_tour(f"/web/signup?token={token}", "crm_cid_portal_signup_link", login=None)
        user = self.Users.sudo().search([("login", "=", CUSTOMER_EMAIL)])
        self.assertEqual(user.partner_id, self.customer)
        self.assertEqual(self.Partner.search_count([]), partners)
        self.assertEqual(self.keys_of(self.customer, "username").value_normalized, CUSTOMER_EMAIL)
