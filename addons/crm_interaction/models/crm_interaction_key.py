from odoo import api, fields, models


class CrmInteractionKey(models.Model):
    _name = "crm.interaction.key"
    _inherit = "crm.interaction.line.mixin"
    _description = "Identity key received with an interaction"
    _order = "interaction_id, id"
    _rec_name = "value"

    partner_id = fields.Many2one(related="interaction_id.partner_id", string="Customer")
    type_code = fields.Char(string="Key type", required=True)
    value = fields.Char(required=True, help="The value as the provider sent it.")
    value_normalized = fields.Char(
        string="Normalised value",
        help="The value in the canonical form of the identity keys; matched against customers.",
    )

    # re-linking looks up many (value, type) pairs at once
    _value_type_idx = models.Index("(value_normalized, type_code)")

    @api.depends("type_code", "value", "value_normalized")
    def _compute_display_name(self):
        for key in self:
            key.display_name = f"{key.type_code}: {key.value_normalized or key.value}"
