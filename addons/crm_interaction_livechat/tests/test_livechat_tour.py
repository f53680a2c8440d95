from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_interaction_livechat")
class TestLivechatTour(HttpCase):
    """A conversation driven in the browser, visitor and operator, as Odoo's live chat runs it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = new_test_user(
            cls.env,
            "ia_livechat_tour_operator",
            groups="im_livechat.im_livechat_group_user",
            email="operator@example.com",
            lang="en_US",
        )
        cls.livechat_channel = cls.env["im_livechat.channel"].create(
            {"name": "پشتیبانی فروشگاه", "user_ids": [cls.operator.id]}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "پریسا کرمی", "mobile": "09124443322", "email": "parisa@example.com"}
        )
        cls.web_chat = cls.env.ref("crm_interaction.crm_interaction_channel_web_chat")

    def test_visitor_and_operator_in_the_browser_give_one_interaction_on_the_customer(self):
        # the operator is online, so the visitor is offered a conversation
        self.env["mail.presence"]._update_presence(self.operator)
        self.start_tour(
            f"/im_livechat/support/{self.livechat_channel.id}", "crm_interaction_livechat_visitor"
        )
        conversation = self.livechat_channel.channel_ids
        self.assertEqual(len(conversation), 1)
        self.assertEqual(conversation.livechat_operator_id, self.operator.partner_id)
        lines = conversation.message_ids.filtered(lambda m: m.message_type == "comment").sorted(
            "id"
        )
        self.assertEqual(len(lines), 2, "the visitor wrote two lines")
        interaction = self.env["crm.interaction"].search(
            [
                ("channel_id", "=", self.web_chat.id),
                ("external_id", "=", f"discuss.channel/{conversation.id}"),
            ]
        )
        self.assertRecordValues(
            interaction,
            [
                {
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                    "message_id": lines[0].id,
                    "first_response_at": False,
                }
            ],
        )
        self.assertEqual(
            [(link.res_model, link.res_id) for link in interaction.link_ids],
            [("discuss.channel", conversation.id)],
            "the transcript is reachable from the timeline",
        )

        # the operator works elsewhere in Odoo and answers in the chat window
        # the messaging menu opens
        self.start_tour(
            "/odoo/action-im_livechat.im_livechat_channel_action",
            "crm_interaction_livechat_operator",
            login=self.operator.login,
        )
        reply = conversation.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.author_id == self.operator.partner_id
        )
        self.assertEqual(len(reply), 1)
        self.assertEqual(
            self.env["crm.interaction"].search([("partner_id", "=", self.customer.id)]),
            interaction,
            "one interaction on the customer for the whole conversation",
        )
        self.assertEqual(interaction.first_response_at, reply.date)
