from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.crm_cid.tools.jalali import format_reader_date, resolve_tz_name

from ..tools.pricing import UNITS, in_band, net_price, quantity_band

#: Channel (``crm.interaction.channel`` code) of a price given, by unit, when
#: the caller names none.
DEFAULT_CHANNEL = {"sales": "phone", "support": "phone", "web": "web_form", "api": "web_form"}

#: Group of the users who give prices (through :meth:`CrmPriceQuote.get_price`).
PRICE_USER_GROUP = "crm_price_consistency.group_price_user"

#: Fields of a quote a Pricing Manager may still change: withdraw it or move
#: its end of validity. Every other field is the price service's.
QUOTE_USER_FIELDS = ("active", "valid_until")


class CrmPriceQuote(models.Model):
    _name = "crm.price.quote"
    _description = "Price quote"
    _inherit = ("mail.thread", "crm.price.given.mixin")
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True, index=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Commercial entity",
        store=True,
        index=True,
    )
    cid = fields.Char(related="commercial_partner_id.cid", string="CID", store=True, index=True)
    categ_id = fields.Many2one(related="product_id.categ_id", string="Product category")
    qty_band_min = fields.Float(
        string="Band from",
        readonly=True,
        digits="Product Unit",
        help="The price holds for quantities from this one (in the product's unit).",
    )
    qty_band_max = fields.Float(
        string="Band up to",
        readonly=True,
        digits="Product Unit",
        help="The price holds for quantities below this one (in the product's unit); "
        "zero: no upper limit.",
    )
    price_before_discount = fields.Float(
        string="Price before discount",
        readonly=True,
        min_display_digits="Product Price",
        help="The price the pricelist rule started from (the list price of a percentage "
        "rule): an order line shows the discount from it when the pricelist shows "
        "discounts, whether or not it did when the quote was given.",
    )
    pricelist_id = fields.Many2one("product.pricelist", string="Pricelist", readonly=True)
    pricelist_item_id = fields.Many2one(
        "product.pricelist.item", string="Pricelist rule", readonly=True, ondelete="set null"
    )
    unit = fields.Selection(help="The unit that gave the price first.")
    date_priced = fields.Datetime(
        string="Priced as of",
        readonly=True,
        help="The date the pricelist was applied for: when the price was given, or the "
        "date of the order it was given on. The quote answers requests for dates from this "
        "one until its end of validity.",
    )
    valid_until = fields.Datetime(required=True, readonly=True, index=True, tracking=True)
    is_valid = fields.Boolean(
        string="Valid", compute="_compute_is_valid", search="_search_is_valid"
    )
    active = fields.Boolean(default=True, tracking=True)
    log_ids = fields.One2many("crm.price.log", "quote_id", string="Prices given")
    given_count = fields.Integer(string="Times given", compute="_compute_given_count")
    order_line_ids = fields.One2many(
        "sale.order.line", "crm_price_quote_id", string="Order lines", readonly=True
    )

    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)", "The quantity of a price quote must be positive."
    )
    _lookup_idx = models.Index("(commercial_partner_id, product_id, valid_until DESC)")

    @api.depends_context("uid")
    @api.depends("valid_until", "active")
    def _compute_is_valid(self):
        now = fields.Datetime.now()
        for quote in self:
            quote.is_valid = bool(quote.active and quote.valid_until and quote.valid_until > now)

    def _search_is_valid(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        valid = Domain("valid_until", ">", fields.Datetime.now()) & Domain("active", "=", True)
        wanted = True in value
        if operator == "not in":
            wanted = not wanted
        return valid if wanted else ~valid

    def _compute_given_count(self):
        counts = dict(
            self.env["crm.price.log"]._read_group(
                [("quote_id", "in", self.ids)], ["quote_id"], ["__count"]
            )
        )
        for quote in self:
            quote.given_count = counts.get(quote, 0)

    @api.depends("name", "product_id", "price_net", "currency_id")
    def _compute_display_name(self):
        for quote in self:
            quote.display_name = quote.name or ""

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Price quotes are recorded by the price service only: ask for a price "
                    "with get_price, or price an order line."
                )
            )
        Sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("crm.price.quote") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            own = set(self._fields) - set(self.env["mail.thread"]._fields)
            forbidden = sorted((own & vals.keys()) - set(QUOTE_USER_FIELDS))
            if forbidden:
                raise AccessError(
                    self.env._(
                        "The price, customer, product and origin of a price quote are set by "
                        "the price service and never change; withdraw the quote instead "
                        "(fields: %(fields)s).",
                        fields=", ".join(forbidden),
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_cancel(self):
        """Withdraw quotes: the next request for the same price gets the current one."""
        self.write({"active": False})

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

    def _crm_price_report_lang(self):
        """Return the language the customer reads the printed quote in."""
        self.ensure_one()
        return self.partner_id.lang or self.env.user.lang or "en_US"

    def _crm_price_report_valid_until(self):
        """Return the last day of validity as the customer reads it.

        A Jalali date in Persian digits for a Persian reader, a Gregorian one
        otherwise, in the customer's time zone (else the reader's, else Tehran's).
        """
        self.ensure_one()
        tz = resolve_tz_name(self.partner_id.tz, self.env.context.get("tz"), self.env.user.tz)
        return format_reader_date(self.valid_until, self._crm_price_report_lang(), tz)

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------

    @api.model
    def get_price(
        self, partner_id, product_id, qty, unit, uom_id=False, channel=False, source=False
    ):
        """Give a customer the price of a product, the same whichever unit asks.

        While an earlier quote for the same customer (its commercial
        entity), product, unit of measure and quantity band is valid, its
        price is returned, even if the pricelist changed since; otherwise the
        price comes from the customer's pricelist and a new quote is
        recorded. Every call is logged as a price given and appears on the
        customer's interaction timeline.

        :param int partner_id: the customer (a contact of a company is priced
            as the company)
        :param int product_id: a saleable product variant
        :param float qty: a positive quantity, in ``uom_id``
        :param str unit: who gives the price: ``sales``, ``support``, ``web``
            or ``api``
        :param int uom_id: unit of measure (default: the product's)
        :param str channel: interaction channel code (``phone``, ``web_form``,
            ``telegram``...); default by unit
        :param dict source: the document the price is given on,
            ``{"model": "sale.order", "id": 7}``
        :return: dict with ``quote_id``, ``reference``, ``price_unit``,
            ``discount``, ``price_net``, ``currency``, ``currency_id``,
            ``valid_until`` (UTC, ``YYYY-MM-DD HH:MM:SS``), ``reused``,
            ``partner_id``, ``commercial_partner_id``, ``cid``, ``product_id``,
            ``quantity``, ``uom_id``, ``uom`` (as asked; the prices are in
            this unit), ``quote_uom_id``, ``quote_uom`` (the unit the quote
            was given in), ``qty_band_min``,
            ``qty_band_max``, ``unit``, ``log_id``, ``interaction_id``
        :raises UserError: for an unknown or archived customer or product, a
            quantity that is not positive, an unknown unit, unit of measure,
            channel or source; nothing is recorded then
        :raises AccessError: when the user may not give prices, or not to
            this customer
        """
        self._crm_price_check_giver()
        request = self._crm_price_parse_request(
            partner_id, product_id, qty, unit, uom_id=uom_id, channel=channel, source=source
        )
        [(quote, log, reused)] = self._crm_price_give([request])
        log._crm_price_log_interactions()
        return quote._crm_price_result(log, reused)

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------

    @api.model
    def _crm_price_check_giver(self):
        """Refuse users who may not give prices (the superuser may)."""
        if not self.env.su and not self.env.user.has_group(PRICE_USER_GROUP):
            raise AccessError(
                self.env._(
                    "You may not give prices: ask your administrator for the pricing rights."
                )
            )

    @api.model
    def _crm_price_check_rules(self, records):
        """Refuse records of the price service the caller could not have given.

        Quotes and logs are created as superuser (users have no create right
        on them); the record rules of the *create* operation still state to
        which customers the caller gives prices (an agent, to the customers
        of their portfolio). Checked after the insert, like the ORM checks
        its own create rules: the error rolls the whole request back.

        :raises AccessError: when a record falls outside the caller's rules
        """
        if self.env.su or not records:
            return
        domain = self.env["ir.rule"]._compute_domain(records._name, "create")
        # the search runs as superuser on the given ids, with the caller's rules
        allowed = records.sudo().search(Domain("id", "in", records.ids) & domain)
        failing = records - allowed.with_env(records.env)
        if failing:
            raise self.env["ir.rule"]._make_access_error("create", failing)

    @api.model
    def _crm_price_parse_request(
        self, partner_id, product_id, qty, unit, uom_id=False, channel=False, source=False
    ):
        """Check the arguments of :meth:`get_price`; return a request dict for the engine.

        :raises UserError: with what is wrong and what to send instead
        """
        if unit not in UNITS:
            raise UserError(
                self.env._(
                    "%(unit)s is not a unit that gives prices: use one of %(units)s.",
                    unit=unit,
                    units=", ".join(UNITS),
                )
            )
        if isinstance(qty, bool) or not isinstance(qty, (int, float)) or qty <= 0:
            raise UserError(
                self.env._("The quantity must be a positive number, not %(qty)s.", qty=qty)
            )
        partner = self._crm_price_browse("res.partner", partner_id)
        if not partner:
            raise UserError(self.env._("There is no customer with id %(id)s.", id=partner_id))
        if not partner.active:
            raise UserError(
                self.env._(
                    "The customer %(name)s is archived: restore them, or give the price to "
                    "their current contact.",
                    name=partner.display_name,
                )
            )
        product = self._crm_price_browse("product.product", product_id)
        if not product:
            raise UserError(self.env._("There is no product with id %(id)s.", id=product_id))
        if not product.active or not product.sale_ok:
            raise UserError(
                self.env._("The product %(name)s is not for sale.", name=product.display_name)
            )
        allowed_uoms = product.uom_id | product.uom_ids
        uom = allowed_uoms[:1]
        if uom_id:
            uom = allowed_uoms.filtered(lambda u: u.id == uom_id)
            if not uom:
                raise UserError(
                    self.env._(
                        "%(product)s is not sold in the unit of measure %(uom)s; use one of "
                        "%(uoms)s.",
                        product=product.display_name,
                        uom=uom_id,
                        uoms=", ".join(f"{u.id} ({u.name})" for u in allowed_uoms),
                    )
                )
        channel_code = channel or DEFAULT_CHANNEL[unit]
        channel_rec = isinstance(channel_code, str) and self.env["crm.interaction.channel"].search(
            [("code", "=", channel_code)], limit=1
        )
        if not channel_rec:
            raise UserError(
                self.env._("%(channel)s is not a known channel code.", channel=channel_code)
            )
        source_rec = self._crm_price_parse_source(source) if source else None
        return {
            "partner": partner,
            "product": product,
            "qty": float(qty),
            "uom": uom,
            "unit": unit,
            "channel": channel_rec,
            "source": source_rec,
        }

    @api.model
    def _crm_price_browse(self, model, record_id):
        """Return the record of an id sent by a caller (archived ones included), or nothing."""
        if isinstance(record_id, bool) or not isinstance(record_id, int):
            return self.env[model]
        return self.env[model].with_context(active_test=False).browse(record_id).exists()

    @api.model
    def _crm_price_parse_source(self, source):
        """Return the record named by ``{"model": ..., "id": ...}``, after checking it."""
        if not isinstance(source, dict):
            raise UserError(self.env._('Name the source as {"model": "sale.order", "id": 7}.'))
        model, res_id = source.get("model"), source.get("id")
        if model not in self.env or self.env[model]._abstract or self.env[model]._transient:
            raise UserError(
                self.env._("%(model)s is not a document model of this database.", model=model)
            )
        record = self._crm_price_browse(model, res_id)
        if not record:
            raise UserError(
                self.env._(
                    "The source document %(model)s %(id)s does not exist.", model=model, id=res_id
                )
            )
        record.check_access("read")
        return record

    @api.model
    def _crm_price_compute(
        self, commercial_partner, product, qty, uom, company, pricelist=None, date=None
    ):
        """Price a product for a commercial entity through Odoo's pricelist engine.

        Priced as Odoo prices an order line of ``company`` dated ``date``:
        the pricelist rules and the currency rates of that date and company,
        at full precision. The unit price and discount are split the way a
        sale order line shows them: when the applied rule is a percentage
        and discounts are shown, the list price and the discount; otherwise
        the net price (a surcharge is in the price, never a negative discount).

        :param pricelist: the pricelist to use (an order's); default: the
            customer's
        :param datetime date: the date priced for (default: now)
        :return: dict of quote values (price, discount, currency, pricelist,
            rule, quantity band)
        """
        self = self.with_company(company)
        product = product.with_company(company)
        if pricelist is None:
            pricelist = commercial_partner.with_company(company).property_product_pricelist
        pricelist = pricelist.with_company(company)
        currency = pricelist.currency_id or company.currency_id
        date = date or fields.Datetime.now()
        kwargs = {"uom": uom, "date": date, "currency": currency}
        price, rule_id = pricelist._get_product_price_rule(product, qty, **kwargs)
        rule = self.env["product.pricelist.item"].browse(rule_id)
        price_unit, discount = price, 0.0
        base = (
            rule._compute_price_before_discount(product=product, quantity=qty, **kwargs)
            if rule
            else price
        )
        if rule._show_discount():
            price_unit = max(base, price)
            if base > 0 and base > price:
                discount = (base - price) / base * 100.0
        rules = self._crm_price_band_rules(pricelist, product, date) if pricelist else rule
        breaks = [r.min_quantity for r in rules if r._is_applicable_for(product, r.min_quantity)]
        low, high = quantity_band(self._crm_price_product_qty(qty, uom, product), breaks)
        return {
            "price_unit": price_unit,
            "discount": discount,
            "price_before_discount": base,
            "currency_id": currency.id,
            "pricelist_id": pricelist.id,
            "pricelist_item_id": rule.id,
            "qty_band_min": low,
            "qty_band_max": high or 0.0,
            "date_priced": date,
        }

    @api.model
    def _crm_price_band_rules(self, pricelist, product, date):
        """Return the rules whose minimum quantities cut the product's price bands.

        Those of the pricelist and of the pricelists its rules compute on
        (a promotion of 25 % on a wholesale list that drops from 500
        units): a quantity break of the base list changes the price too.
        One search per pricelist of the chain, usually one or two.
        """
        rules = self.env["product.pricelist.item"]
        seen = self.env["product.pricelist"]
        todo = pricelist
        while todo:
            current, todo = todo[:1], todo[1:]
            seen |= current
            found = current._get_applicable_rules(product, date)
            rules |= found
            based_on = found.filtered(lambda r: r.base == "pricelist").base_pricelist_id
            todo |= based_on - seen
        return rules

    @api.model
    def _crm_price_find_valid(self, keys):
        """Find the valid quotes that answer requests; one search for all of them.

        The rules of the lock: a quote answers a request only of the same
        company and currency (a price given in one currency never prices an
        order in another: that order gets a quote of its own, in its
        currency), with the same pricelist when the request names one, and
        only for a date inside the quote's validity (from the date it was
        priced for to ``valid_until``): an order dated before a price was
        given, or after it expired, is priced as Odoo prices it on its date.

        :param list keys: ``(commercial_partner, product, qty, uom, currency
            or None, company[, pricelist[, date]])`` tuples; with a pricelist
            (an order's, possibly empty), only quotes priced with it answer;
            the date (default: now) is the one priced for (an order's date)
        :return: list of quotes (empty recordsets where none holds), in order;
            the oldest valid quote wins, so the first price given stays. A
            quote given in another unit of measure with the same reference
            unit (dozens for units) answers too: the quantity band is
            compared in the product's unit, and the price is converted by
            :meth:`_crm_price_unit_in`
        """
        result = [self.browse() for _key in keys]
        wanted = [k for k in keys if k[0] and k[1] and k[3]]
        if not wanted:
            return result
        now = fields.Datetime.now()
        dates = [(k[7] if len(k) > 7 else None) or now for k in keys]
        # quotes are shared knowledge of the company: whoever gives a price
        # must find the one already given, whichever unit recorded it
        candidates = (
            self.sudo()
            .search(
                Domain("commercial_partner_id", "in", list({k[0].id for k in wanted}))
                & Domain("product_id", "in", list({k[1].id for k in wanted}))
                & Domain("company_id", "in", list({k[5].id for k in wanted}))
                & Domain("active", "=", True)
                & Domain("valid_until", ">", min(dates)),
                order="id",
            )
            .with_env(self.env)
        )
        grouped = candidates.grouped(
            lambda q: (q.commercial_partner_id.id, q.product_id.id, q.company_id.id)
        )
        for position, key in enumerate(keys):
            commercial, product, qty, uom, currency, company = key[:6]
            pricelist = key[6] if len(key) > 6 else None
            date = dates[position]
            if not (commercial and product and uom):
                continue
            product_qty = self._crm_price_product_qty(qty, uom, product)
            for quote in grouped.get((commercial.id, product.id, company.id), []):
                if not quote._crm_price_valid_on(date):
                    continue
                if currency and quote.currency_id != currency:
                    continue
                if not quote._crm_price_uom_matches(uom):
                    continue
                if pricelist is not None and quote.pricelist_id != pricelist:
                    continue
                if in_band(product_qty, quote.qty_band_min, quote.qty_band_max):
                    result[position] = quote
                    break
        return result

    def _crm_price_valid_on(self, date):
        """Tell whether the quote holds for a price asked for ``date``.

        From the date it was priced for (quotes recorded before that date
        was kept: from their creation) to its end of validity, excluded.
        """
        self.ensure_one()
        start = self.date_priced or self.create_date
        return bool(self.active and (not start or start <= date) and date < self.valid_until)

    @api.model
    def _crm_price_give(self, requests):
        """Answer price requests: reuse valid quotes, record new ones, log each price given.

        :param list requests: dicts from :meth:`_crm_price_parse_request`,
            optionally with ``order_line`` (a ``sale.order.line``),
            ``company``, ``currency``, ``pricelist`` and ``date`` (the date
            priced for: an order's date; default now)
        :return: list of ``(quote, log, reused)`` in the order of the requests
        """
        company_of = [r.get("company") or self.env.company for r in requests]
        keys = [
            (
                r["partner"].commercial_partner_id,
                r["product"],
                r["qty"],
                r["uom"],
                r.get("currency"),
                company_of[i],
                r.get("pricelist"),
                r.get("date"),
            )
            for i, r in enumerate(requests)
        ]
        found = self._crm_price_find_valid(keys)
        now = fields.Datetime.now()
        new_vals, new_positions, quotes = [], {}, list(found)
        for position, (request, quote) in enumerate(zip(requests, found, strict=True)):
            if quote:
                continue
            company = company_of[position]
            commercial = request["partner"].commercial_partner_id
            values = self._crm_price_compute(
                commercial,
                request["product"],
                request["qty"],
                request["uom"],
                company,
                pricelist=request.get("pricelist"),
                date=request.get("date") or now,
            )
            # two requests of one batch for the same price share one new quote
            band_key = (
                commercial.id,
                request["product"].id,
                request["uom"].id,
                company.id,
                values["qty_band_min"],
                values["pricelist_id"],
                values["date_priced"],
            )
            if band_key in new_positions:
                new_positions[band_key].append(position)
                continue
            new_positions[band_key] = [position]
            source = request.get("source")
            new_vals.append(
                dict(
                    values,
                    **self._crm_price_prepare_origin_values(request),
                    partner_id=request["partner"].id,
                    product_id=request["product"].id,
                    quantity=request["qty"],
                    uom_id=request["uom"].id,
                    unit=request["unit"],
                    user_id=self.env.uid,
                    channel_id=request["channel"].id,
                    res_model=source._name if source is not None else False,
                    res_id=source.id if source is not None else False,
                    source_name=source.display_name if source is not None else False,
                    company_id=company.id,
                    # valid for the company's days from the date priced for: a
                    # price of a past date is no price of today
                    valid_until=values["date_priced"]
                    + timedelta(days=company.crm_price_validity_days or 0),
                )
            )
        if new_vals:
            # the service's own records: the caller was checked by get_price (or
            # edits the order the lines belong to), and the customer they price
            # is checked against their create rules right after
            created = self.sudo().create(new_vals).with_env(self.env)
            self._crm_price_check_rules(created)
            for quote, positions in zip(created, new_positions.values(), strict=True):
                for position in positions:
                    quotes[position] = quote
        logs = self.env["crm.price.log"]._crm_price_record(requests, quotes, found)
        return [
            (quote, log, bool(reused))
            for quote, log, reused in zip(quotes, logs, found, strict=True)
        ]

    @api.model
    def _crm_price_prepare_origin_values(self, request):
        """Return the values a new quote takes from the documents behind a request.

        A hook for the addons that link quotes to their own documents (the
        helpdesk bridge keeps the ticket a price was given for): the
        request's ``source`` (the document named by the caller or the
        order of a line) and ``origin`` (the document that order was made
        from, see ``sale.order._crm_price_origin``). Nothing here.

        :param dict request: a request of :meth:`_crm_price_give`
        :return: dict of ``crm.price.quote`` values
        """
        return {}

    @api.model
    def _crm_price_product_qty(self, qty, uom, product):
        """Return ``qty`` (in ``uom``) in the product's unit, where quantity bands live.

        A unit of another reference than the product's (kilograms for a
        product sold by the unit) cannot be converted: the quantity is kept
        as given, and quotes in such a unit only answer requests in it.
        """
        if uom == product.uom_id or not uom._has_common_reference(product.uom_id):
            return qty
        return uom._compute_quantity(qty, product.uom_id, round=False)

    def _crm_price_uom_matches(self, uom):
        """Tell whether the quote can price a quantity in ``uom``.

        The quote's own unit does; so does any unit with the same reference
        unit (a quote in dozens prices units, and the reverse). Units of
        different references (kilograms and units) never do: the caller
        then gets a quote of its own.
        """
        self.ensure_one()
        return self.uom_id == uom or bool(uom and self.uom_id._has_common_reference(uom))

    def _crm_price_unit_in(self, uom):
        """Return the quote's unit price for a quantity in ``uom``.

        Converted from the quote's unit of measure by Odoo's own conversion
        (a dozen quoted at 1,200 is 100 a unit), at full precision as the
        pricelist converts it; the discount, a percentage, needs no conversion.
        """
        self.ensure_one()
        return self._crm_price_amount_in(self.price_unit, uom)

    def _crm_price_amount_in(self, amount, uom):
        """Return a unit amount of the quote (in its unit of measure) in ``uom``."""
        self.ensure_one()
        if not uom or uom == self.uom_id:
            return amount
        return self.uom_id._compute_price(amount, uom)

    def _crm_price_before_discount_in(self, uom):
        """Return the price the quote's rule started from, for a quantity in ``uom``.

        Quotes recorded before it was kept: their unit price.
        """
        self.ensure_one()
        return self._crm_price_amount_in(self.price_before_discount or self.price_unit, uom)

    def _crm_price_result(self, log, reused):
        """Return the answer of :meth:`get_price` for one quote.

        Prices are in the unit of measure asked for (``uom_id``), which may
        differ from the quote's (``quote_uom_id``).
        """
        self.ensure_one()
        price_unit = self._crm_price_unit_in(log.uom_id)
        return {
            "quote_id": self.id,
            "reference": self.name,
            "price_unit": price_unit,
            "discount": self.discount,
            "price_net": self.currency_id.round(net_price(price_unit, self.discount)),
            "currency": self.currency_id.name,
            "currency_id": self.currency_id.id,
            "valid_until": fields.Datetime.to_string(self.valid_until),
            "reused": reused,
            "partner_id": self.partner_id.id,
            "commercial_partner_id": self.commercial_partner_id.id,
            "cid": self.cid or False,
            "product_id": self.product_id.id,
            "quantity": log.quantity,
            "uom_id": log.uom_id.id,
            "uom": log.uom_id.name,
            "quote_uom_id": self.uom_id.id,
            "quote_uom": self.uom_id.name,
            "qty_band_min": self.qty_band_min,
            "qty_band_max": self.qty_band_max or False,
            "unit": log.unit,
            "log_id": log.id,
            "interaction_id": log.interaction_id.id or False,
        }
