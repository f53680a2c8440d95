from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_interaction_livechat")
class TestLivechat(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = new_test_user(cls.env, "lc_operator", groups="base.group_user")
        cls.customer = cls.env["res.partner"].create(
            {"name": "پریسا کرمی", "mobile": "09124443322", "email": "parisa@example.com"}
        )
        cls.web_chat = cls.env.ref("crm_interaction.crm_interaction_channel_web_chat")
        cls.public_user = cls.env.ref("base.public_user")

    def open_conversation(self, name="بازدیدکننده ۱۲"):
        guest = self.env["mail.guest"].create({"name": name})
        channel = self.env["discuss.channel"].create(
            {
                "name": name,
                "channel_type": "livechat",
                "livechat_operator_id": self.operator.partner_id.id,
            }
        )
        channel._add_members(guests=guest, users=self.operator)
        return channel, guest

    def visitor_says(self, channel, guest, text):
        return (
            channel.with_user(self.public_user)
            .with_context(guest=guest)
            .sudo()
            .message_post(body=text, message_type="comment", subtype_xmlid="mail.mt_comment")
        )

    def operator_says(self, channel, text):
        return channel.with_user(self.operator).message_post(
            body=text, message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def interaction_of(self, channel):
        return self.env["crm.interaction"].search(
            [
                ("channel_id", "=", self.web_chat.id),
                ("external_id", "=", f"discuss.channel/{channel.id}"),
            ]
        )

    def test_a_conversation_is_one_interaction_identified_by_the_mobile_typed(self):
        channel, guest = self.open_conversation()
        first = self.visitor_says(channel, guest, "سلام، سفارشم نرسیده")
        interaction = self.interaction_of(channel)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.match_state, "unmatched")
        self.assertEqual(interaction.message_id, first)
        self.assertEqual(
            [(link.res_model, link.res_id) for link in interaction.link_ids],
            [("discuss.channel", channel.id)],
            "the transcript is reachable from the timeline",
        )
        self.visitor_says(channel, guest, "شماره من ۰۹۱۲ ۴۴۴ ۳۳۲۲ است")
        self.visitor_says(channel, guest, "ممنون")
        self.assertEqual(len(self.interaction_of(channel)), 1, "one per conversation")
        self.assertEqual(interaction.partner_id, self.customer)

    def test_operator_reply_is_the_response(self):
        channel, guest = self.open_conversation()
        self.visitor_says(channel, guest, "parisa@example.com هستم")
        interaction = self.interaction_of(channel)
        self.assertEqual(interaction.partner_id, self.customer)
        self.assertFalse(interaction.first_response_at)
        reply = self.operator_says(channel, "در خدمتم")
        self.assertEqual(interaction.first_response_at, reply.date)
        self.assertEqual(interaction.direction, "inbound")

    def test_unknown_visitor_links_itself_when_the_key_appears(self):
        channel, guest = self.open_conversation()
        self.visitor_says(channel, guest, "با ۰۹۳۵۱۱۱۲۲۳۳ تماس بگیرید")
        interaction = self.interaction_of(channel)
        self.assertEqual(interaction.match_state, "unmatched")
        newcomer = self.env["res.partner"].create({"name": "مشتری تازه", "mobile": "09351112233"})
        self.assertEqual(interaction.partner_id, newcomer)

    def test_operator_alone_opens_nothing(self):
        channel, _guest = self.open_conversation()
        self.operator_says(channel, "سلام")
        self.assertFalse(self.interaction_of(channel))
