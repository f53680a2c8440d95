from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install", "crm_ledger")
class TestLedger(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].with_context(tracking_disable=True)
        cls.customer = Partner.create(
            {"name": "شرکت پارس", "is_company": True, "email": "info@pars.example.com"}
        )
        cls.contact = Partner.create(
            {"name": "مینا صادقی", "parent_id": cls.customer.id, "mobile": "09121230000"}
        )
        cls.other = Partner.create({"name": "Other customer", "email": "other@example.com"})
        cls.today = fields.Date.today()

    def _invoice(self, partner, amount, move_type="out_invoice", date=None, currency=None):
        return self.init_invoice(
            move_type,
            partner=partner,
            invoice_date=date or self.today,
            amounts=[amount],
            taxes=[],
            post=True,
            currency=currency,
        )

    def _pay(self, invoice, amount, date=None):
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": date or self.today})
        )
        return wizard._create_payments()

    def _receivable_lines(self, partner):
        return self.env["account.move.line"].search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("parent_state", "=", "posted"),
                ("account_id.account_type", "in", ("asset_receivable", "liability_payable")),
                ("company_id", "=", self.env.company.id),
            ]
        )

    def test_cid_on_entries_and_items_follows_the_commercial_partner(self):
        invoice = self._invoice(self.contact, 100.0)
        self.assertEqual(invoice.cid, self.customer.cid)
        self.assertTrue(invoice.line_ids)
        self.assertEqual(set(invoice.line_ids.mapped("cid")), {self.customer.cid})
        found = self.env["account.move.line"].search([("cid", "=", self.customer.cid)])
        self.assertEqual(found, invoice.line_ids)
        groups = self.env["account.move"]._read_group(
            [("cid", "in", [self.customer.cid])], ["cid"], ["__count"]
        )
        self.assertEqual(groups, [(self.customer.cid, 1)])

    def test_balance_and_statement_equal_the_journal_items(self):
        first = self._invoice(self.customer, 1000.0, date=self.today.replace(day=1))
        refund = self._invoice(self.contact, 200.0, move_type="out_refund")
        payment = self._pay(first, 300.0)
        self.assertEqual(payment.cid, self.customer.cid)
        bill = self._invoice(self.customer, 50.0, move_type="in_invoice")
        self._invoice(self.other, 999.0)

        balance = self.contact.cid_balance()
        lines = self._receivable_lines(self.customer)
        receivable = sum(
            line.balance for line in lines if line.account_id.account_type == "asset_receivable"
        )
        payable = -sum(
            line.balance for line in lines if line.account_id.account_type == "liability_payable"
        )
        self.assertEqual(balance["partner_id"], self.customer.id)
        self.assertEqual(balance["cid"], self.customer.cid)
        self.assertAlmostEqual(balance["receivable"], receivable)
        self.assertAlmostEqual(balance["receivable"], 1000.0 - 200.0 - 300.0)
        self.assertAlmostEqual(balance["payable"], payable)
        self.assertAlmostEqual(balance["payable"], 50.0)
        self.assertEqual(balance["last_invoice_date"], fields.Date.to_string(self.today))
        self.assertEqual(balance["last_payment_date"], fields.Date.to_string(self.today))
        self.assertIn(balance["last_invoice_id"], (first | bill).ids)

        start = self.today.replace(day=1)
        statement = self.customer.cid_statement(
            fields.Date.to_string(start), fields.Date.to_string(self.today)
        )
        self.assertEqual(statement["opening_balance"], 0.0)
        kinds = sorted(line["kind"] for line in statement["lines"])
        self.assertEqual(kinds, ["credit_note", "invoice", "invoice", "payment"])
        self.assertAlmostEqual(statement["closing_balance"], sum(lines.mapped("balance")))
        self.assertAlmostEqual(
            statement["closing_balance"],
            statement["opening_balance"] + statement["total_debit"] - statement["total_credit"],
        )
        running = statement["opening_balance"]
        for line in statement["lines"]:
            running += line["debit"] - line["credit"]
            self.assertAlmostEqual(line["balance"], running)
        by_move = {line["move_id"]: line for line in statement["lines"]}
        self.assertEqual(by_move[refund.id]["credit"], 200.0)
        self.assertEqual(by_move[first.id]["debit"], 1000.0)

        # a later period opens with the closing balance of the earlier one
        later = self.customer.cid_statement(
            fields.Date.add(self.today, days=1), fields.Date.add(self.today, days=30)
        )
        self.assertAlmostEqual(later["opening_balance"], statement["closing_balance"])
        self.assertEqual(later["lines"], [])

    def test_foreign_currency_invoice_counts_in_company_currency(self):
        other_currency = self.setup_other_currency("EUR", rates=[("1900-01-01", 2.0)])
        invoice = self._invoice(self.customer, 500.0, currency=other_currency)
        self.assertEqual(invoice.currency_id, other_currency)
        balance = self.customer.cid_balance()
        self.assertAlmostEqual(balance["receivable"], 250.0)
        self.assertAlmostEqual(
            balance["receivable"], sum(self._receivable_lines(self.customer).mapped("balance"))
        )
        self.assertEqual(balance["currency"], self.env.company.currency_id.name)

    def test_multi_currency_partial_payment_and_credit_note_equal_the_journal_items(self):
        # 2 EUR per company unit when invoiced, 4 EUR when paid: the payment
        # brings an exchange difference entry, which the ledger counts too
        eur = self.setup_other_currency(
            "EUR", rates=[("1900-01-01", 2.0), (fields.Date.to_string(self.today), 4.0)]
        )
        earlier = fields.Date.subtract(self.today, days=10)
        invoice = self._invoice(self.customer, 1000.0, date=earlier, currency=eur)
        refund = self._invoice(
            self.contact, 200.0, move_type="out_refund", date=earlier, currency=eur
        )
        self._invoice(self.customer, 80.0, date=earlier)
        payment = self._pay(invoice, 300.0)
        self.assertEqual(payment.currency_id, eur)
        self.assertGreater(invoice.amount_residual, 0.0)

        lines = self._receivable_lines(self.customer)
        self.assertGreater(len(lines.move_id), 4, "expected an exchange difference entry")
        balance = self.contact.cid_balance()
        self.assertAlmostEqual(balance["receivable"], sum(lines.mapped("balance")))
        statement = self.customer.cid_statement(earlier, self.today)
        self.assertAlmostEqual(statement["opening_balance"], 0.0)
        self.assertAlmostEqual(statement["closing_balance"], balance["receivable"])
        self.assertAlmostEqual(statement["total_debit"], sum(lines.mapped("debit")))
        self.assertAlmostEqual(statement["total_credit"], sum(lines.mapped("credit")))
        by_move = {line["move_id"]: line for line in statement["lines"]}
        self.assertAlmostEqual(by_move[invoice.id]["debit"], 500.0)
        self.assertAlmostEqual(by_move[refund.id]["credit"], 100.0)
        self.assertAlmostEqual(by_move[payment.move_id.id]["credit"], 75.0)
        self.assertEqual(statement["currency"], self.env.company.currency_id.name)

    def test_other_company_items_are_left_out(self):
        self._invoice(self.customer, 100.0)
        other_company = self.setup_other_company()["company"]
        balance = self.customer.with_company(other_company).cid_balance()
        self.assertEqual(balance["receivable"], 0.0)
        self.assertEqual(balance["currency"], other_company.currency_id.name)

    def test_overdue_caution_follows_the_threshold(self):
        past = fields.Date.subtract(self.today, days=45)
        invoice = self._invoice(self.customer, 400.0, date=past)
        invoice.line_ids.filtered("date_maturity").write({"date_maturity": past})
        self.env.company.ledger_overdue_days = 30
        balance = self.customer.cid_balance()
        self.assertAlmostEqual(balance["overdue_amount"], 400.0)
        self.assertEqual(balance["overdue_days"], 45)
        self.assertEqual([flag["code"] for flag in balance["caution"]], ["overdue"])
        self.customer.invalidate_recordset()
        self.assertTrue(self.contact.ledger_has_caution)
        self.env.company.ledger_overdue_days = 60
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.cid_balance()["caution"], [])
        self.assertFalse(self.customer.ledger_has_caution)

    def test_credit_limit_caution(self):
        self.env.company.account_use_credit_limit = True
        self.customer.credit_limit = 100.0
        self._invoice(self.customer, 150.0)
        balance = self.customer.cid_balance()
        self.assertEqual(balance["credit_limit"], 100.0)
        self.assertTrue(balance["over_credit_limit"])
        self.assertIn("credit_limit", [flag["code"] for flag in balance["caution"]])
        self.env.company.account_use_credit_limit = False
        self.assertFalse(self.customer.cid_balance()["credit_limit"])

    def test_search_flagged_customers_matches_the_flags(self):
        Partner = self.env["res.partner"].with_context(tracking_disable=True)
        overdue, limited, unhappy, late_ok = Partner.create(
            [{"name": name} for name in ("معوق", "سقف", "ناراضی", "تأخیر کوتاه")]
        )
        self.env.company.write({"ledger_overdue_days": 30, "account_use_credit_limit": True})
        for partner, days in ((overdue, 45), (late_ok, 10)):
            past = fields.Date.subtract(self.today, days=days)
            invoice = self._invoice(partner, 100.0, date=past)
            invoice.line_ids.filtered("date_maturity").write({"date_maturity": past})
        limited.credit_limit = 50.0
        self._invoice(limited, 80.0)
        unhappy.write({"ledger_is_dissatisfied": True, "ledger_dissatisfied_reason": "کیفیت"})
        # a contact of a flagged company is flagged with it
        self._invoice(
            self.customer, 10.0, date=fields.Date.subtract(self.today, days=90)
        ).line_ids.filtered("date_maturity").write(
            {"date_maturity": fields.Date.subtract(self.today, days=90)}
        )
        candidates = (
            overdue | limited | unhappy | late_ok | self.customer | self.contact | self.other
        )
        found = Partner.search([("id", "in", candidates.ids), ("ledger_has_caution", "=", True)])
        self.assertEqual(found, overdue | limited | unhappy | self.customer | self.contact)
        self.assertEqual(
            found, candidates.filtered("ledger_has_caution"), "search and compute must agree"
        )
        clean = Partner.search([("id", "in", candidates.ids), ("ledger_has_caution", "=", False)])
        self.assertEqual(clean, late_ok | self.other)

    def test_dissatisfied_flag_needs_a_reason_and_is_seen_by_sales(self):
        with self.assertRaises(ValidationError):
            self.customer.write({"ledger_is_dissatisfied": True})
        self.assertFalse(self.customer.ledger_is_dissatisfied)
        self.customer.write(
            {"ledger_is_dissatisfied": True, "ledger_dissatisfied_reason": "تأخیر در تحویل"}
        )
        salesman = new_test_user(self.env, "ledger_sales", groups="base.group_user")
        contact = self.contact.with_user(salesman)
        self.assertTrue(contact.ledger_has_caution)
        self.assertIn("تأخیر در تحویل", contact.ledger_caution)

    def test_user_without_accounting_rights_gets_access_error(self):
        self._invoice(self.customer, 100.0)
        user = new_test_user(self.env, "ledger_nobody", groups="base.group_user")
        customer = self.customer.with_user(user)
        with self.assertRaises(AccessError):
            customer.cid_statement("2020-01-01", "2030-01-01")
        with self.assertRaises(AccessError):
            customer.cid_balance()
        with self.assertRaises(AccessError):
            customer.read(["ledger_receivable"])
        with self.assertRaises(AccessError):
            self.env["crm.ledger.statement"].with_user(user).create(
                {
                    "partner_id": self.customer.id,
                    "date_from": "2020-01-01",
                    "date_to": "2030-01-01",
                }
            )

    def test_invoicing_user_reads_the_statement(self):
        self._invoice(self.customer, 100.0)
        billing = new_test_user(
            self.env, "ledger_billing", groups="base.group_user,account.group_account_invoice"
        )
        statement = self.customer.with_user(billing).cid_statement("2000-01-01", self.today)
        self.assertEqual(statement["closing_balance"], 100.0)

    def test_bad_periods_are_refused(self):
        for date_from, date_to in (("2025-02-01", "2025-01-01"), ("yesterday", "2025-01-01")):
            with self.subTest(date_from=date_from), self.assertRaises(UserError):
                self.customer.cid_statement(date_from, date_to)

    def test_persian_user_gets_jalali_dates(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self._invoice(self.customer, 100.0, date=fields.Date.to_date("2025-03-21"))
        statement = self.customer.with_context(lang="fa_IR").cid_statement(
            "2025-03-01", "2025-03-31"
        )
        self.assertEqual(statement["lines"][0]["date_display"], "۱۴۰۴/۰۱/۰۱")
        self.assertEqual(statement["lines"][0]["date"], "2025-03-21")
        english = self.customer.with_context(lang="en_US").cid_statement("2025-03-01", "2025-03-31")
        self.assertEqual(english["lines"][0]["date_display"], "2025-03-21")

    def test_statement_wizard_lists_and_prints(self):
        invoice = self._invoice(self.customer, 100.0)
        action = self.customer.action_ledger_statement()
        statement = self.env["crm.ledger.statement"].browse(action["res_id"])
        self.assertEqual(statement.line_ids.move_id, invoice)
        self.assertEqual(statement.closing_balance, 100.0)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "crm_ledger.report_statement", statement.ids
        )
        self.assertIn(self.customer.cid, html.decode())
        self.assertIn(invoice.name, html.decode())

    def test_printed_invoice_shows_the_cid(self):
        invoice = self._invoice(self.contact, 100.0)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "account.report_invoice", invoice.ids
        )
        self.assertIn(self.customer.cid, html.decode())

    def test_journal_items_follow_a_merge(self):
        invoice = self._invoice(self.other, 100.0)
        # as the superuser: the standard merge keeps journal items to the
        # destination contact unless its extra checks are lifted, and
        # crm_cid refuses a merge that rewrites the CID as anyone else
        self.env["base.partner.merge.automatic.wizard"].sudo()._merge(
            (self.customer | self.other).ids, self.customer.sudo(), extra_checks=False
        )
        invoice.invalidate_recordset()
        self.assertEqual(invoice.cid, self.customer.cid)
        self.assertEqual(set(invoice.line_ids.mapped("cid")), {self.customer.cid})
        self.assertAlmostEqual(self.customer.cid_balance()["receivable"], 100.0)
