from odoo.tests import new_test_user, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestCommentCapture(InteractionCommon):
    """Messages customers write in a document's chatter, and those they do not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env, "int_portal", groups="base.group_portal", email="portal.user@example.com"
        )
        cls.portal_partner = cls.portal_user.partner_id
        cls.channel_portal = cls.env.ref("crm_interaction.crm_interaction_channel_portal")

    def post_as_portal(self, record, body):
        # what the portal's chatter route does: the thread in sudo, the
        # portal user as author
        return (
            record.with_user(self.portal_user)
            .sudo()
            .message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_comment")
        )

    def captured(self, message):
        return self.Interaction.search([("message_id", "=", message.id)])

    def test_customer_comment_is_one_inbound_portal_interaction(self):
        message = self.post_as_portal(self.portal_partner, "سلام، فاکتور را کی می‌فرستید؟")
        self.assertEqual(message.author_id, self.portal_partner)
        interaction = self.captured(message)
        self.assertEqual(len(interaction), 1)
        self.assertRecordValues(
            interaction,
            [
                {
                    "channel_id": self.channel_portal.id,
                    "direction": "inbound",
                    "partner_id": self.portal_partner.id,
                    "external_id": message.message_id,
                    "body": False,
                }
            ],
        )
        self.assertIn("فاکتور", interaction.message_body)

    def test_capturing_the_same_comment_again_adds_nothing(self):
        message = self.post_as_portal(self.portal_partner, "دوباره")
        before = self.Interaction.search_count([])
        self.Interaction.sudo()._interaction_capture_messages(message.sudo())
        self.Interaction.sudo()._interaction_capture_messages((message | message).sudo())
        self.assertEqual(self.Interaction.search_count([]), before)
        self.assertEqual(len(self.captured(message)), 1)

    def test_employee_notes_and_messages_are_not_interactions(self):
        customer = self.customer.with_user(self.manager)
        note = customer.message_post(
            body="یادداشت داخلی", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        comment = customer.message_post(
            body="پیام کارمند", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        for message in (note, comment):
            with self.subTest(message=message.body):
                self.assertEqual(message.message_type, "comment")
                self.assertFalse(self.captured(message))

    def test_odoobot_comments_are_not_interactions(self):
        # OdooBot's user is archived: its partner has no active internal user,
        # and is still no customer
        comment = self.portal_partner.sudo().message_post(
            body="پیام خودکار", message_type="comment", subtype_xmlid="mail.mt_comment",
            author_id=self.env.ref("base.partner_root").id,
        )  # fmt: skip
        self.assertFalse(self.captured(comment))

    def test_internal_note_written_for_a_customer_is_not_captured(self):
        # a note keeps its internal subtype even when its author is external
        note = self.portal_partner.sudo().message_post(
            body="note", message_type="comment", subtype_xmlid="mail.mt_note",
            author_id=self.customer.id,
        )  # fmt: skip
        self.assertFalse(self.captured(note))

    def test_discuss_conversation_is_left_to_the_gateways(self):
        channel = self.env["discuss.channel"].create({"name": "گفتگو", "channel_type": "channel"})
        message = channel.message_post(
            body="hello", message_type="comment", author_id=self.customer.id
        )
        self.assertFalse(self.captured(message))

    def test_comment_capture_is_off_without_the_portal_channel(self):
        self.channel_portal.active = False
        message = self.post_as_portal(self.portal_partner, "بدون کانال")
        self.assertFalse(self.captured(message))
