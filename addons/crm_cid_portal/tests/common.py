import re
from urllib.parse import unquote

from odoo.tests import new_test_user

CUSTOMER_EMAIL = "maryam@example.com"
_TOKEN = re.compile(r"/web/signup\?[^\"'<> ]*?token=([^&\"'<> ]+)")


class PortalCidCommon:
    """A customer holding an e-mail and a mobile; sign-up open to everyone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        cls.Partner = cls.env["res.partner"]
        cls.Users = cls.env["res.users"]
        cls.customer = cls.Partner.create(
            {"name": "مریم احمدی", "mobile": "09121112233", "email": CUSTOMER_EMAIL}
        )
        cls.employee = new_test_user(
            cls.env, "portal_cid_employee", groups="base.group_user", email="emp@example.org"
        )

    def keys_of(self, partner, code):
        return (
            self.env["crm.cid.key"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", partner.id), ("type_code", "=", code)])
        )

    def mails_to(self, email):
        return self.env["mail.mail"].sudo().search([("email_to", "=", email)])

    def token_in(self, mail):
        """Return the sign-up token of the link in ``mail``."""
        tokens = _TOKEN.findall(mail.body_html.replace("&amp;", "&"))
        self.assertEqual(len(tokens), 1, "one sign-up link in the e-mail")
        return tokens[0]

    def partner_of_token(self, token):
        return self.Partner.sudo()._get_partner_from_token(unquote(token))
