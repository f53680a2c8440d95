from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..tools.pricing import in_band
from .crm_price_given_mixin import UNIT_SELECTION


class CrmPriceLog(models.Model):
    _name = "crm.price.log"
    _inherit = "crm.price.given.mixin"
    _description = "Price given to a customer"
    _order = "date desc, id desc"
    _check_company_auto = True

    quote_id = fields.Many2one(
        "crm.price.quote", string="Quote", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Commercial entity", required=True, index=True
    )
    cid = fields.Char(related="commercial_partner_id.cid", string="CID")
    order_line_id = fields.Many2one(
        "sale.order.line", string="Order line", index="btree_not_null", ondelete="set null"
    )
    order_id = fields.Many2one(related="order_line_id.order_id", string="Order")
    interaction_id = fields.Many2one(
        "crm.interaction", string="Interaction", index="btree_not_null", ondelete="set null"
    )
    is_reused = fields.Boolean(
        string="Quote reused", help="The price of a quote still valid was given again."
    )
    is_inconsistent = fields.Boolean(
        string="Inconsistent",
        readonly=True,
        index=True,
        help="Within the comparison window, the same customer was given another price for "
        "the same product, unit of measure and quantity band.",
    )
    conflict_log_id = fields.Many2one(
        "crm.price.log", string="Conflicting price", readonly=True, ondelete="set null"
    )
    conflict_price_net = fields.Float(related="conflict_log_id.price_net", string="Other net price")
    conflict_unit = fields.Selection(related="conflict_log_id.unit", string="Other unit")
    conflict_user_id = fields.Many2one(related="conflict_log_id.user_id", string="Other user")
    inconsistency_rate = fields.Float(
        string="Inconsistency rate (%)",
        readonly=True,
        default=0.0,
        aggregator="avg",
        help="100 for an inconsistent price, 0 otherwise: its average is the share of "
        "prices that contradicted an earlier one.",
    )

    _pair_idx = models.Index("(commercial_partner_id, product_id, date DESC)")

    @api.depends("quote_id", "date")
    def _compute_display_name(self):
        for log in self:
            log.display_name = self.env._(
                "%(quote)s on %(date)s",
                quote=log.quote_id.name or "",
                date=fields.Datetime.to_string(log.date) or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Prices given are logged by the price service only: ask for a price with "
                    "get_price, or price an order line."
                )
            )
        logs = super().create(vals_list)
        logs._crm_price_check_consistency()
        return logs

    def write(self, vals):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "The log of prices given is kept by the price service: it never changes."
                )
            )
        return super().write(vals)

    def action_open_source(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    @api.model
    def _crm_price_record(self, requests, quotes, found):
        """Log the prices given for requests answered by ``quotes``; one create.

        A request may carry the ``price_unit`` and ``discount`` actually
        given (an order line priced by hand); otherwise the quote's.
        """
        vals_list = []
        for request, quote, reused in zip(requests, quotes, found, strict=True):
            source = request.get("source")
            line = request.get("order_line")
            vals_list.append(
                {
                    "quote_id": quote.id,
                    "partner_id": request["partner"].id,
                    "commercial_partner_id": request["partner"].commercial_partner_id.id,
                    "product_id": request["product"].id,
                    "quantity": request["qty"],
                    "uom_id": request["uom"].id,
                    "price_unit": request.get(
                        "price_unit", quote._crm_price_unit_in(request["uom"])
                    ),
                    "discount": request.get("discount", quote.discount),
                    "currency_id": quote.currency_id.id,
                    "unit": request["unit"],
                    "user_id": self.env.uid,
                    "channel_id": request["channel"].id,
                    "res_model": source._name if source is not None else False,
                    "res_id": source.id if source is not None else False,
                    "source_name": source.display_name if source is not None else False,
                    "order_line_id": line.id if line else False,
                    "is_reused": bool(reused),
                    "company_id": quote.company_id.id,
                }
            )
        # the service's own log, written as superuser (users have no create
        # right on it); the customer priced is checked against the caller's
        # create rules right after
        logs = self.sudo().create(vals_list).with_env(self.env)
        self.env["crm.price.quote"]._crm_price_check_rules(logs)
        return logs

    def _crm_price_check_consistency(self):
        """Flag new prices that contradict another one given within the window.

        Two prices contradict each other when they were given to the same
        commercial entity for the same product, unit of measure and
        currency, the quantity of one lies in the quantity band of the
        other's quote, and their net unit prices differ (to the currency's
        rounding). One search for the whole batch.
        """
        if not self:
            return
        days = max(self.company_id.mapped("crm_price_window_days") or [0])
        earliest = min(self.mapped("date")) - timedelta(days=days)
        # the comparison spans every unit's prices, whoever may read them
        others = self.sudo().search(
            Domain("commercial_partner_id", "in", self.commercial_partner_id.ids)
            & Domain("product_id", "in", self.product_id.ids)
            & Domain("date", ">=", earliest)
            & Domain("id", "not in", self.ids),
            order="date desc, id desc",
        )
        by_key = (others | self.sudo()).grouped(
            lambda log: (log.commercial_partner_id.id, log.product_id.id, log.uom_id.id)
        )
        for log in self.sudo():
            window = timedelta(days=log.company_id.crm_price_window_days)
            product_qty = log.uom_id._compute_quantity(log.quantity, log.product_id.uom_id)
            conflict = None
            for other in by_key.get(
                (log.commercial_partner_id.id, log.product_id.id, log.uom_id.id), []
            ):
                if other == log or other.currency_id != log.currency_id:
                    continue
                if other.date > log.date or (other.date == log.date and other.id > log.id):
                    continue
                if log.date - other.date > window:
                    continue
                if not in_band(
                    product_qty, other.quote_id.qty_band_min, other.quote_id.qty_band_max
                ):
                    continue
                if log.currency_id.compare_amounts(other.price_net, log.price_net):
                    conflict = other
                    break
            if conflict:
                log.write(
                    {
                        "is_inconsistent": True,
                        "conflict_log_id": conflict.id,
                        "inconsistency_rate": 100.0,
                    }
                )

    def _crm_price_log_interactions(self, subject=None, links=None):
        """Put the prices given on the customers' interaction timelines.

        Goes through the interaction ingestion API (one call for the batch),
        with the log as the provider id so that a retry never stores a
        second copy.

        :param str subject: subject of the interactions (default: the price)
        :param list links: extra ``{"model", "id"}`` documents to link
        """
        items = []
        for log in self:
            links_of = [{"model": "crm.price.quote", "id": log.quote_id.id}]
            if log.res_model and log.res_id:
                links_of.append({"model": log.res_model, "id": log.res_id})
            links_of += links or []
            items.append(
                {
                    "channel": log.channel_id.code,
                    "direction": "outbound",
                    "external_id": f"crm.price.log-{log.id}",
                    "occurred_at": fields.Datetime.to_string(log.date),
                    "keys": {"cid": log.commercial_partner_id.cid}
                    if log.commercial_partner_id.cid
                    else {},
                    "reason": "price_request",
                    "subject": subject
                    or self.env._(
                        "Price of %(product)s: %(price)s %(currency)s (%(quote)s)",
                        product=log.product_id.display_name,
                        price=log.currency_id.round(log.price_net),
                        currency=log.currency_id.name,
                        quote=log.quote_id.name,
                    ),
                    "summary": self.env._(
                        "%(qty)s %(uom)s, valid until %(date)s, given by %(unit)s.",
                        qty=log.quantity,
                        uom=log.uom_id.name,
                        date=fields.Datetime.to_string(log.quote_id.valid_until),
                        unit=dict(UNIT_SELECTION)[log.unit],
                    ),
                    "links": links_of,
                }
            )
        interactions = self._crm_price_ingest(items)
        for log, interaction in zip(self, interactions, strict=True):
            if not interaction.partner_id:
                # a customer without CID: the ingestion could not identify them
                interaction.partner_id = log.commercial_partner_id
            # the log is the service's own record: givers may not edit logs
            log.sudo().interaction_id = interaction
        return interactions

    def _crm_price_log_line_interactions(self):
        """Put the prices given on order lines on the customers' timelines, once each.

        A line saved again at the price it already showed the customer (a
        quantity changed within the same band, the order saved again) gives
        no new price: its log points to the line's earlier timeline entry.
        Every other price given on a line (a new line, another quote, a
        price or discount typed by hand) is a new entry. One search for the
        batch; runs as superuser like the logs themselves (the timeline
        entry only records a price the order already shows).
        """
        logs = self.sudo().filtered("order_line_id")
        if not logs:
            return self.env["crm.interaction"]
        earlier = self.sudo().search(
            Domain("order_line_id", "in", logs.order_line_id.ids)
            & Domain("id", "not in", logs.ids)
            & Domain("interaction_id", "!=", False),
            order="id desc",
        )
        last_of = {}
        for log in earlier:
            last_of.setdefault(log.order_line_id.id, log)
        new = self.browse()
        for log in logs:
            last = last_of.get(log.order_line_id.id)
            if (
                last
                and last.quote_id == log.quote_id
                and last.currency_id == log.currency_id
                and not log.currency_id.compare_amounts(last.price_net, log.price_net)
                and last.discount == log.discount
            ):
                log.interaction_id = last.interaction_id
            else:
                new |= log
        return new._crm_price_log_interactions()

    @api.model
    def _crm_price_ingest(self, items):
        """Store interaction items through the ingestion API; raise if one is refused.

        :return: the interactions
        """
        Interaction = self.env["crm.interaction"]
        results = Interaction._interaction_ingest(items, quarantine=False)
        refused = [r["error"] for r in results if r["status"] == "rejected"]
        if refused:
            raise UserError(
                self.env._(
                    "The price could not be put on the customer's timeline: %(error)s",
                    error=refused[0],
                )
            )
        return Interaction.browse([r["id"] for r in results])
