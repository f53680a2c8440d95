from odoo import fields, models


class SecretariatLetterRefer(models.TransientModel):
    _name = "secretariat.letter.refer"
    _description = "Refer letters"

    letter_ids = fields.Many2many("secretariat.letter", string="Letters", required=True)
    user_ids = fields.Many2many("res.users", string="Recipients")
    instruction = fields.Text()
    deadline = fields.Date()

    def action_confirm(self):
        self.ensure_one()
        self.letter_ids.refer(
            self.user_ids.ids,
            instruction=self.instruction,
            deadline=fields.Date.to_string(self.deadline) if self.deadline else None,
        )
        return {"type": "ir.actions.act_window_close"}
