from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        result = super().write(vals)
        if "ledger_is_dissatisfied" in vals:
            # an approval given while the customer was dissatisfied does not
            # cover a dissatisfaction raised again later; one search for all
            orders = (
                self.env["sale.order"]
                .sudo()
                .search(
                    [
                        ("partner_id", "child_of", self.commercial_partner_id.ids),
                        ("state", "in", ("draft", "sent")),
                        ("ledger_approved_codes", "like", "dissatisfied"),
                    ]
                )
            )
            orders._ledger_forget_approved_flag("dissatisfied")
        return result
