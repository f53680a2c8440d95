from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.crm_price_consistency.models.sale_order import PRICE_MANAGER_GROUP

#: ``crm_price_approval_state`` of an order whose prices need approval, by
#: the order's ``validation_status`` (OCA tier validation).
APPROVAL_STATES = {
    "no": "needed",
    "waiting": "pending",
    "pending": "pending",
    "validated": "approved",
    "rejected": "rejected",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.depends("validation_status")
    def _compute_crm_price_approval_state(self):
        return super()._compute_crm_price_approval_state()

    def _crm_price_get_approval_state(self):
        # the price deviation's tier decides: its reviews are the approval
        self.ensure_one()
        if not self.crm_price_needs_approval:
            return "none"
        return APPROVAL_STATES.get(self.validation_status, "needed")

    def request_validation(self):
        """Ask for the reviews of the orders, price reviews included.

        A record rule keeps price reviews (those of the Pricing Manager
        group) to Pricing Managers, so that nobody else can write an
        approval over RPC; asking for one remains every salesperson's
        right. The user must be able to edit the orders (checked here);
        the reviews are then created as superuser, which is safe: OCA tier
        validation creates them waiting (or pending) for their reviewers,
        and ``sudo()`` keeps the user, recorded as the requester.
        """
        self.check_access("write")
        return super(SaleOrder, self.sudo()).request_validation().sudo(False)

    def validate_tier(self):
        self._crm_price_check_reviewer()
        return super().validate_tier()

    def reject_tier(self):
        self._crm_price_check_reviewer()
        return super().reject_tier()

    def _validate_tier(self, tiers=False):
        # the decision itself (reached from validate_tier, the comment wizard
        # and a confirmation): users may not write price reviews directly, so
        # OCA's method runs as superuser. Safe: ``sudo()`` keeps the user, and
        # the method approves only the reviews that user is a reviewer of
        # (price reviews: the Pricing Managers), promoting others to pending
        self.check_access("read")
        return super(SaleOrder, self.sudo())._validate_tier(tiers and tiers.sudo())

    def _rejected_tier(self, tiers=False):
        # as for _validate_tier: only the reviews of the user are rejected
        self.check_access("read")
        return super(SaleOrder, self.sudo())._rejected_tier(tiers and tiers.sudo())

    def _crm_price_check_reviewer(self):
        """Only Pricing Managers decide on price deviations.

        A user who reviews another tier of the order may still act on that
        tier; the price review stays for a Pricing Manager.
        """
        user = self.env.user
        if (
            any(self.mapped("crm_price_needs_approval"))
            and not user.has_group(PRICE_MANAGER_GROUP)
            and user not in self.reviewer_ids
        ):
            raise AccessError(
                self.env._(
                    "Only a Pricing Manager can approve or reject a price that strays from "
                    "its quote. Ask one to review %(orders)s.",
                    orders=", ".join(self.mapped("name")),
                )
            )

    def _crm_price_restart_approval(self):
        """Ask again for approval when a price changes after the review started."""
        result = super()._crm_price_restart_approval()
        for order in self.filtered(lambda o: o.review_ids and o.state in ("draft", "sent")):
            if order.crm_price_needs_approval:
                order.restart_validation()
                order.message_post(
                    body=self.env._(
                        "A price changed after the review started: the approval was reset."
                    )
                )
        return result
