from odoo import fields, models


class CrmInteractionWebhookProvider(models.Model):
    """A provider route of the webhooks, to which API keys are bound."""

    _name = "crm.interaction.webhook.provider"
    _description = "Interaction webhook provider"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        readonly=True,
        help="The route name of the provider (voip, sms_kavenegar, telegram...).",
    )
    sequence = fields.Integer(default=10)

    _code_uniq = models.Constraint("unique(code)", "Each provider is listed once.")
