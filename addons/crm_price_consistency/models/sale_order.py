from odoo import api, fields, models
from odoo.exceptions import AccessError

from .crm_price_given_mixin import UNIT_SELECTION
from .crm_price_quote import DEFAULT_CHANNEL

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

    @api.depends("crm_price_needs_approval")
    def _compute_crm_price_approval_state(self):
        for order in self:
            order.crm_price_approval_state = order._crm_price_get_approval_state()

    @api.depends("order_line.crm_price_quote_id")
    def _compute_crm_price_quote_count(self):
        for order in self:
            order.crm_price_quote_count = len(order.order_line.crm_price_quote_id)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_price_check_verdict_not_given(vals, defaults=True)
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

    def _crm_price_get_approval_state(self):
        """Return where the approval of the order's prices stands.

        A hook for the approval engine (``crm_price_consistency_tier``
        approves through OCA tier validation): a value of
        ``crm_price_approval_state``. Without one, an order whose prices
        stray from their quotes is flagged (``crm_price_needs_approval``)
        but needs no approval: ``none``.
        """
        self.ensure_one()
        return "none"

    def _crm_price_restart_approval(self):
        """Ask again for approval when a price changes after the review started.

        A hook for the approval engine, called when order lines change their
        product, quantity, price or discount; nothing to restart here.
        """

    def _crm_price_origin(self):
        """Return the document the order was made from, for its prices (or nothing).

        A hook: the helpdesk bridge returns the ticket a quotation was made
        from, which the order's new quotes and its timeline entry point to.

        :return: a record of any model, or an empty recordset
        """
        self.ensure_one()
        return self.env["sale.order"]

    def _crm_price_quotation_subject(self, origin):
        """Return the subject of the timeline entry of a quotation made by support."""
        self.ensure_one()
        return self.env._("Quotation %(order)s from support", order=self.name)

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
            origin = order._crm_price_origin()
            links = [{"model": "sale.order", "id": order.id}]
            if origin:
                links.append({"model": origin._name, "id": origin.id})
            partner = order.partner_id.commercial_partner_id
            items.append(
                {
                    "channel": order._crm_price_channel().code,
                    "direction": "outbound",
                    "external_id": f"sale.order-{order.id}",
                    "occurred_at": fields.Datetime.to_string(fields.Datetime.now()),
                    "keys": {"cid": partner.cid} if partner.cid else {},
                    "reason": "order",
                    "subject": order._crm_price_quotation_subject(origin),
                    "links": links,
                }
            )
        if not items:
            return
        interactions = self.env["crm.price.log"].sudo()._crm_price_ingest(items)
        for order, interaction in zip(self, interactions, strict=True):
            if not interaction.partner_id:
                interaction.partner_id = order.partner_id.commercial_partner_id
