from datetime import timedelta
from email.utils import format_datetime

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.crm_interaction.tests.common import record_sent_emails

RAW_INBOUND = (
    "From: Mahsa Rezaei <mahsa.rezaei@example.com>\r\n"
    "To: sales@example.com\r\n"
    "Subject: Quotation for the installation\r\n"
    "Message-ID: <sale-tour-inbound@mail.example.com>\r\n"
    "Date: {date}\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "سلام، لطفا برای نصب پیش فاکتور بفرستید.\r\n"
)


@tagged("post_install", "-at_install", "crm_interaction_sale")
class TestSentEmailTour(HttpCase):
    """What a salesperson sends from the browser lands once on the customer's timeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = ["sales_team.group_sale_salesman", "base.group_partner_manager"]
        # where the suite's access policy is installed, a salesperson works
        # their portfolio as an agent
        if cls.env.ref("crm_access_policy.group_crm_agent", raise_if_not_found=False):
            groups.append("crm_access_policy.group_crm_agent")
        cls.salesperson = new_test_user(
            cls.env,
            "ia_sale_tour_seller",
            groups=",".join(groups),
            email="seller@example.com",
            lang="en_US",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "مهسا رضایی",
                "email": "mahsa.rezaei@example.com",
                "user_id": cls.salesperson.id,
            }
        )
        # no line: where the suite's price checks are installed, pricing a
        # line is itself an outbound interaction that would answer the customer
        cls.order = cls.env["sale.order"].create(
            {"partner_id": cls.customer.id, "user_id": cls.salesperson.id}
        )
        # the customer asked by e-mail the day before
        sent_at = fields.Datetime.now() - timedelta(days=1)
        cls.env["mail.thread"].message_process(
            "res.partner",
            RAW_INBOUND.format(date=format_datetime(sent_at)).encode(),
            thread_id=cls.customer.id,
        )
        cls.inbound = cls.env["crm.interaction"].search(
            [("partner_id", "=", cls.customer.id), ("direction", "=", "inbound")]
        )

    def outbound(self):
        # what the commit of the browser's request records (the test cursor
        # runs no post-commit hook)
        record_sent_emails(self.env)
        return self.env["crm.interaction"].search(
            [("partner_id", "=", self.customer.id), ("direction", "=", "outbound")]
        )

    def test_setup_has_one_pending_inbound_email(self):
        self.assertRecordValues(
            self.inbound, [{"channel_code": "email", "first_response_at": False}]
        )

    def test_quotation_sent_from_the_browser_is_one_outbound_email_answering_the_customer(self):
        self.start_tour(
            f"/odoo/sale.order/{self.order.id}",
            "crm_interaction_sale_send_quotation",
            login=self.salesperson.login,
        )
        self.assertEqual(self.order.state, "sent")
        message = self.order.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.author_id == self.salesperson.partner_id
        )
        self.assertEqual(len(message), 1, "the quotation is one message on the order")
        interaction = self.outbound()
        self.assertRecordValues(
            interaction,
            [
                {
                    "channel_code": "email",
                    "message_id": message.id,
                    "user_id": self.salesperson.id,
                    "external_id": f"{message.message_id}/{self.customer.id}",
                }
            ],
        )
        self.assertEqual(
            [(link.res_model, link.res_id) for link in interaction.link_ids],
            [("sale.order", self.order.id)],
        )
        self.assertEqual(self.inbound.first_response_at, interaction.occurred_at)

    def test_chatter_message_is_one_outbound_email_and_a_note_none(self):
        self.start_tour(
            f"/odoo/res.partner/{self.customer.id}",
            "crm_interaction_sale_chatter_message_and_note",
            login=self.salesperson.login,
        )
        posted = self.customer.message_ids.filtered(
            lambda m: m.author_id == self.salesperson.partner_id
        )
        message = posted.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_comment"))
        note = posted.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_note"))
        self.assertEqual((len(message), len(note)), (1, 1))
        # the customer and their salesperson, suggested by the chatter
        self.assertIn(self.customer, message.partner_ids)
        interaction = self.outbound()
        self.assertRecordValues(
            interaction,
            [{"channel_code": "email", "message_id": message.id, "user_id": self.salesperson.id}],
        )
        self.assertFalse(interaction.link_ids, "a message on the contact itself links nothing")
        self.assertFalse(self.env["crm.interaction"].search([("message_id", "=", note.id)]))
        self.assertEqual(self.inbound.first_response_at, interaction.occurred_at)
