from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install", "crm_ledger_interaction")
class TestLedgerCallerCard(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = (
            cls.env["res.partner"]
            .with_context(tracking_disable=True)
            .create({"name": "حمید نوری", "mobile": "09124443322"})
        )
        cls.agent = new_test_user(
            cls.env,
            "ledger_agent",
            groups="crm_interaction.group_interaction_user",
            email="ledger.agent@example.com",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        cls.accountant = new_test_user(
            cls.env,
            "ledger_accountant",
            groups="base.group_user,account.group_account_invoice",
            email="ledger.accountant@example.com",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    def test_caller_card_shows_ledger_cautions_without_amounts(self):
        past = fields.Date.subtract(fields.Date.today(), days=90)
        invoice = self.init_invoice(
            "out_invoice",
            partner=self.customer,
            invoice_date=past,
            amounts=[700.0],
            taxes=[],
            post=True,
        )
        invoice.line_ids.filtered("date_maturity").write({"date_maturity": past})
        self.customer.write(
            {"ledger_is_dissatisfied": True, "ledger_dissatisfied_reason": "خرابی مکرر"}
        )
        balance = self.customer.with_user(self.accountant).cid_balance()
        self.assertEqual(balance["overdue_days"], 90, balance)
        card = self.env["crm.interaction"].with_user(self.agent).caller_card("0912 444 3322")
        self.assertTrue(card["found"])
        self.assertEqual(card["cid"], self.customer.cid)
        text = " | ".join(card["cautions"])
        self.assertIn("90", text)
        self.assertIn("خرابی مکرر", text)
        self.assertNotIn("700", text)
        self.assertEqual(
            [flag["code"] for flag in card["ledger_flags"]], ["overdue", "dissatisfied"]
        )

    def test_caller_card_of_a_clean_customer_has_no_ledger_flag(self):
        card = self.env["crm.interaction"].with_user(self.agent).caller_card("09124443322")
        self.assertTrue(card["found"])
        self.assertEqual(card["ledger_flags"], [])

    def test_statement_lines_list_the_interactions_about_their_documents(self):
        invoice = self.init_invoice(
            "out_invoice", partner=self.customer, amounts=[250.0], taxes=[], post=True
        )
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": 250.0})
            ._create_payments()
        )
        items = [
            {
                "channel": "sms",
                "direction": "inbound",
                "external_id": f"ledger-link-{index}",
                "occurred_at": "2026-01-01T10:00:00+03:30",
                "mobile": "09124443322",
                "body": body,
                "links": [link],
            }
            for index, (body, link) in enumerate(
                [
                    ("Invoice question", {"model": "account.move", "id": invoice.id}),
                    ("Paid by card", {"model": "account.payment", "id": payment.id}),
                ]
            )
        ]
        results = self.env["crm.interaction"].sudo().ingest(items)
        self.assertEqual([result["status"] for result in results], ["created", "created"])
        on_invoice, on_payment = (result["id"] for result in results)
        both = new_test_user(
            self.env,
            "ledger_both",
            groups="crm_interaction.group_interaction_manager,account.group_account_invoice",
            email="ledger.both@example.com",
            company_id=self.env.company.id,
            company_ids=[Command.set(self.env.company.ids)],
        )
        statement = self.customer.with_user(both).cid_statement("2000-01-01", fields.Date.today())
        rows = {row["move_id"]: row for row in statement["lines"]}
        self.assertEqual(rows[invoice.id]["interaction_ids"], [on_invoice])
        self.assertEqual(rows[payment.move_id.id]["interaction_ids"], [on_payment])
        # the accountant without an interaction role gets the statement, not the interactions
        statement = self.customer.with_user(self.accountant).cid_statement(
            "2000-01-01", fields.Date.today()
        )
        self.assertEqual([row["interaction_ids"] for row in statement["lines"]], [[], []])
        wizard = (
            self.env["crm.ledger.statement"]
            .with_user(both)
            .create(
                {
                    "partner_id": self.customer.id,
                    "date_from": "2000-01-01",
                    "date_to": fields.Date.today(),
                }
            )
        )
        wizard.action_compute()
        line = wizard.line_ids.filtered(lambda item: item.move_id == invoice)
        self.assertEqual(line.interaction_ids.ids, [on_invoice])
        self.assertEqual(line.action_open_interactions()["res_model"], "crm.interaction")

    def test_accountant_reads_the_ledger_but_not_interaction_bodies(self):
        self.init_invoice(
            "out_invoice", partner=self.customer, amounts=[100.0], taxes=[], post=True
        )
        # the provider's feed, as the integration user would send it
        interaction = (
            self.env["crm.interaction"]
            .sudo()
            .ingest(
                [
                    {
                        "channel": "sms",
                        "direction": "inbound",
                        "external_id": "ledger-1",
                        "occurred_at": "2026-01-01T10:00:00+03:30",
                        "mobile": "09124443322",
                        "body": "Private complaint",
                    }
                ]
            )
        )
        self.assertEqual(interaction[0]["status"], "created", interaction)
        statement = self.customer.with_user(self.accountant).cid_statement(
            "2000-01-01", fields.Date.today()
        )
        self.assertEqual(statement["closing_balance"], 100.0)
        with self.assertRaises(AccessError):
            self.env["crm.interaction"].with_user(self.accountant).search_read(
                [("commercial_partner_id", "=", self.customer.id)], ["body"]
            )
