from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.crm_cid.tools.service_fields import service_fields_given

# Who may approve an order for a flagged customer.
APPROVER_GROUP = "sales_team.group_sale_manager"
# Fields of the approval: written by action_ledger_approve (and a manager's
# confirmation) only; the review request, by a held customer confirmation only.
APPROVAL_FIELDS = (
    "ledger_approved_by_id",
    "ledger_approved_date",
    "ledger_approved_codes",
    "ledger_review_requested",
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ledger_caution = fields.Char(string="Customer caution", compute="_compute_ledger_caution")
    ledger_has_caution = fields.Boolean(
        string="Flagged customer",
        compute="_compute_ledger_caution",
        search="_search_ledger_has_caution",
    )
    ledger_needs_approval = fields.Boolean(
        string="Needs approval",
        compute="_compute_ledger_caution",
        help="The customer carries a caution flag that blocks confirmation until a sales "
        "manager approves the order.",
    )
    ledger_approved_by_id = fields.Many2one(
        "res.users", string="Caution approved by", readonly=True, copy=False, tracking=True
    )
    ledger_approved_date = fields.Datetime(
        string="Caution approved on", readonly=True, copy=False, tracking=True
    )
    ledger_approved_codes = fields.Char(
        string="Flags approved",
        readonly=True,
        copy=False,
        help="The caution flags the approval was given for: a flag raised after the approval "
        "needs a new one.",
    )
    ledger_review_requested = fields.Datetime(
        string="Customer waiting since",
        readonly=True,
        copy=False,
        tracking=True,
        help="The customer signed or paid the quotation online while it waited for a sales "
        "manager's approval: the order was not confirmed, the customer was told it is being "
        "reviewed, and any payment is kept.",
    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends(
        "partner_id",
        "company_id",
        "state",
        "ledger_approved_by_id",
        "ledger_approved_codes",
        "partner_id.commercial_partner_id.ledger_is_dissatisfied",
    )
    def _compute_ledger_caution(self):
        flags_of = self._ledger_caution_flags()
        for order in self:
            flags = flags_of.get(order, [])
            order.ledger_caution = " · ".join(flag["message"] for flag in flags) or False
            order.ledger_has_caution = bool(flags)
            order.ledger_needs_approval = bool(
                order.state in ("draft", "sent")
                and order._ledger_unapproved_flags(order._ledger_blocking_flags(flags))
            )

    def _search_ledger_has_caution(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        return Domain("partner_id", "any", Domain("ledger_has_caution", operator, value))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ledger_check_approval_not_given(vals, defaults=True)
        return super().create(vals_list)

    def write(self, vals):
        self._ledger_check_approval_not_given(vals)
        if "partner_id" in vals:
            # an approval is given for one customer, not for whoever replaces it
            vals = dict(
                vals,
                ledger_approved_by_id=False,
                ledger_approved_date=False,
                ledger_approved_codes=False,
            )
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        held = self._ledger_hold_customer_confirmation()
        orders = self - held
        if not orders:
            return True
        orders._ledger_check_confirmation()
        return super(SaleOrder, orders).action_confirm()

    def _send_order_confirmation_mail(self):
        # a quotation held for the manager is not confirmed: the portal tells
        # the customer it is being reviewed, no mail says otherwise
        return super(
            SaleOrder, self.filtered(lambda o: not o._ledger_is_held())
        )._send_order_confirmation_mail()

    def action_ledger_approve(self):
        """Approve confirming these orders despite their customer's caution flags.

        Records who approved and when on each order and posts the flags in
        its chatter; then anyone allowed to confirm the order may confirm it.

        :return: True
        :raises AccessError: for users who are not sales managers
        :raises UserError: when none of the orders waits for an approval
        """
        self._ledger_check_approver()
        waiting = self.filtered("ledger_needs_approval")
        if not waiting:
            raise UserError(
                self.env._(
                    "None of these orders waits for an approval: their customers carry no "
                    "blocking caution flag, or the orders are already approved or confirmed."
                )
            )
        waiting._ledger_approve()
        return True

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _ledger_caution_flags(self):
        """Return ``{order: [{"code", "message"}]}``, the flags in the order's company."""
        result = {}
        for company, orders in self.grouped("company_id").items():
            partners = orders.partner_id.commercial_partner_id.with_company(
                company or self.env.company
            )
            flags = partners._ledger_caution_flags()
            for order in orders:
                result[order] = flags.get(order.partner_id.commercial_partner_id.id, [])
        return result

    def _ledger_blocking_flags(self, flags):
        """Keep the flags that the order's company blocks confirmation on."""
        self.ensure_one()
        codes = (self.company_id or self.env.company)._ledger_sale_blocking_codes()
        return [flag for flag in flags if flag["code"] in codes]

    @api.model
    def _ledger_check_approval_not_given(self, vals, defaults=False):
        """Refuse an approval written directly: only the approval method records one.

        Context defaults count as values on create. The superuser (the
        approval method itself, system flows) is not held back.
        """
        context = self.env.context if defaults else None
        if not self.env.su and service_fields_given(vals, APPROVAL_FIELDS, context):
            raise AccessError(
                self.env._(
                    "The approval of an order for a flagged customer is recorded by a sales "
                    "manager's Approve despite caution button; it cannot be written directly."
                )
            )

    def _ledger_check_approver(self):
        if not self.env.su and not self.env.user.has_group(APPROVER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a sales manager can approve an order for a customer with a caution "
                    "flag. Ask your sales manager to approve it."
                )
            )

    def _ledger_unapproved_flags(self, flags):
        """Return the blocking ``flags`` the order's approval does not cover.

        An approval covers the flags it was given for: a flag cleared since
        re-opens nothing, a flag raised since (or raised again, see
        ``res.partner.write``) needs a new approval. Approvals recorded
        before the flags were kept with them cover every flag.
        """
        self.ensure_one()
        if not self.ledger_approved_by_id:
            return flags
        if self.ledger_approved_codes is False:
            return []
        approved = set(self.ledger_approved_codes.split(","))
        return [flag for flag in flags if flag["code"] not in approved]

    def _ledger_is_held(self):
        """Tell whether a customer's confirmation of the quotation waits for the manager."""
        self.ensure_one()
        return bool(
            self.state in ("draft", "sent")
            and self.ledger_review_requested
            and self.ledger_needs_approval
        )

    def _ledger_hold_customer_confirmation(self):
        """Keep unconfirmed the orders a customer or the system confirms without approval.

        Confirmations made as superuser come from the customer (signing or
        paying on the portal, the web shop's checkout) or from system flows:
        they cannot be refused with an error (the payment is already taken),
        so the orders that wait for a sales manager stay quotations, are
        marked as waiting and say so in their chatter; the payment stays
        with the order. Users confirming are checked by
        :meth:`_ledger_check_confirmation`.

        :return: the orders held
        """
        if not self.env.su:
            return self.browse()
        held = self.filtered("ledger_needs_approval")
        if not held:
            return held
        held.write({"ledger_review_requested": fields.Datetime.now()})
        flags_of = held._ledger_caution_flags()
        for order in held:
            order.message_post(
                body=self.env._(
                    "The customer confirmed the quotation online, but it waits for a sales "
                    "manager's approval because of the customer's caution flags (%(flags)s). "
                    "Approve it, then confirm it; any payment made is kept on the order.",
                    flags=", ".join(
                        flag["message"] for flag in order._ledger_blocking_flags(flags_of[order])
                    ),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return held

    def _ledger_check_confirmation(self):
        """Refuse to confirm orders of flagged customers that no manager approved.

        A sales manager who confirms approves at the same time (recorded like
        an explicit approval). Confirmations made as superuser were held
        before (see :meth:`_ledger_hold_customer_confirmation`).
        """
        if self.env.su:
            return
        waiting = self.filtered("ledger_needs_approval")
        if not waiting:
            return
        if self.env.user.has_group(APPROVER_GROUP):
            waiting._ledger_approve()
            return
        flags_of = waiting._ledger_caution_flags()
        lines = [
            self.env._(
                "%(order)s (%(customer)s): %(flags)s",
                order=order.name,
                customer=order.partner_id.commercial_partner_id.display_name,
                flags=", ".join(
                    flag["message"] for flag in order._ledger_blocking_flags(flags_of[order])
                ),
            )
            for order in waiting
        ]
        raise UserError(
            self.env._(
                "These orders cannot be confirmed before a sales manager approves them, "
                "because of their customer's caution flags:\n%(orders)s",
                orders="\n".join(lines),
            )
        )

    def _ledger_approve(self):
        """Record the approval of the current user (a sales manager, checked by the callers)."""
        flags_of = self._ledger_caution_flags()
        now = fields.Datetime.now()
        self.check_access("write")
        for order in self:
            codes = sorted({flag["code"] for flag in order._ledger_blocking_flags(flags_of[order])})
            # the approval fields are closed to users: written as superuser once
            # the callers checked the approver (sudo keeps the user for the tracking)
            order.sudo().write(
                {
                    "ledger_approved_by_id": self.env.user.id,
                    "ledger_approved_date": now,
                    "ledger_approved_codes": ",".join(codes),
                }
            )
        for order in self:
            items = Markup("").join(
                Markup("<li>%s</li>") % flag["message"]
                for flag in order._ledger_blocking_flags(flags_of[order])
            )
            order.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._(
                        "Confirmation approved by %(user)s despite the customer's caution flags:",
                        user=self.env.user.name,
                    ),
                    items,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def _ledger_forget_approved_flag(self, code):
        """Drop ``code`` from the approvals of these open orders: its flag changed.

        Runs as superuser: the approval fields are closed to users, and the
        only change is that the flag needs a new approval when raised again.
        """
        for order in self.sudo().filtered(
            lambda o: o.state in ("draft", "sent") and o.ledger_approved_codes
        ):
            codes = [c for c in order.ledger_approved_codes.split(",") if c != code]
            order.ledger_approved_codes = ",".join(codes)
