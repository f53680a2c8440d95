from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        if not self.env.context.get("crm_interaction_skip_capture"):
            types = self._interaction_get_captured_types()
            captured = messages.filtered(lambda m: m.message_type in types)
            if captured:
                # capturing is a side effect of a message the caller was
                # allowed to post or the mail gateway received; the customer
                # record and the interaction are outside the caller's rights
                self.env["crm.interaction"].sudo()._interaction_capture_messages(captured.sudo())
        return messages

    @api.model
    def _interaction_get_captured_types(self):
        """Return the message types that become interactions (hook)."""
        return ("email", "comment")
