from odoo import fields, models


class CrmLedgerStatementLine(models.TransientModel):
    _inherit = "crm.ledger.statement.line"

    interaction_ids = fields.Many2many(
        "crm.interaction", string="Interactions", groups="crm_interaction.group_interaction_user"
    )

    def action_open_interactions(self):
        """Open the interactions linked to the line's document."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Interactions about %(document)s", document=self.move_id.display_name
            ),
            "res_model": "crm.interaction",
            "view_mode": "list,form",
            "domain": [("id", "in", self.interaction_ids.ids)],
        }
