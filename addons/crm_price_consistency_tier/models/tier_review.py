from odoo import api, models
from odoo.exceptions import AccessError

#: Fields of a review that record the decision or what it decides on: set by
#: the tier validation methods only (request, validate, reject, restart).
DECISION_FIELDS = (
    "status",
    "done_by",
    "reviewed_date",
    "requested_by",
    "definition_id",
    "model",
    "res_id",
    "sequence",
)
#: Statuses that only queue a review; anything else is a decision.
OPEN_STATUSES = ("waiting", "pending")


class TierReview(models.Model):
    _inherit = "tier.review"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            definitions = self.env["tier.definition"].browse(
                [
                    vals.get("definition_id") or self.env.context.get("default_definition_id")
                    for vals in vals_list
                ]
            )
            # read as superuser only to tell which definitions are price reviews
            if definitions.sudo().exists()._crm_price_is_price_definition():
                raise AccessError(self._crm_price_decision_error())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and self._crm_price_write_is_decision(vals):
            raise AccessError(self._crm_price_decision_error())
        return super().write(vals)

    def _crm_price_write_is_decision(self, vals):
        """Tell whether a write by a user would decide (or move) a price review.

        Queueing (``waiting`` to ``pending``, as OCA promotes the next tier)
        stays open; a verdict, its author and date, or pointing a review at
        another definition or document are left to the approval methods.
        """
        decision = [name for name in DECISION_FIELDS if name in vals]
        if not decision:
            return False
        price = self.sudo().definition_id._crm_price_is_price_definition()
        if "definition_id" in vals:
            target = self.env["tier.definition"].browse(vals["definition_id"] or [])
            price = price or target.sudo().exists()._crm_price_is_price_definition()
        if not price:
            return False
        return decision != ["status"] or vals["status"] not in OPEN_STATUSES

    def _crm_price_decision_error(self):
        return self.env._(
            "A price review is decided only through its Approve and Reject buttons, by a "
            "Pricing Manager; it cannot be created or written directly."
        )
