from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install", "crm_ledger_helpdesk")
class TestHelpdeskCaution(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the accounting user of the common fixtures also manages the helpdesk
        cls.env.user.group_ids += cls.env.ref("helpdesk_mgmt.group_helpdesk_manager")
        Partner = cls.env["res.partner"].with_context(tracking_disable=True)
        cls.customer = Partner.create({"name": "شرکت کاوه", "is_company": True})
        cls.contact = Partner.create({"name": "الهام کریمی", "parent_id": cls.customer.id})
        company_values = {
            "company_id": cls.env.company.id,
            "company_ids": [fields.Command.set(cls.env.company.ids)],
        }
        cls.agent = new_test_user(
            cls.env,
            "ledger_support",
            groups="helpdesk_mgmt.group_helpdesk_user",
            email="support@example.com",
            **company_values,
        )
        cls.employee = new_test_user(
            cls.env, "ledger_employee", groups="base.group_user", **company_values
        )
        cls.portal = new_test_user(
            cls.env, "ledger_portal", groups="base.group_portal", **company_values
        )
        cls.ticket = (
            cls.env["helpdesk.ticket"]
            .with_context(tracking_disable=True)
            .create(
                {
                    "name": "پکیج روشن نمی‌شود",
                    "description": "<p>سه بار تعمیر شده</p>",
                    "partner_id": cls.contact.id,
                    "user_id": cls.agent.id,
                }
            )
        )

    def test_agent_marks_the_commercial_partner_dissatisfied_with_chatter_on_both(self):
        ticket = self.ticket.with_user(self.agent)
        ticket_messages = len(self.ticket.message_ids)
        partner_messages = len(self.customer.message_ids)
        action = ticket.action_ledger_mark_dissatisfied()
        self.assertEqual(action["res_model"], "helpdesk.ticket.dissatisfied")
        with Form(
            self.env["helpdesk.ticket.dissatisfied"]
            .with_user(self.agent)
            .with_context(action["context"])
        ) as form:
            self.assertEqual(form.partner_id, self.customer)
            form.reason = "سه بار خرابی در یک ماه"
        form.record.action_confirm()
        self.assertTrue(self.customer.ledger_is_dissatisfied)
        self.assertEqual(self.customer.ledger_dissatisfied_reason, "سه بار خرابی در یک ماه")
        self.assertFalse(self.contact.ledger_is_dissatisfied)
        self.assertEqual(len(self.ticket.message_ids), ticket_messages + 1)
        self.assertGreater(len(self.customer.message_ids), partner_messages)
        self.assertIn("سه بار خرابی", self.ticket.message_ids[0].body)
        self.assertIn("سه بار خرابی", " ".join(self.customer.message_ids.mapped("body")))
        self.assertEqual(self.ticket.message_ids[0].author_id, self.agent.partner_id)
        # the ticket shows the flag, and so does any other ticket of the customer
        self.assertTrue(ticket.ledger_is_dissatisfied)
        self.assertTrue(ticket.ledger_has_caution)
        self.assertIn("سه بار خرابی", ticket.ledger_caution)
        flagged = self.env["helpdesk.ticket"].search([("ledger_has_caution", "=", True)])
        self.assertIn(self.ticket, flagged)

    def test_agent_clears_the_flag(self):
        self.ticket.with_user(self.agent).ledger_set_dissatisfied("کیفیت")
        self.ticket.with_user(self.agent).action_ledger_clear_dissatisfied()
        self.assertFalse(self.customer.ledger_is_dissatisfied)
        self.assertFalse(self.customer.ledger_dissatisfied_reason)
        self.assertFalse(self.ticket.ledger_has_caution)
        self.assertIn("cleared", self.ticket.message_ids[0].body)

    def test_bad_input_is_refused_and_nothing_written(self):
        ticket = self.ticket.with_user(self.agent)
        with self.assertRaises(UserError):
            ticket.ledger_set_dissatisfied(False)  # nothing to clear
        with self.assertRaises(UserError):
            ticket.ledger_set_dissatisfied(["not", "text"])
        self.ticket.partner_id = False
        with self.assertRaises(UserError):
            ticket.ledger_set_dissatisfied("کیفیت")
        self.assertFalse(self.customer.ledger_is_dissatisfied)

    def test_basic_and_portal_users_cannot_set_the_flag(self):
        for user in (self.employee, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.ticket.with_user(user).ledger_set_dissatisfied("کیفیت")
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.employee).action_ledger_mark_dissatisfied()
        self.assertFalse(self.customer.ledger_is_dissatisfied)
        self.assertFalse(self.customer.message_ids.filtered(lambda m: "کیفیت" in (m.body or "")))

    def test_overdue_flag_shows_on_the_ticket(self):
        past = fields.Date.subtract(fields.Date.today(), days=60)
        invoice = self.init_invoice(
            "out_invoice",
            partner=self.customer,
            invoice_date=past,
            amounts=[80.0],
            taxes=[],
            post=True,
        )
        invoice.line_ids.filtered("date_maturity").write({"date_maturity": past})
        ticket = self.ticket.with_user(self.agent)
        self.assertTrue(ticket.ledger_has_caution)
        self.assertIn("60", ticket.ledger_caution)
        self.assertNotIn("80", ticket.ledger_caution)

    def test_ticket_form_shows_the_flag_to_the_agent(self):
        self.ticket.with_user(self.agent).ledger_set_dissatisfied("قطعی مکرر")
        form = Form(self.ticket.with_user(self.agent))
        self.assertTrue(form.ledger_has_caution)
        self.assertTrue(form.ledger_is_dissatisfied)
        self.assertIn("قطعی مکرر", form.ledger_caution)
