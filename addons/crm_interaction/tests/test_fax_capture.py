import base64

from odoo.tests import tagged

from .common import InteractionCommon

FAX = (
    "From: Fax Gateway <fax@gateway.example.com>\r\n"
    "To: office@example.com\r\n"
    "Subject: {subject}\r\n"
    "Message-ID: <{msgid}@gateway.example.com>\r\n"
    "Date: Fri, 21 Mar 2025 09:30:00 +0330\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/mixed; boundary="b"\r\n'
    "\r\n"
    "--b\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "A fax was received.\r\n"
    "--b\r\n"
    'Content-Type: image/tiff; name="fax.tif"\r\n'
    'Content-Disposition: attachment; filename="fax.tif"\r\n'
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "{image}\r\n"
    "--b--\r\n"
)


@tagged("post_install", "-at_install", "crm_interaction")
class TestFaxCapture(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel_fax = cls.env.ref("crm_interaction.crm_interaction_channel_fax")
        cls.channel_fax.mail_gateway_senders = "fax@gateway.example.com, fax2@gateway.example.com"
        cls.customer.phone = "+98 21 8877 6655"

    def receive(self, msgid, subject):
        raw = FAX.format(
            msgid=msgid, subject=subject, image=base64.b64encode(b"II*\x00 page").decode()
        )
        self.env["mail.thread"].message_process(
            "res.partner", raw.encode(), thread_id=self.company.id
        )
        return self.Interaction.search([("external_id", "=", f"<{msgid}@gateway.example.com>")])

    def test_fax_by_mail_is_a_fax_interaction_of_the_numbers_customer(self):
        interaction = self.receive("f-1", "Fax from +98 21 8877 6655 (1 page)")
        self.assertRecordValues(
            interaction,
            [
                {
                    "channel_id": self.channel_fax.id,
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                }
            ],
        )
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.interaction"), ("res_id", "=", interaction.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["fax.tif"])
        self.assertEqual(attachments.raw, b"II*\x00 page")
        self.assertFalse(
            self.Interaction.search(
                [
                    ("channel_id", "=", self.channel_email.id),
                    ("message_id", "=", interaction.message_id.id),
                ]
            ),
            "not also an e-mail from the gateway",
        )

    def test_unknown_number_waits_unidentified_and_links_itself_later(self):
        interaction = self.receive("f-2", "نمابر از ۰۲۱-۶۶۵۵۴۴۳۳")
        self.assertEqual(interaction.match_state, "unmatched")
        newcomer = self.Partner.create({"name": "شرکت نو", "phone": "02166554433"})
        self.assertEqual(interaction.partner_id, newcomer)

    def test_same_fax_delivered_twice_is_one_interaction_with_one_copy(self):
        first = self.receive("f-3", "Fax from +982188776655")
        self.Interaction.sudo()._interaction_capture_messages(first.message_id.sudo())
        self.assertEqual(len(self.receive("f-3", "Fax from +982188776655")), 1)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "crm.interaction"), ("res_id", "=", first.id)]
            ),
            1,
        )

    def test_mail_from_other_addresses_stays_an_email(self):
        self.channel_fax.mail_gateway_senders = "other@gateway.example.com"
        interaction = self.receive("f-4", "Fax from 02188776655")
        self.assertEqual(interaction.channel_id, self.channel_email)
