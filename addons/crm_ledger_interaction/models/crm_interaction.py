from odoo import api, models


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    @api.model
    def _caller_card_values(self, partner):
        """Add the customer's ledger caution flags to the caller card.

        Only the flags (overdue beyond the company's threshold, over credit
        limit, dissatisfied with its reason) reach the agent, never amounts:
        as text among ``cautions`` and as ``ledger_flags``
        (``[{"code", "message"}]``, codes ``overdue``, ``credit_limit``,
        ``dissatisfied``) for softphones that show badges.
        """
        values = super()._caller_card_values(partner)
        flags = partner._ledger_caution_flags().get(partner.id, [])
        values["cautions"] = [flag["message"] for flag in flags] + values["cautions"]
        values["ledger_flags"] = flags
        return values
