from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install", "crm_ledger_secretariat")
class TestStatementLetters(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the accounting user of the common fixtures also manages the secretariat
        cls.env.user.group_ids += cls.env.ref("secretariat.group_secretariat_manager")
        cls.customer = (
            cls.env["res.partner"]
            .with_context(tracking_disable=True)
            .create({"name": "شرکت سپهر", "is_company": True, "mobile": "09125556677"})
        )
        company_values = {
            "company_id": cls.env.company.id,
            "company_ids": [fields.Command.set(cls.env.company.ids)],
        }
        cls.accountant = new_test_user(
            cls.env,
            "ledger_sec_accountant",
            groups="base.group_user,account.group_account_invoice,secretariat.group_secretariat_clerk",
            email="ledger.sec.accountant@example.com",
            **company_values,
        )
        cls.plain_accountant = new_test_user(
            cls.env,
            "ledger_sec_plain",
            groups="base.group_user,account.group_account_invoice",
            email="ledger.sec.plain@example.com",
            **company_values,
        )
        cls.secretariat = cls.env["secretariat.secretariat"].create(
            {"name": "دبیرخانه مالی", "code": "LED-T"}
        )
        cls.today = fields.Date.today()
        cls.invoice = cls.init_invoice(
            "out_invoice", partner=cls.customer, amounts=[400.0], taxes=[], post=True
        )
        cls.payment = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=cls.invoice.ids)
            .create({"amount": 150.0, "payment_date": cls.today})
            ._create_payments()
        )
        Letter = cls.env["secretariat.letter"].with_context(tracking_disable=True)
        letter_values = {
            "kind": "incoming",
            "secretariat_id": cls.secretariat.id,
            "partner_id": cls.customer.id,
        }
        cls.claim = Letter.create(dict(letter_values, subject="اعتراض به صورتحساب"))
        cls.secret = Letter.create(
            dict(letter_values, subject="نامه محرمانه", confidentiality="secret")
        )
        cls.receipt = Letter.create(dict(letter_values, subject="رسید پرداخت"))
        cls.claim.link_documents("account.move", cls.invoice.ids)
        cls.secret.link_documents("account.move", cls.invoice.ids)
        cls.receipt.link_documents("account.payment", cls.payment.ids)

    def _rows(self, user):
        statement = self.customer.with_user(user).cid_statement("2000-01-01", self.today)
        return {row["move_id"]: row for row in statement["lines"]}

    def test_statement_lines_list_the_readable_letters_of_invoice_and_payment(self):
        rows = self._rows(self.accountant)
        self.assertEqual(rows[self.invoice.id]["letter_ids"], self.claim.ids)
        self.assertEqual(rows[self.payment.move_id.id]["letter_ids"], self.receipt.ids)

    def test_accountant_without_secretariat_rights_gets_no_letters(self):
        rows = self._rows(self.plain_accountant)
        self.assertEqual(rows[self.invoice.id]["letter_ids"], [])
        self.assertEqual(rows[self.payment.move_id.id]["letter_ids"], [])
        self.assertEqual(rows[self.invoice.id]["credit"] + rows[self.invoice.id]["debit"], 400.0)

    def test_statement_form_links_to_the_letters(self):
        statement = (
            self.env["crm.ledger.statement"]
            .with_user(self.accountant)
            .create(
                {"partner_id": self.customer.id, "date_from": "2000-01-01", "date_to": self.today}
            )
        )
        statement.action_compute()
        line = statement.line_ids.filtered(lambda item: item.move_id == self.invoice)
        self.assertEqual(line.letter_ids, self.claim)
        action = line.action_open_letters()
        self.assertEqual(action["res_model"], "secretariat.letter")
        self.assertEqual(
            self.env["secretariat.letter"].with_user(self.accountant).search(action["domain"]),
            self.claim,
        )
