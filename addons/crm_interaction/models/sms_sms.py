from odoo import api, models


class SmsSms(models.Model):
    _inherit = "sms.sms"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self.env.context.get("crm_interaction_skip_capture"):
            # capturing is a side effect of a text message the caller was
            # allowed to send; the customer record and the interaction are
            # outside the caller's rights
            self.env["crm.interaction"].sudo()._interaction_capture_sms(records.sudo())
        return records
