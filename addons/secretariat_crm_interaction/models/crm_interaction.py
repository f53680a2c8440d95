from odoo import fields, models


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    secretariat_letter_id = fields.Many2one(
        "secretariat.letter",
        string="Letter",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
        help="The registered letter this interaction stands for; its content is not copied.",
    )

    _secretariat_letter_uniq = models.UniqueIndex(
        "(secretariat_letter_id) WHERE secretariat_letter_id IS NOT NULL",
        "A letter appears once on the customer's timeline.",
    )

    def action_open_secretariat_letter(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "secretariat.letter",
            "res_id": self.secretariat_letter_id.id,
            "view_mode": "form",
        }
