from odoo import fields, models


class CrmLedgerStatementLine(models.TransientModel):
    _inherit = "crm.ledger.statement.line"

    letter_ids = fields.Many2many(
        "secretariat.letter", string="Letters", groups="secretariat.group_secretariat_user"
    )

    def action_open_letters(self):
        """Open the letters about the line's document."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Letters about %(document)s", document=self.move_id.display_name),
            "res_model": "secretariat.letter",
            "view_mode": "list,form",
            "domain": [("id", "in", self.letter_ids.ids)],
        }
