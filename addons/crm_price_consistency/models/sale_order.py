from odoo import api, fields, models
from odoo.exceptions import AccessError

from .crm_price_quote import DEFAULT_CHANNEL, UNIT_SELECTION

PRICE_MANAGER_GROUP = "crm_price_consistency.group_price_manager"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    crm_price_unit = fields.Selection(
        selection=UNIT_SELECTION,
        string="Selling unit",
        # not required: modules loaded before this one create orders without it
        default="sales",
        tracking=True,
        help="The unit that made the quotation. Quotations made from a helpdesk ticket are "
        "marked as coming from support.",
    )
    crm_price_needs_approval = fields.Boolean(
        string="Price approval needed",
        compute="_compute_crm_price_needs_approval",
        store=True,
        tracking=True,
        help="A line's price or discount strays from its quote beyond the tolerance: a "
        "Pricing Manager must approve before the order is confirmed.",
    )
    crm_price_approval_state = fields.Selection(
        selection=[
            ("none", "Not needed"),
            ("needed", "Price approval needed"),
            ("pending", "Waiting for approval"),
            ("approved", "Price approved"),
            ("rejected", "Price rejected"),
        ],
        string="Price approval",
        compute="_compute_crm_price_approval_state",
    )
    crm_price_quote_count = fields.Integer(
        string="Price quotes", compute="_compute_crm_price_quote_count"
    )

    @api.depends("order_line.crm_price_needs_approval")
    def _compute_crm_price_needs_approval(self):
        for order in self:
            order.crm_price_needs_approval = any(
                order.order_line.mapped("crm_price_needs_approval")
            )

    @api.depends("crm_price_needs_approval", "validation_status")
    def _compute_crm_price_approval_state(self):
        states = {
            "no": "needed",
            "waiting": "pending",
            "pending": "pending",
            "validated": "approved",
            "rejected": "rejected",
        }
        for order in self:
            if not order.crm_price_needs_approval:
                order.crm_price_approval_state = "none"
            else:
                order.crm_price_approval_state = states.get(order.validation_status, "needed")

    @api.depends("order_line.crm_price_quote_id")
    def _compute_crm_price_quote_count(self):
        for order in self:
            order.crm_price_quote_count = len(order.order_line.crm_price_quote_id)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_price_check_verdict_not_given(vals, defaults=True)
            if vals.get("ticket_ids") and "crm_price_unit" not in vals:
                vals["crm_price_unit"] = "support"
        orders = super().create(vals_list)
        orders.filtered(lambda o: o.crm_price_unit == "support")._crm_price_log_quotation()
        return orders

    def write(self, vals):
        self._crm_price_check_verdict_not_given(vals)
        result = super().write(vals)
        if "pricelist_id" in vals or "partner_id" in vals:
            # the lines now answer to another price: give them its quote
            self.order_line._crm_price_attach_quotes()
        return result

    @api.model
    def _crm_price_check_verdict_not_given(self, vals, defaults=False):
        """Refuse a user's own word on whether the order's prices need approval.

        ``crm_price_needs_approval`` follows the lines' deviations from their
        quotes; written by hand it would let an order skip the Pricing
        Manager. A context default counts as a value on create.
        """
        if self.env.su:
            return
        name = "crm_price_needs_approval"
        if name in vals or (defaults and f"default_{name}" in self.env.context):
            raise AccessError(
                self.env._(
                    "Whether an order's prices need approval follows from its lines and their "
                    "quotes; it cannot be written."
                )
            )

    def action_view_crm_price_quotes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_price_consistency.crm_price_quote_action"
        )
        action["domain"] = [("id", "in", self.order_line.crm_price_quote_id.ids)]
        action["context"] = {"active_test": False}
        return action

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
        for order in self.filtered(lambda o: o.review_ids and o.state in ("draft", "sent")):
            if order.crm_price_needs_approval:
                order.restart_validation()
                order.message_post(
                    body=self.env._(
                        "A price changed after the review started: the approval was reset."
                    )
                )

    def _crm_price_channel(self):
        """Return the interaction channel prices of this order are given on."""
        self.ensure_one()
        code = DEFAULT_CHANNEL.get(self.crm_price_unit or "sales")
        return self.env["crm.interaction.channel"].search([("code", "=", code)], limit=1)

    def _crm_price_log_quotation(self):
        """Put quotations made by support on the customer's interaction timeline.

        Runs as superuser: the order was created with the user's rights and
        the timeline entry only records that fact.
        """
        items = []
        for order in self:
            ticket = order.ticket_ids[:1]
            links = [{"model": "sale.order", "id": order.id}]
            if ticket:
                links.append({"model": "helpdesk.ticket", "id": ticket.id})
            partner = order.partner_id.commercial_partner_id
            items.append(
                {
                    "channel": order._crm_price_channel().code,
                    "direction": "outbound",
                    "external_id": f"sale.order-{order.id}",
                    "occurred_at": fields.Datetime.to_string(fields.Datetime.now()),
                    "keys": {"cid": partner.cid} if partner.cid else {},
                    "reason": "order",
                    "subject": self.env._(
                        "Quotation %(order)s from support ticket %(ticket)s",
                        order=order.name,
                        ticket=ticket.display_name or "-",
                    )
                    if ticket
                    else self.env._("Quotation %(order)s from support", order=order.name),
                    "links": links,
                }
            )
        if not items:
            return
        interactions = self.env["crm.price.log"].sudo()._crm_price_ingest(items)
        for order, interaction in zip(self, interactions, strict=True):
            if not interaction.partner_id:
                interaction.partner_id = order.partner_id.commercial_partner_id
