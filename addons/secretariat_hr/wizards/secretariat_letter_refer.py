from odoo import fields, models


class SecretariatLetterRefer(models.TransientModel):
    _inherit = "secretariat.letter.refer"

    department_ids = fields.Many2many(
        "hr.department", string="Departments", help="Their managers receive the referral."
    )

    def action_confirm(self):
        self.ensure_one()
        if not self.department_ids:
            return super().action_confirm()
        self.letter_ids.refer_departments(
            self.department_ids.ids,
            instruction=self.instruction,
            deadline=fields.Date.to_string(self.deadline) if self.deadline else None,
        )
        if self.user_ids:
            return super().action_confirm()
        return {"type": "ir.actions.act_window_close"}
