from odoo import api, models


class MailNotification(models.Model):
    _inherit = "mail.notification"

    @api.model_create_multi
    def create(self, vals_list):
        notifications = super().create(vals_list)
        if not self.env.context.get("crm_interaction_skip_capture"):
            # only e-mails go out of Odoo; inbox notifications stay inside
            sent = notifications.filtered(lambda n: n.notification_type == "email")
            if sent:
                # capturing is a side effect of a message the caller was
                # allowed to post: Odoo itself creates these notifications as
                # superuser, and the customer and the interaction are outside
                # the caller's rights
                self.env["crm.interaction"].sudo()._interaction_capture_sent(sent.sudo())
        return notifications
