from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    secretariat_letter_ids = fields.Many2many(
        "secretariat.letter",
        "secretariat_letter_account_move_rel",
        "move_id",
        "letter_id",
        string="Letters",
        copy=False,
        groups="secretariat.group_secretariat_user",
    )
    secretariat_letter_count = fields.Integer(
        compute="_compute_secretariat_letter_count",
        string="Letter count",
        groups="secretariat.group_secretariat_user",
    )

    @api.depends("secretariat_letter_ids")
    def _compute_secretariat_letter_count(self):
        for move in self:
            move.secretariat_letter_count = len(move.secretariat_letter_ids)

    def action_open_secretariat_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "secretariat.secretariat_letter_action"
        )
        action["domain"] = [("move_ids", "in", self.ids)]
        action["context"] = {
            "default_move_ids": [self.id],
            "default_partner_id": self.partner_id.id,
        }
        return action
