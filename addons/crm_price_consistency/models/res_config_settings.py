from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_price_tolerance = fields.Float(related="company_id.crm_price_tolerance", readonly=False)
    crm_price_validity_days = fields.Integer(
        related="company_id.crm_price_validity_days", readonly=False
    )
    crm_price_window_days = fields.Integer(
        related="company_id.crm_price_window_days", readonly=False
    )
