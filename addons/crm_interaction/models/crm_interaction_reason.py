from odoo import fields, models


class CrmInteractionReason(models.Model):
    _name = "crm.interaction.reason"
    _description = "Interaction reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable technical name used by integrations.")
    sequence = fields.Integer(default=10)
    is_caution = fields.Boolean(
        string="Caution while open",
        help="Open interactions with this reason are shown as a caution on the caller card "
        "(complaints, for instance).",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "Each reason code can only be used once.")
