from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ledger_sale_approval = fields.Boolean(
        string="Approve orders of flagged customers",
        default=True,
        help="Confirming a quotation for a customer with a blocking caution flag needs a "
        "sales manager's approval.",
    )
    ledger_sale_block_overdue = fields.Boolean(string="Block when overdue", default=True)
    ledger_sale_block_credit_limit = fields.Boolean(
        string="Block when over credit limit", default=True
    )
    ledger_sale_block_dissatisfied = fields.Boolean(string="Block when dissatisfied", default=True)

    def _ledger_sale_blocking_codes(self):
        """Return the caution codes that need approval before confirming, for this company."""
        self.ensure_one()
        if not self.ledger_sale_approval:
            return set()
        blocking = {
            "overdue": self.ledger_sale_block_overdue,
            "credit_limit": self.ledger_sale_block_credit_limit,
            "dissatisfied": self.ledger_sale_block_dissatisfied,
        }
        return {code for code, blocks in blocking.items() if blocks}
