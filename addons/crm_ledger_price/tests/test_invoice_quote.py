from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_price_consistency.tests.common import PriceCommon


@tagged("post_install", "-at_install", "crm_ledger_price")
class TestInvoiceQuote(PriceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            "ledger_price_accountant",
            groups="base.group_user,account.group_account_invoice",
            email="ledger.price.accountant@example.com",
        )

    def test_invoice_line_leads_to_the_quote_that_priced_it(self):
        given = self.get_price(self.support_agent, unit="support")
        # the pricelist changes after the quote: the quote still prices the order
        self.item_small.fixed_price = 130.0
        order = self._order(partner=self.contact)
        self.assertEqual(order.order_line.crm_price_quote_id.id, given["quote_id"])
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        line = invoice.invoice_line_ids.with_user(self.accountant)
        self.assertEqual(line.crm_price_quote_id.id, given["quote_id"])
        self.assertEqual(line.crm_price_quote_id.name, given["reference"])
        self.assertEqual(line.price_unit, 100.0)
        # the accountant finds the invoice line from the quote, and the invoice in the ledger
        lines = (
            self.env["account.move.line"]
            .with_user(self.accountant)
            .search([("crm_price_quote_id", "=", given["quote_id"])])
        )
        self.assertEqual(lines, invoice.invoice_line_ids)
        statement = self.customer.with_user(self.accountant).cid_statement(
            "2000-01-01", fields.Date.today()
        )
        self.assertIn(invoice.id, [row["move_id"] for row in statement["lines"]])

    def test_invoice_form_shows_the_quote_column_to_the_accountant(self):
        arch = (
            self.env["account.move"]
            .with_user(self.accountant)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="crm_price_quote_id"', arch)
