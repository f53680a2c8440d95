from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install", "crm_ledger_sale")
class TestSaleCaution(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].with_context(tracking_disable=True)
        cls.customer = Partner.create({"name": "شرکت البرز", "is_company": True})
        cls.contact = Partner.create({"name": "سعید رحیمی", "parent_id": cls.customer.id})
        cls.clean = Partner.create({"name": "مشتری خوش‌حساب"})
        company = cls.env.company
        user_values = {
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
        }
        cls.salesman = new_test_user(
            cls.env,
            "ledger_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
            email="salesman@example.com",
            **user_values,
        )
        cls.manager = new_test_user(
            cls.env,
            "ledger_sale_manager",
            groups="sales_team.group_sale_manager",
            email="sale.manager@example.com",
            **user_values,
        )
        cls.product = cls.env["product.product"].create(
            {"name": "پکیج دیواری", "list_price": 100.0, "taxes_id": [], "type": "service"}
        )
        company.write(
            {
                "ledger_sale_approval": True,
                "ledger_sale_block_overdue": True,
                "ledger_sale_block_credit_limit": True,
                "ledger_sale_block_dissatisfied": True,
                "ledger_overdue_days": 30,
            }
        )

    def _order(self, partner, user=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.salesman)
            .create(
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
            )
        )

    def _overdue_invoice(self, partner, days=90, amount=500.0):
        past = fields.Date.subtract(fields.Date.today(), days=days)
        invoice = self.init_invoice(
            "out_invoice",
            partner=partner,
            invoice_date=past,
            amounts=[amount],
            taxes=[],
            post=True,
        )
        invoice.line_ids.filtered("date_maturity").write({"date_maturity": past})
        return invoice

    def _flag(self, code):
        if code == "overdue":
            self._overdue_invoice(self.customer)
        elif code == "credit_limit":
            self.env.company.account_use_credit_limit = True
            self.customer.credit_limit = 100.0
            self.init_invoice(
                "out_invoice", partner=self.customer, amounts=[300.0], taxes=[], post=True
            )
        else:
            self.customer.write(
                {"ledger_is_dissatisfied": True, "ledger_dissatisfied_reason": "تأخیر در نصب"}
            )

    def _assert_flag_blocks(self, code):
        self._flag(code)
        order = self._order(self.contact)
        self.assertTrue(order.ledger_has_caution)
        self.assertTrue(order.ledger_needs_approval)
        self.assertTrue(order.ledger_caution)
        flagged = self.env["sale.order"].search([("ledger_has_caution", "=", True)])
        self.assertIn(order, flagged)
        with self.assertRaisesRegex(UserError, order.name):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.ledger_approved_by_id)
        return order

    def test_overdue_flag_shows_and_blocks_confirmation(self):
        order = self._assert_flag_blocks("overdue")
        self.assertIn("90", order.ledger_caution)

    def test_credit_limit_flag_shows_and_blocks_confirmation(self):
        self._assert_flag_blocks("credit_limit")

    def test_dissatisfied_flag_shows_and_blocks_confirmation(self):
        order = self._assert_flag_blocks("dissatisfied")
        self.assertIn("تأخیر در نصب", order.ledger_caution)

    def test_overdue_within_the_threshold_does_not_flag(self):
        self._overdue_invoice(self.customer, days=10)
        order = self._order(self.customer)
        self.assertFalse(order.ledger_has_caution)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_flag_not_blocking_in_settings_only_shows(self):
        self.env.company.ledger_sale_block_dissatisfied = False
        self._flag("dissatisfied")
        order = self._order(self.customer)
        self.assertTrue(order.ledger_has_caution)
        self.assertIn("تأخیر در نصب", order.ledger_caution)
        self.assertFalse(order.ledger_needs_approval)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_setting_off_means_no_block(self):
        self.env.company.ledger_sale_approval = False
        self._flag("overdue")
        order = self._order(self.customer)
        self.assertTrue(order.ledger_has_caution)
        self.assertFalse(order.ledger_needs_approval)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_clean_customer_is_neither_flagged_nor_blocked(self):
        self._flag("overdue")
        order = self._order(self.clean)
        self.assertFalse(order.ledger_has_caution)
        self.assertFalse(order.ledger_caution)
        self.assertNotIn(order, self.env["sale.order"].search([("ledger_has_caution", "=", True)]))
        self.assertIn(order, self.env["sale.order"].search([("ledger_has_caution", "=", False)]))
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_manager_approval_unblocks_confirmation(self):
        self._flag("dissatisfied")
        order = self._order(self.customer)
        messages = len(order.message_ids)
        order.with_user(self.manager).action_ledger_approve()
        self.assertEqual(order.ledger_approved_by_id, self.manager)
        self.assertTrue(order.ledger_approved_date)
        self.assertFalse(order.ledger_needs_approval)
        self.assertEqual(len(order.message_ids), messages + 1)
        self.assertIn("تأخیر در نصب", order.message_ids[0].body)
        # the flag is still shown, but anyone may now confirm
        self.assertTrue(order.ledger_has_caution)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_salesman_cannot_approve(self):
        self._flag("overdue")
        order = self._order(self.customer)
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_ledger_approve()
        self.assertFalse(order.ledger_approved_by_id)
        self.assertTrue(order.ledger_needs_approval)

    def test_approving_an_order_without_blocking_flag_is_refused(self):
        order = self._order(self.clean)
        with self.assertRaises(UserError):
            order.with_user(self.manager).action_ledger_approve()
        self.assertFalse(order.ledger_approved_by_id)

    def test_manager_confirming_approves_at_the_same_time(self):
        self._flag("credit_limit")
        order = self._order(self.customer, user=self.manager)
        order.with_user(self.manager).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.ledger_approved_by_id, self.manager)

    def test_changing_the_customer_drops_the_approval(self):
        self._flag("dissatisfied")
        order = self._order(self.customer)
        order.with_user(self.manager).action_ledger_approve()
        other = self.env["res.partner"].create(
            {
                "name": "مشتری ناراضی دیگر",
                "ledger_is_dissatisfied": True,
                "ledger_dissatisfied_reason": "کیفیت",
            }
        )
        order.with_user(self.salesman).partner_id = other
        self.assertFalse(order.ledger_approved_by_id)
        self.assertTrue(order.ledger_needs_approval)
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()

    def test_form_shows_the_banner_fields(self):
        self._flag("dissatisfied")
        with Form(self.env["sale.order"].with_user(self.salesman)) as form:
            form.partner_id = self.contact
            self.assertTrue(form.ledger_has_caution)
            self.assertTrue(form.ledger_needs_approval)
            with form.order_line.new() as line:
                line.product_id = self.product
        order = form.record
        with self.assertRaises(UserError):
            order.action_confirm()
