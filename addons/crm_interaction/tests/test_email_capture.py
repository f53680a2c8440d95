from odoo.tests import tagged

from .common import InteractionCommon

RAW = (
    "From: Ali Karimi <ali.karimi@example.com>\r\n"
    "To: sales@example.com\r\n"
    "Subject: Price of the blue model\r\n"
    "Message-ID: <{msgid}@mail.example.com>\r\n"
    "Date: Fri, 21 Mar 2025 09:30:00 +0330\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "سلام، قیمت مدل آبی چند است؟\r\n"
)


@tagged("post_install", "-at_install", "crm_interaction")
class TestEmailCapture(InteractionCommon):
    def _email_interactions(self, external_id):
        return self.Interaction.search(
            [("channel_id", "=", self.channel_email.id), ("external_id", "=", external_id)]
        )

    def test_incoming_email_on_partner_thread_is_captured_once(self):
        raw = RAW.format(msgid="in-1").encode()
        thread_id = self.env["mail.thread"].message_process(
            "res.partner", raw, thread_id=self.customer.id
        )
        self.assertEqual(thread_id, self.customer.id)
        interaction = self._email_interactions("<in-1@mail.example.com>")
        self.assertEqual(len(interaction), 1)
        message = interaction.message_id
        self.assertEqual(message.model, "res.partner")
        self.assertEqual(message.res_id, self.customer.id)
        self.assertRecordValues(
            interaction,
            [
                {
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                    "subject": "Price of the blue model",
                    "body": False,
                }
            ],
        )
        self.assertIn("قیمت", interaction.message_body)
        self.assertEqual(interaction.key_ids.value_normalized, "ali.karimi@example.com")
        # the same Message-Id delivered again
        self.assertFalse(
            self.env["mail.thread"].message_process("res.partner", raw, thread_id=self.customer.id)
        )
        self.assertEqual(len(self._email_interactions("<in-1@mail.example.com>")), 1)

    def test_same_message_id_on_two_documents_gives_one_interaction(self):
        self.customer.message_post(
            body="first copy",
            message_type="email",
            message_id="<twice@example.com>",
            author_id=self.customer.id,
        )
        self.company.message_post(
            body="second copy",
            message_type="email",
            message_id="<twice@example.com>",
            author_id=self.customer.id,
        )
        interaction = self._email_interactions("<twice@example.com>")
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.partner_id, self.customer)

    def test_outgoing_email_to_a_customer_is_outbound(self):
        message = self.customer.with_user(self.manager).message_post(
            body="<p>Here is the price list.</p>",
            subject="Price list",
            message_type="email",
        )
        interaction = self.Interaction.search([("message_id", "=", message.id)])
        self.assertEqual(len(interaction), 1)
        self.assertRecordValues(
            interaction,
            [{"direction": "outbound", "partner_id": self.customer.id, "user_id": self.manager.id}],
        )

    def test_email_on_other_document_from_unknown_sender_is_ignored(self):
        user_partner = self.agent.partner_id
        message = user_partner.message_post(
            body="internal", message_type="email", author_id=self.manager.partner_id.id
        )
        self.assertFalse(self.Interaction.search([("message_id", "=", message.id)]))
        notes = self.customer.message_post(body="a note", message_type="comment")
        self.assertFalse(self.Interaction.search([("message_id", "=", notes.id)]))
