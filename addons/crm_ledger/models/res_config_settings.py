from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ledger_overdue_days = fields.Integer(related="company_id.ledger_overdue_days", readonly=False)
