from odoo import models


class DiscussChannel(models.Model):
    _inherit = "discuss.channel"

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if self.channel_type == "livechat" and message.message_type == "comment":
            # recording the conversation is a side effect of a message its
            # author was allowed to post (a visitor, as a guest); the customer
            # and the interaction are outside their rights
            self.env["crm.interaction"].sudo()._interaction_capture_livechat(
                self.sudo(), message.sudo()
            )
        return result
