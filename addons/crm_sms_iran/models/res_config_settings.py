from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_sms_panel = fields.Selection(related="company_id.crm_sms_panel", readonly=False)
    crm_sms_sender = fields.Char(related="company_id.crm_sms_sender", readonly=False)
    crm_sms_username = fields.Char(related="company_id.crm_sms_username", readonly=False)
    crm_sms_api_key = fields.Char(related="company_id.crm_sms_api_key", readonly=False)
    crm_sms_base_url = fields.Char(related="company_id.crm_sms_base_url", readonly=False)
