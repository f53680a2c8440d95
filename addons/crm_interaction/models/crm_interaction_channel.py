from odoo import fields, models


class CrmInteractionChannel(models.Model):
    _name = "crm.interaction.channel"
    _description = "Interaction channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical name used by integrations (email, mobile, telegram...). "
        "Never change it once messages were received through it.",
    )
    sequence = fields.Integer(default=10)
    icon = fields.Char(help="Font Awesome icon class, e.g. fa-phone.")
    color = fields.Integer()
    has_duration = fields.Boolean(
        string="Has duration", help="Calls and visits: the interaction records how long it lasted."
    )
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "Each channel code can only be used once.")
