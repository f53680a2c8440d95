from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_interaction_sale")
class TestPortalComment(HttpCase):
    """A customer writing on their order from the portal, through Odoo's own route."""

    def test_customer_message_on_the_order_page_is_one_interaction(self):
        portal = new_test_user(
            self.env, "ia_sale_portal", groups="base.group_portal", email="portal.sale@example.com"
        )
        order = self.env["sale.order"].create({"partner_id": portal.partner_id.id})
        self.authenticate(portal.login, portal.login)
        # what the portal's chatter composer posts
        answer = self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "sale.order",
                "thread_id": order.id,
                "post_data": {
                    "body": "سفارشم کی ارسال می‌شود؟",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
                "token": order._portal_ensure_token(),
            },
        )
        message = self.env["mail.message"].browse(answer["message_id"])
        self.assertEqual(message.author_id, portal.partner_id)
        interaction = self.env["crm.interaction"].search([("message_id", "=", message.id)])
        self.assertRecordValues(
            interaction,
            [
                {
                    "channel_code": "portal",
                    "direction": "inbound",
                    "partner_id": portal.partner_id.id,
                    "external_id": message.message_id,
                }
            ],
        )
        self.assertEqual(interaction.link_ids.mapped("res_id"), order.ids)
        self.assertEqual(order.interaction_count, 1)
