from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestSmsCapture(InteractionCommon):
    def _sms_interactions(self, sms):
        return self.Interaction.search([("sms_id", "in", sms.ids)])

    def test_sms_sent_from_the_customer_gives_one_outbound_interaction(self):
        before = self.Interaction.search_count([])
        message = self.customer.with_user(self.manager)._message_sms("Your order has shipped.")
        sms = self.env["sms.sms"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(len(sms), 1)
        interaction = self._sms_interactions(sms)
        self.assertEqual(self.Interaction.search_count([]), before + 1, "exactly one")
        self.assertRecordValues(
            interaction,
            [
                {
                    "channel_id": self.env.ref("crm_interaction.crm_interaction_channel_sms").id,
                    "direction": "outbound",
                    "partner_id": self.customer.id,
                    "external_id": sms.uuid,
                    "message_id": message.id,
                    "summary": False,
                    "body": False,
                    "user_id": self.manager.id,
                }
            ],
        )
        self.assertIn("shipped", interaction.sms_body)
        # Odoo deletes sent text messages; the text stays on the message
        sms.write({"state": "sent", "to_delete": True})
        self.env.flush_all()
        self.env["sms.sms"]._gc_device()
        self.env.invalidate_all()
        self.assertFalse(interaction.sms_id)
        self.assertIn("shipped", interaction.message_body)

    def test_sms_to_a_bare_number_finds_the_customer_by_key(self):
        sms = self.env["sms.sms"].create({"number": "+98 912 345 6789", "body": "Hello"})
        interaction = self._sms_interactions(sms)
        self.assertEqual(len(interaction), 1)
        self.assertRecordValues(
            interaction,
            [{"partner_id": self.customer.id, "summary": "Hello", "message_id": False}],
        )
        self.assertEqual(interaction.key_ids.value_normalized, "+989123456789")

    def test_sms_to_an_unknown_number_waits_unidentified_then_links(self):
        sms = self.env["sms.sms"].create({"number": "09350001122", "body": "Hi"})
        interaction = self._sms_interactions(sms)
        self.assertEqual(interaction.match_state, "unmatched")
        newcomer = self.Partner.create({"name": "Newcomer", "mobile": "0935 000 1122"})
        self.assertEqual(interaction.partner_id, newcomer)

    def test_batch_of_sms_gives_one_interaction_each(self):
        smss = self.env["sms.sms"].create(
            [
                {"number": "09123456789", "body": f"n{i}", "partner_id": self.customer.id}
                for i in range(3)
            ]
        )
        self.assertEqual(len(self._sms_interactions(smss)), 3)
        self.assertEqual(len(set(self._sms_interactions(smss).mapped("external_id"))), 3)

    def test_sms_to_an_employee_is_not_an_interaction(self):
        sms = self.env["sms.sms"].create(
            {"number": "09121110000", "body": "Meeting", "partner_id": self.agent.partner_id.id}
        )
        self.assertFalse(self._sms_interactions(sms))

    def test_inbound_sms_through_ingest_keeps_its_text(self):
        [result] = self.Interaction.ingest(
            [self.item("kav-1", channel="sms", mobile="09123456789", body="<p>سلام</p>")]
        )
        interaction = self.Interaction.browse(result["id"])
        self.assertRecordValues(
            interaction,
            [{"direction": "inbound", "partner_id": self.customer.id, "sms_id": False}],
        )
        self.assertIn("سلام", interaction.body)

    def test_user_without_interaction_rights_still_sends_and_cannot_read(self):
        sms = (
            self.env["sms.sms"]
            .with_user(self.outsider)
            .sudo()
            .create({"number": "09123456789", "body": "x"})
        )
        interaction = self._sms_interactions(sms)
        self.assertEqual(len(interaction), 1)
        with self.assertRaises(AccessError):
            interaction.with_user(self.outsider).read(["summary"])
