from odoo import api, models


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    @api.model_create_multi
    def create(self, vals_list):
        traces = super().create(vals_list)
        traces._interaction_capture_sent()
        return traces

    def write(self, vals):
        result = super().write(vals)
        if vals.get("trace_status") == "sent":
            self._interaction_capture_sent()
        return result

    def _interaction_capture_sent(self):
        """Record the sent e-mails among these traces as interactions, in one batch."""
        if self.env.context.get("crm_interaction_skip_capture"):
            return
        sent = self.filtered(lambda trace: trace.trace_status == "sent")
        if sent:
            # recording is a side effect of an e-mail Odoo has just sent (the
            # mail queue runs as superuser); the customers and their
            # interactions are outside the rights of whoever launched it
            self.env["crm.interaction"].sudo()._interaction_capture_mailing(sent.sudo())
