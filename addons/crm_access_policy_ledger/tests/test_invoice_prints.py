from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_access_policy.tests.common import ROLE_GROUPS, AccessPolicyCommon

LEGAL_ID = "14001234562"
SOUTH_EMAIL = "south.invoice@example.com"


@tagged("post_install", "-at_install", "crm_access_policy_ledger")
class TestInvoicePrints(AccessPolicyCommon):
    """Invoices printed as written by those who issue them, counted all the same."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.write({"national_id": LEGAL_ID, "vat": LEGAL_ID, "email": SOUTH_EMAIL})
        cls.invoice = cls.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": cls.south.id}
        )
        # an agent who also issues invoices, and a salesman reading them only
        cls.invoicing_agent = new_test_user(
            cls.env,
            login="apl_invoicing_agent",
            groups=",".join((ROLE_GROUPS["agent"], "account.group_account_invoice")),
            lang="en_US",
        )
        cls.reader = new_test_user(
            cls.env,
            login="apl_invoice_reader",
            groups=",".join((ROLE_GROUPS["agent"], "account.group_account_readonly")),
            lang="en_US",
        )

    def print_as(self, user, report="account.account_invoices"):
        content, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, self.invoice.ids)
        )
        return content.decode()

    def test_invoices_print_as_written_for_those_who_issue_them(self):
        rows = [
            # (user, the buyer's legal ID printed as written)
            ("accountant", True),
            ("invoicing_agent", True),
            ("reader", False),
        ]
        for user, shown in rows:
            with self.subTest(user=user):
                content = self.print_as(self.users.get(user) or getattr(self, user))
                self.assertIn(self.south.name, content)
                self.assertEqual(LEGAL_ID in content, shown)

    def test_an_invoice_printed_is_a_read_of_its_customer(self):
        accountant = self.users["accountant"]
        self.print_as(accountant)
        self.env["crm.access.log"]._flush_reads(force=True)
        log = self.env["crm.access.log"].search([("user_id", "=", accountant.id)])
        self.assertEqual(log.partner_id, self.south)
        self.env["crm.access.alarm"].create(
            {"user_id": accountant.id, "customer_count": 500, "threshold": 200, "is_blocking": True}
        )
        with self.assertRaises(AccessError):
            self.print_as(accountant)
