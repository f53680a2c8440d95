from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.crm_cid.tools.service_fields import service_fields_given

from ..tools.pricing import deviation_percent, exceeds_tolerance, net_price

# Fields whose change is a new price given on a line.
_PRICE_FIELDS = ("price_unit", "discount")
# Fields of a line set by the price service only: its quote and what the
# quote says of the line's price (which decides the Pricing Manager's review).
_SERVICE_FIELDS = (
    "crm_price_quote_id",
    "crm_price_deviation",
    "crm_price_tolerance",
    "crm_price_needs_approval",
)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    crm_price_quote_id = fields.Many2one(
        "crm.price.quote",
        string="Price quote",
        compute="_compute_crm_price_quote_id",
        store=True,
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The quote that gave this line its price: a valid quote for the customer, "
        "product and quantity band is reused, otherwise one is recorded when the line is "
        "saved.",
    )
    crm_price_reference = fields.Float(
        string="Quoted net price",
        related="crm_price_quote_id.price_net",
        digits="Product Price",
    )
    crm_price_deviation = fields.Float(
        string="Deviation (%)",
        compute="_compute_crm_price_deviation",
        store=True,
        digits=(16, 2),
        help="How far the line's net price is from its quote.",
    )
    crm_price_tolerance = fields.Float(
        string="Tolerance (%)", compute="_compute_crm_price_deviation", store=True
    )
    crm_price_needs_approval = fields.Boolean(
        string="Price needs approval", compute="_compute_crm_price_deviation", store=True
    )

    @api.depends(
        "product_id",
        "product_uom_id",
        "product_uom_qty",
        "order_id.partner_id",
        "order_id.pricelist_id",
    )
    def _compute_crm_price_quote_id(self):
        lines = self.filtered(
            lambda line: (
                line.product_id
                and not line.display_type
                and line.order_id.partner_id
                and line.product_uom_id
                and line.product_uom_qty > 0
            )
        )
        Quote = self.env["crm.price.quote"]
        found = Quote._crm_price_find_valid(
            [
                (
                    line.order_id.partner_id.commercial_partner_id,
                    line.product_id,
                    line.product_uom_qty,
                    line.product_uom_id,
                    line.currency_id,
                    line.company_id or self.env.company,
                    line.order_id.pricelist_id,
                    line._crm_price_date(),
                )
                for line in lines
            ]
        )
        quote_of = dict(zip(lines, found, strict=True))
        for line in self:
            line.crm_price_quote_id = quote_of.get(line, Quote)

    @api.depends(
        "price_unit",
        "discount",
        "crm_price_quote_id",
        "product_uom_id",
        "product_id.categ_id",
        "company_id.crm_price_tolerance",
    )
    def _compute_crm_price_deviation(self):
        for line in self:
            quote = line.crm_price_quote_id
            company = line.company_id or self.env.company
            line.crm_price_tolerance = line.product_id.categ_id._crm_price_get_tolerance(company)
            if not quote or quote.currency_id != line.currency_id:
                line.crm_price_deviation = 0.0
                line.crm_price_needs_approval = False
                continue
            reference = net_price(quote._crm_price_unit_in(line.product_uom_id), quote.discount)
            deviation = deviation_percent(reference, line.price_unit, line.discount)
            line.crm_price_deviation = deviation
            line.crm_price_needs_approval = exceeds_tolerance(deviation, line.crm_price_tolerance)

    def _crm_price_date(self):
        """Return the date the line is priced for: its order's, as Odoo prices it."""
        self.ensure_one()
        return self._get_order_date() or fields.Datetime.now()

    def _crm_price_quote_applies(self):
        """Tell whether the line's quote sets its price.

        A plain product line in the quote's currency, while the quote holds
        on the order's date (not withdrawn, not expired for that date).
        """
        self.ensure_one()
        quote = self.crm_price_quote_id
        return bool(
            quote
            and quote.currency_id == self.currency_id
            and quote._crm_price_valid_on(self._crm_price_date())
            and not self.combo_item_id
            and self.product_type != "combo"
        )

    def _get_pricelist_price(self):
        # a valid quote locks what the customer pays per unit before taxes, even
        # if the pricelist changed since; Odoo still presents it (a discount
        # shown when the pricelist shows discounts) and maps its taxes
        if self._crm_price_quote_applies():
            quote = self.crm_price_quote_id
            return net_price(quote._crm_price_unit_in(self.product_uom_id), quote.discount)
        return super()._get_pricelist_price()

    def _get_pricelist_price_before_discount(self):
        # the price the quote's rule started from: Odoo shows the discount from
        # it when the pricelist shows discounts
        if self._crm_price_quote_applies():
            return self.crm_price_quote_id._crm_price_before_discount_in(self.product_uom_id)
        return super()._get_pricelist_price_before_discount()

    def _prepare_invoice_line(self, **optional_values):
        values = super()._prepare_invoice_line(**optional_values)
        if self.crm_price_quote_id:
            values["crm_price_quote_id"] = self.crm_price_quote_id.id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_price_check_quote_not_given(vals, defaults=True)
        lines = super().create(vals_list)
        lines._crm_price_attach_quotes()
        return lines

    def write(self, vals):
        self._crm_price_check_quote_not_given(vals)
        result = super().write(vals)
        # the service's own write of the quote (as superuser): nothing more to
        # do; the flag means nothing in a user's context
        if self.env.su and self.env.context.get("crm_price_attaching"):
            return result
        if {"product_id", "product_uom_id", "product_uom_qty"} & vals.keys():
            self._crm_price_attach_quotes()
        elif set(_PRICE_FIELDS) & vals.keys():
            self._crm_price_log_given()
        if {"product_id", "product_uom_id", "product_uom_qty", *_PRICE_FIELDS} & vals.keys():
            self.order_id._crm_price_restart_approval()
        return result

    @api.model
    def _crm_price_check_quote_not_given(self, vals, defaults=False):
        """Refuse a quote (or its verdict) chosen by the user: only the price service sets it.

        The quote locks the line's price and decides whether it needs a
        Pricing Manager's approval; a context default counts as a value.
        """
        context = self.env.context if defaults else None
        if not self.env.su and service_fields_given(vals, _SERVICE_FIELDS, context):
            raise AccessError(
                self.env._(
                    "The price quote of an order line is set by the price service from the "
                    "customer, product and quantity; it cannot be chosen."
                )
            )

    def _crm_price_open_lines(self):
        return self.filtered(
            lambda line: (
                line.product_id
                and not line.display_type
                and line.order_id.partner_id
                and line.product_uom_qty > 0
                and line.state in ("draft", "sent")
            )
        )

    def _crm_price_requests(self):
        requests = []
        for line in self:
            order = line.order_id
            unit = order.crm_price_unit or "sales"
            requests.append(
                {
                    "partner": order.partner_id,
                    "product": line.product_id,
                    "qty": line.product_uom_qty,
                    "uom": line.product_uom_id,
                    "currency": line.currency_id,
                    "pricelist": order.pricelist_id,
                    "company": line.company_id or self.env.company,
                    "date": line._crm_price_date(),
                    "unit": unit,
                    "channel": order._crm_price_channel(),
                    "source": order,
                    "origin": order._crm_price_origin(),
                    "order_line": line,
                    "price_unit": line.price_unit,
                    "discount": line.discount,
                }
            )
        return requests

    def _crm_price_attach_quotes(self):
        """Give open lines a quote (the valid one, or a new one) and log their prices.

        Runs as superuser: the user's right to edit the order was checked by
        the ORM; quotes and logs are the price service's own records, and
        salespeople without the price groups must still get the locked price.
        """
        lines = self._crm_price_open_lines()
        if not lines:
            return
        Quote = self.env["crm.price.quote"].sudo()
        results = Quote._crm_price_give(lines.sudo()._crm_price_requests())
        for line, (quote, _log, _reused) in zip(lines, results, strict=True):
            if line.crm_price_quote_id != quote:
                line.sudo().with_context(crm_price_attaching=True).crm_price_quote_id = quote
        logs = self.env["crm.price.log"].sudo().browse([log.id for _q, log, _r in results])
        logs._crm_price_log_line_interactions()

    def _crm_price_log_given(self):
        """Log the new prices of open lines changed by hand (as superuser, see above)."""
        lines = self._crm_price_open_lines().filtered("crm_price_quote_id")
        if not lines:
            return
        requests = lines.sudo()._crm_price_requests()
        quotes = [line.crm_price_quote_id.sudo() for line in lines]
        logs = self.env["crm.price.log"].sudo()._crm_price_record(requests, quotes, quotes)
        logs._crm_price_log_line_interactions()
