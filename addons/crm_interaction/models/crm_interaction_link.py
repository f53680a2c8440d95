from odoo import api, fields, models


class CrmInteractionLink(models.Model):
    """A document an interaction concerns (see ``crm.document.link.mixin``)."""

    _name = "crm.interaction.link"
    _inherit = "crm.document.link.mixin"
    _description = "Document concerned by an interaction"
    _order = "interaction_id, id"

    interaction_id = fields.Many2one(
        "crm.interaction", string="Interaction", required=True, index=True, ondelete="cascade"
    )

    _document_uniq = models.UniqueIndex(
        "(interaction_id, res_model, res_id)", "This document is already linked to the interaction."
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
