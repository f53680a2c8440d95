from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.crm_cid.tools.jalali import format_reader_date

# Accounts that make a customer's or a vendor's balance.
LEDGER_ACCOUNT_TYPES = ("asset_receivable", "liability_payable")
# Who reads amounts: invoicing users and read-only auditors.
LEDGER_GROUPS = "account.group_account_invoice,account.group_account_readonly"
_INVOICE_TYPES = ("out_invoice", "in_invoice", "out_receipt", "in_receipt")
_REFUND_TYPES = ("out_refund", "in_refund")


class ResPartner(models.Model):
    _inherit = "res.partner"

    ledger_is_dissatisfied = fields.Boolean(
        string="Dissatisfied",
        copy=False,
        tracking=True,
        help="Set by support or sales when the customer complained; every unit sees it "
        "before promising anything.",
    )
    ledger_dissatisfied_reason = fields.Char(
        string="Dissatisfaction reason", copy=False, tracking=True
    )
    ledger_currency_id = fields.Many2one(
        "res.currency", string="Ledger currency", compute="_compute_ledger_money"
    )
    ledger_receivable = fields.Monetary(
        string="Receivable",
        currency_field="ledger_currency_id",
        compute="_compute_ledger_money",
        groups=LEDGER_GROUPS,
    )
    ledger_payable = fields.Monetary(
        string="Payable",
        currency_field="ledger_currency_id",
        compute="_compute_ledger_money",
        groups=LEDGER_GROUPS,
    )
    ledger_overdue_amount = fields.Monetary(
        string="Overdue",
        currency_field="ledger_currency_id",
        compute="_compute_ledger_money",
        groups=LEDGER_GROUPS,
    )
    ledger_overdue_days = fields.Integer(
        string="Overdue days", compute="_compute_ledger_money", groups=LEDGER_GROUPS
    )
    ledger_last_invoice_date = fields.Date(
        string="Last invoice", compute="_compute_ledger_money", groups=LEDGER_GROUPS
    )
    ledger_last_payment_date = fields.Date(
        string="Last payment", compute="_compute_ledger_money", groups=LEDGER_GROUPS
    )
    ledger_has_caution = fields.Boolean(
        string="Caution", compute="_compute_ledger_caution", search="_search_ledger_has_caution"
    )
    ledger_caution = fields.Char(string="Caution flags", compute="_compute_ledger_caution")

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends_context("company")
    def _compute_ledger_money(self):
        currency = self.env.company.currency_id
        self.ledger_currency_id = currency
        if not self.env.su and not self.env.user.has_groups(LEDGER_GROUPS):
            return
        balances = self._ledger_balances()
        for partner in self:
            balance = balances.get(partner.commercial_partner_id.id) or self._ledger_empty()
            partner.ledger_receivable = balance["receivable"]
            partner.ledger_payable = balance["payable"]
            partner.ledger_overdue_amount = balance["overdue_amount"]
            partner.ledger_overdue_days = balance["overdue_days"]
            partner.ledger_last_invoice_date = balance["last_invoice_date"]
            partner.ledger_last_payment_date = balance["last_payment_date"]

    @api.depends_context("company")
    @api.depends("ledger_is_dissatisfied", "ledger_dissatisfied_reason")
    def _compute_ledger_caution(self):
        flags = self._ledger_caution_flags()
        for partner in self:
            messages = [flag["message"] for flag in flags.get(partner.id, [])]
            partner.ledger_has_caution = bool(messages)
            partner.ledger_caution = " · ".join(messages) or False

    def _search_ledger_has_caution(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        flagged = Domain("commercial_partner_id", "in", self._ledger_flagged_commercial_ids())
        return flagged if (True in value) == (operator == "in") else ~flagged

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("ledger_is_dissatisfied", "ledger_dissatisfied_reason")
    def _check_ledger_dissatisfied_reason(self):
        for partner in self:
            if (
                partner.ledger_is_dissatisfied
                and not (partner.ledger_dissatisfied_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why %(name)s is dissatisfied: the reason is shown to sales "
                        "and support.",
                        name=partner.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_ledger_statement(self):
        """Open the statement of this customer for the current year to date."""
        self.ensure_one()
        self._ledger_check_access()
        today = fields.Date.context_today(self)
        statement = self.env["crm.ledger.statement"].create(
            {
                "partner_id": self.commercial_partner_id.id,
                "date_from": today.replace(month=1, day=1),
                "date_to": today,
            }
        )
        statement.action_compute()
        return statement._ledger_action_open()

    def action_ledger_open_items(self):
        """Open the journal items of this customer's CID."""
        self.ensure_one()
        self._ledger_check_access()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_account_moves_all")
        action["domain"] = [("cid", "=", self.commercial_partner_id.cid)]
        action["context"] = {"search_default_posted": 1}
        return action

    # ------------------------------------------------------------
    # BUSINESS: integrator API
    # ------------------------------------------------------------

    def cid_balance(self):
        """Return the money standing of this customer (its commercial entity).

        Amounts are in the current company's currency, from posted journal
        items on receivable and payable accounts of the current company.

        :return: dict with ``partner_id`` (the commercial partner), ``cid``,
            ``currency`` (ISO code), ``receivable`` (what the customer owes),
            ``payable`` (what we owe them), ``balance`` (receivable minus
            payable), ``overdue_amount``, ``overdue_days`` (age of the oldest
            overdue item, 0 when nothing is overdue), ``last_invoice_id``,
            ``last_invoice_date``, ``last_payment_date`` (ISO dates or
            False), ``credit_limit`` (False when none applies),
            ``over_credit_limit`` and ``caution`` (``[{"code", "message"}]``)
        :raises AccessError: for users without invoicing or accounting
            read-only rights
        """
        self.ensure_one()
        self._ledger_check_access()
        commercial = self.commercial_partner_id
        balance = commercial._ledger_balances().get(commercial.id) or self._ledger_empty()
        last_invoice = self.env["account.move"].search(
            self._ledger_move_domain(commercial) & Domain("move_type", "in", _INVOICE_TYPES),
            order="invoice_date desc, id desc",
            limit=1,
        )
        credit_limit = commercial._ledger_credit_limit()
        return {
            "partner_id": commercial.id,
            "cid": commercial.cid or False,
            "currency": self.env.company.currency_id.name,
            "receivable": balance["receivable"],
            "payable": balance["payable"],
            "balance": balance["receivable"] - balance["payable"],
            "overdue_amount": balance["overdue_amount"],
            "overdue_days": balance["overdue_days"],
            "last_invoice_id": last_invoice.id or False,
            "last_invoice_date": fields.Date.to_string(balance["last_invoice_date"]) or False,
            "last_payment_date": fields.Date.to_string(balance["last_payment_date"]) or False,
            "credit_limit": credit_limit or False,
            "over_credit_limit": bool(credit_limit and balance["receivable"] > credit_limit),
            "caution": commercial._ledger_caution_flags().get(commercial.id, []),
        }

    def cid_statement(self, date_from, date_to):
        """Return the statement of this customer (its commercial entity) for a period.

        One line per journal entry touching the customer's receivable or
        payable accounts in the period (invoices, credit notes, payments and
        other entries), in date order, with the running balance; amounts in
        the current company's currency, positive when the customer owes.

        :param date_from: first day, ``"YYYY-MM-DD"`` or a date
        :param date_to: last day, ``"YYYY-MM-DD"`` or a date
        :return: dict with ``partner_id``, ``cid``, ``currency``,
            ``date_from``, ``date_to``, ``opening_balance``,
            ``total_debit``, ``total_credit``, ``closing_balance`` and
            ``lines``: ``[{"date", "date_display", "move_id", "move_name",
            "kind" ("invoice"|"credit_note"|"payment"|"entry"), "ref",
            "date_maturity", "debit", "credit", "balance"}]``;
            ``date_display`` is Jalali for Persian users; installed bridges
            add the related documents readable by the caller
            (``letter_ids``, ``interaction_ids``)
        :raises UserError: for missing, malformed or reversed dates
        :raises AccessError: for users without invoicing or accounting
            read-only rights
        """
        self.ensure_one()
        self._ledger_check_access()
        start, end = self._ledger_parse_period(date_from, date_to)
        commercial = self.commercial_partner_id
        Line = self.env["account.move.line"]
        domain = self._ledger_line_domain(commercial)
        [[opening]] = Line._read_group(domain & Domain("date", "<", start), [], ["balance:sum"])
        opening = opening or 0.0
        lines = Line.search_fetch(
            domain & Domain("date", ">=", start) & Domain("date", "<=", end),
            ["date", "move_id", "debit", "credit", "balance", "date_maturity"],
            order="date, move_id, id",
        )
        lang = self.env.lang
        rows = []
        by_move = {}
        for line in lines:
            row = by_move.get(line.move_id.id)
            if row is None:
                move = line.move_id
                row = by_move[move.id] = {
                    "date": fields.Date.to_string(line.date),
                    "date_display": format_reader_date(line.date, lang),
                    "move_id": move.id,
                    "move_name": move.name or "",
                    "kind": self._ledger_move_kind(move),
                    "ref": move.ref or move.payment_reference or "",
                    "date_maturity": fields.Date.to_string(line.date_maturity) or False,
                    "debit": 0.0,
                    "credit": 0.0,
                    "balance": 0.0,
                }
                rows.append(row)
            row["debit"] += line.debit
            row["credit"] += line.credit
        moves = self.env["account.move"].browse(list(by_move))
        for move_id, values in self._ledger_statement_links(moves).items():
            by_move[move_id].update(values)
        currency = self.env.company.currency_id
        running = opening
        for row in rows:
            running += row["debit"] - row["credit"]
            row["debit"] = currency.round(row["debit"])
            row["credit"] = currency.round(row["credit"])
            row["balance"] = currency.round(running)
        total_debit = currency.round(sum(row["debit"] for row in rows))
        total_credit = currency.round(sum(row["credit"] for row in rows))
        return {
            "partner_id": commercial.id,
            "cid": commercial.cid or False,
            "currency": currency.name,
            "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(end),
            "opening_balance": currency.round(opening),
            "total_debit": total_debit,
            "total_credit": total_credit,
            "closing_balance": currency.round(opening + total_debit - total_credit),
            "lines": rows,
        }

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    @api.model
    def _ledger_check_access(self):
        """Refuse the ledger to users without invoicing or accounting read-only rights."""
        if not self.env.su and not self.env.user.has_groups(LEDGER_GROUPS):
            raise AccessError(
                self.env._(
                    "Only invoicing and accounting users can read a customer's ledger. "
                    "Ask an accounting manager for access."
                )
            )
        self.env["account.move.line"].check_access("read")

    @api.model
    def _ledger_empty(self):
        return {
            "receivable": 0.0,
            "payable": 0.0,
            "overdue_amount": 0.0,
            "overdue_days": 0,
            "last_invoice_date": False,
            "last_payment_date": False,
        }

    @api.model
    def _ledger_line_domain(self, commercials):
        """Posted receivable/payable items of ``commercials`` in the current company."""
        return Domain.AND(
            [
                Domain("cid", "in", [cid for cid in commercials.mapped("cid") if cid]),
                Domain("parent_state", "=", "posted"),
                Domain("account_id.account_type", "in", LEDGER_ACCOUNT_TYPES),
                Domain("company_id", "=", self.env.company.id),
            ]
        )

    @api.model
    def _ledger_move_domain(self, commercials):
        """Posted entries of ``commercials`` in the current company."""
        return Domain.AND(
            [
                Domain("cid", "in", [cid for cid in commercials.mapped("cid") if cid]),
                Domain("state", "=", "posted"),
                Domain("company_id", "=", self.env.company.id),
            ]
        )

    def _ledger_balances(self):
        """Return ``{commercial partner id: balance dict}`` for the partners of ``self``.

        Three grouped queries whatever the number of partners. Access is the
        caller's business (see :meth:`_ledger_check_access`).
        """
        commercials = self.commercial_partner_id.filtered("cid")
        if not commercials:
            return {}
        by_cid = {partner.cid: partner.id for partner in commercials}
        result = {partner.id: self._ledger_empty() for partner in commercials}
        Line = self.env["account.move.line"]
        domain = self._ledger_line_domain(commercials)
        for cid, account, balance in Line._read_group(
            domain, ["cid", "account_id"], ["balance:sum"]
        ):
            entry = result[by_cid[cid]]
            if account.account_type == "asset_receivable":
                entry["receivable"] += balance
            else:
                entry["payable"] -= balance
        today = fields.Date.context_today(self)
        overdue_domain = (
            domain
            & Domain("account_id.account_type", "=", "asset_receivable")
            & Domain("reconciled", "=", False)
            & Domain("amount_residual", ">", 0)
            & Domain("date_maturity", "<", today)
        )
        for cid, residual, oldest in Line._read_group(
            overdue_domain, ["cid"], ["amount_residual:sum", "date_maturity:min"]
        ):
            entry = result[by_cid[cid]]
            entry["overdue_amount"] = residual
            entry["overdue_days"] = (today - oldest).days if oldest else 0
        Move = self.env["account.move"]
        move_domain = self._ledger_move_domain(commercials)
        for cid, last in Move._read_group(
            move_domain & Domain("move_type", "in", _INVOICE_TYPES),
            ["cid"],
            ["invoice_date:max"],
        ):
            result[by_cid[cid]]["last_invoice_date"] = last
        for cid, last in Move._read_group(
            move_domain & Domain("origin_payment_id", "!=", False), ["cid"], ["date:max"]
        ):
            result[by_cid[cid]]["last_payment_date"] = last
        currency = self.env.company.currency_id
        for entry in result.values():
            for key in ("receivable", "payable", "overdue_amount"):
                entry[key] = currency.round(entry[key])
        return result

    def _ledger_credit_limit(self):
        """Return the credit limit that applies to this customer, or 0.0."""
        self.ensure_one()
        if not self.env.company.account_use_credit_limit:
            return 0.0
        return self.credit_limit or 0.0

    def _ledger_caution_flags(self):
        """Return ``{partner id: [{"code", "message"}]}`` of the partners of ``self``.

        Codes: ``overdue`` (the oldest overdue item is older than the
        company's threshold), ``credit_limit`` (receivable above the credit
        limit) and ``dissatisfied``. The flags and their reasons are shown to
        every user who sees the customer; amounts stay with accounting.
        """
        # the flags are yes/no facts derived from the ledger, shown to sales
        # and support who may not read journal items; no amount leaves here
        balances = self.sudo()._ledger_balances()
        threshold = self.env.company.ledger_overdue_days
        result = {}
        for partner in self:
            commercial = partner.commercial_partner_id
            flags = []
            balance = balances.get(commercial.id)
            if balance and balance["overdue_amount"] > 0 and balance["overdue_days"] > threshold:
                flags.append(
                    {
                        "code": "overdue",
                        "message": self.env._(
                            "Overdue for %(days)s days", days=balance["overdue_days"]
                        ),
                    }
                )
            # same reason as above: only whether the limit is exceeded is shown
            limit = commercial.sudo()._ledger_credit_limit()
            if balance and limit and balance["receivable"] > limit:
                flags.append({"code": "credit_limit", "message": self.env._("Over credit limit")})
            if commercial.ledger_is_dissatisfied:
                flags.append(
                    {
                        "code": "dissatisfied",
                        "message": self.env._(
                            "Dissatisfied: %(reason)s",
                            reason=commercial.ledger_dissatisfied_reason or "",
                        ),
                    }
                )
            result[partner.id] = flags
        return result

    @api.model
    def _ledger_flagged_commercial_ids(self):
        """Return the ids of the commercial partners that carry a caution flag.

        Same rules as :meth:`_ledger_caution_flags`, for every customer of the
        current company at once (for searches and list filters).
        """
        # yes/no facts derived from the ledger for users who may not read
        # journal items (same reason as in _ledger_caution_flags)
        Line = self.env["account.move.line"].sudo()
        company = self.env.company
        today = fields.Date.context_today(self)
        base = Domain.AND(
            [
                Domain("cid", "!=", False),
                Domain("parent_state", "=", "posted"),
                Domain("account_id.account_type", "=", "asset_receivable"),
                Domain("company_id", "=", company.id),
            ]
        )
        overdue_cids = {
            cid
            for [cid] in Line._read_group(
                base
                & Domain("reconciled", "=", False)
                & Domain("amount_residual", ">", 0)
                & Domain(
                    "date_maturity",
                    "<",
                    fields.Date.subtract(today, days=company.ledger_overdue_days),
                ),
                ["cid"],
            )
        }
        flagged = set(self.sudo().search([("cid", "in", list(overdue_cids))]).ids)
        if company.account_use_credit_limit:
            limited = self.sudo().search([("credit_limit", ">", 0)])
            limited = limited.filtered(lambda partner: partner == partner.commercial_partner_id)
            balances = limited._ledger_balances()
            flagged.update(
                partner.id
                for partner in limited
                if partner.id in balances
                and balances[partner.id]["receivable"] > partner.credit_limit
            )
        flagged.update(
            self.with_context(active_test=False)
            .search([("ledger_is_dissatisfied", "=", True)])
            .commercial_partner_id.ids
        )
        return list(flagged)

    @api.model
    def _ledger_parse_period(self, date_from, date_to):
        """Return ``(start, end)`` dates from the arguments of :meth:`cid_statement`."""
        try:
            start = fields.Date.to_date(date_from)
            end = fields.Date.to_date(date_to)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._("Give the period as two dates written YYYY-MM-DD.")
            ) from error
        if not start or not end:
            raise UserError(self.env._("Give the first and the last day of the statement."))
        if start > end:
            raise UserError(
                self.env._(
                    "The statement starts on %(start)s, after its last day %(end)s.",
                    start=start,
                    end=end,
                )
            )
        return start, end

    @api.model
    def _ledger_statement_links(self, moves):
        """Return ``{move id: {key: ids}}``: documents related to the statement's entries.

        Empty here; bridges add the letters and interactions about each entry
        (an entry's payment counts as the entry).
        """
        return {}

    @api.model
    def _ledger_linked_records(self, moves, link_model, record_field):
        """Return ``{move id: sorted ids}`` of the records linked to each entry.

        For the bridges' :meth:`_ledger_statement_links`: ``link_model`` is a
        link model with ``res_model``/``res_id`` (``secretariat.letter.link``,
        ``crm.interaction.link``) and ``record_field`` its many2one to the
        linked record. A link to an entry's payment counts for the entry. Only
        records the caller may read are listed.
        """
        Link = self.env[link_model]
        found = {move.id: set() for move in moves}
        if not Link.has_access("read"):
            return {move_id: [] for move_id in found}
        payment_move = {
            move.origin_payment_id.id: move.id for move in moves if move.origin_payment_id
        }
        links = Link.search(
            Domain.OR(
                [
                    Domain("res_model", "=", "account.move") & Domain("res_id", "in", moves.ids),
                    Domain("res_model", "=", "account.payment")
                    & Domain("res_id", "in", list(payment_move)),
                ]
            )
        )
        readable = links[record_field]._filtered_access("read")
        for link in links:
            record = link[record_field]
            if record not in readable:
                continue
            move_id = link.res_id if link.res_model == "account.move" else payment_move[link.res_id]
            found[move_id].add(record.id)
        return {move_id: sorted(ids) for move_id, ids in found.items()}

    @api.model
    def _ledger_move_kind(self, move):
        if move.move_type in _INVOICE_TYPES:
            return "invoice"
        if move.move_type in _REFUND_TYPES:
            return "credit_note"
        if move.origin_payment_id or move.journal_id.type in ("bank", "cash"):
            return "payment"
        return "entry"
