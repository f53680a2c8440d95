from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ledger_sale_approval = fields.Boolean(related="company_id.ledger_sale_approval", readonly=False)
    ledger_sale_block_overdue = fields.Boolean(
        related="company_id.ledger_sale_block_overdue", readonly=False
    )
    ledger_sale_block_credit_limit = fields.Boolean(
        related="company_id.ledger_sale_block_credit_limit", readonly=False
    )
    ledger_sale_block_dissatisfied = fields.Boolean(
        related="company_id.ledger_sale_block_dissatisfied", readonly=False
    )
