from odoo import api, fields, models


class CrmInteractionLineMixin(models.AbstractModel):
    """A line that belongs to one interaction: a document it concerns, a key it received.

    Such lines change what an interaction says about a customer (and which
    customer later calls are matched to): they are added only to
    interactions the user may write, and never move to another one
    (``crm.interaction._interaction_check_lines`` and
    ``_interaction_check_line_move``).
    """

    _name = "crm.interaction.line.mixin"
    _description = "Line of an interaction"

    interaction_id = fields.Many2one(
        "crm.interaction", string="Interaction", required=True, index=True, ondelete="cascade"
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["crm.interaction"].browse(
            {vals["interaction_id"] for vals in vals_list if vals.get("interaction_id")}
        )._interaction_check_lines()
        return super().create(vals_list)

    def write(self, vals):
        self.env["crm.interaction"]._interaction_check_line_move(self, vals)
        return super().write(vals)
