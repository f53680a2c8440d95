from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.mask import mask_key


class CrmAccessCard(models.TransientModel):
    """The limited card of a customer, for serving them outside the portfolio.

    Filled once when opened (the opening is logged); shows no interaction
    and no note, only what lets an agent recognise and route the customer.
    Addons add to the card through :meth:`_crm_access_card_values` and the
    smaller hooks :meth:`_crm_access_card_tickets`,
    :meth:`_crm_access_card_opportunity_count` and
    :meth:`_crm_access_card_cautions`.
    """

    _name = "crm.access.card"
    _description = "Limited customer card"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True)
    name = fields.Char(readonly=True)
    cid = fields.Char(string="CID", readonly=True)
    is_in_portfolio = fields.Boolean(string="In your portfolio", readonly=True)
    keys_text = fields.Text(string="Identity keys", readonly=True)
    open_ticket_count = fields.Integer(string="Open tickets", readonly=True)
    tickets_text = fields.Text(string="Tickets", readonly=True)
    open_opportunity_count = fields.Integer(string="Open opportunities", readonly=True)
    cautions_text = fields.Text(string="Cautions", readonly=True)
    grant_id = fields.Many2one("crm.access.grant", string="Your request", readonly=True)
    grant_state = fields.Selection(related="grant_id.state", string="Request status")
    grant_expires_at = fields.Datetime(related="grant_id.expires_at", string="Access until")

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        for vals in vals_list:
            card = Partner.crm_access_limited_card(vals.get("partner_id") or 0)
            vals.update(self._crm_access_card_fields(card))
        return super().create(vals_list)

    def action_request_access(self):
        """Open the form asking for temporary access to the card's customer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request access"),
            "res_model": "crm.access.grant",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_id": self.partner_id.id},
        }

    # ------------------------------------------------------------------
    # The card's values
    # ------------------------------------------------------------------

    @api.model
    def _crm_access_card_values(self, partner):
        """Return the card of ``partner``'s commercial entity; log the opening.

        See ``res.partner.crm_access_limited_card`` for the keys.
        """
        user = self.env.user
        if not self.env.su and not user._is_internal():
            raise AccessError(self.env._("Only employees open customer cards."))
        partner.check_access("read")
        customer = partner.commercial_partner_id
        # logs the opening, raises the alarm, refuses a suspended user
        customer._crm_access_audit("card")
        in_portfolio = customer._crm_access_sees_full_values() or (
            customer.id in customer._crm_access_unmasked_ids({customer.id})
        )
        tickets = self._crm_access_card_tickets(customer)
        grant = self.env["crm.access.grant"].search(
            [
                ("user_id", "=", user.id),
                ("partner_id", "=", customer.id),
                ("state", "in", ("requested", "granted")),
            ],
            limit=1,
        )
        return {
            "partner_id": customer.id,
            "name": customer.display_name,
            "cid": customer.cid or False,
            "in_portfolio": in_portfolio,
            "keys": self._crm_access_card_keys(customer, in_portfolio),
            "open_ticket_count": tickets["count"],
            "open_tickets": tickets["tickets"],
            "open_opportunity_count": self._crm_access_card_opportunity_count(customer),
            "cautions": self._crm_access_card_cautions(customer),
            "grant": {
                "id": grant.id,
                "state": grant.state,
                "expires_at": fields.Datetime.to_string(grant.expires_at) or False,
            }
            if grant
            else False,
        }

    @api.model
    def _crm_access_card_keys(self, customer, in_portfolio):
        """Return the customer's active keys, masked unless the user may see them."""
        sees_all = self.env["crm.cid.key"]._crm_access_sees_full_values()
        sees_sensitive = self.env.su or self.env.user.has_group("crm_cid.group_cid_sensitive")
        # every key type is listed, masked: the values never leave unmasked
        # unless the user may read them in full
        keys = (
            self.env["crm.cid.key"]
            .sudo()
            .search_fetch(
                [("commercial_partner_id", "=", customer.id), ("type_code", "!=", "cid")],
                ["key_type_id", "type_code", "value_normalized", "value", "is_sensitive"],
            )
        )
        result = []
        for key in keys:
            value = key.value_normalized or key.value
            clear = sees_sensitive if key.is_sensitive else (sees_all or in_portfolio)
            result.append(
                {
                    "type": key.type_code,
                    "label": key.key_type_id.with_env(self.env).name,
                    "value": value if clear else mask_key(key.type_code, value),
                }
            )
        return result

    @api.model
    def _crm_access_card_tickets(self, customer):
        """Return ``{"count", "tickets": [{"id", "number", "name", "stage"}]}`` of open tickets.

        None here: ``crm_access_policy_helpdesk`` lists OCA helpdesk's tickets.
        """
        return {"count": 0, "tickets": []}

    @api.model
    def _crm_access_card_opportunity_count(self, customer):
        """Return the number of open opportunities.

        None here: ``crm_access_policy_crm`` counts Odoo CRM's opportunities.
        """
        return 0

    @api.model
    def _crm_access_card_cautions(self, customer):
        """Return the customer's caution flags: ``[{"code", "message"}]``.

        The open interactions whose reason calls for caution, as counts.
        Addons add their own flags by extending this (``crm_access_policy_ledger``
        puts the ledger's first: overdue, over credit limit, dissatisfied).
        """
        cautions = []
        # counts by reason only: the agent reads no interaction of the customer
        counts = (
            self.env["crm.interaction"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "=", customer.id),
                    ("state", "!=", "handled"),
                    ("reason_id.is_caution", "=", True),
                ],
                ["reason_id"],
                ["__count"],
            )
        )
        for reason, count in counts:
            cautions.append(
                {
                    "code": "interaction_reason",
                    "message": self.env._(
                        "%(count)s open: %(reason)s",
                        count=count,
                        reason=reason.with_env(self.env).name,
                    ),
                }
            )
        return cautions

    @api.model
    def _crm_access_card_fields(self, card):
        """Return the values of a card record from a card dict."""
        keys = "\n".join(f"{key['label']}: {key['value']}" for key in card["keys"])
        tickets = "\n".join(
            f"{ticket['number']} {ticket['name']} ({ticket['stage'] or ''})"
            for ticket in card["open_tickets"]
        )
        return {
            "partner_id": card["partner_id"],
            "name": card["name"],
            "cid": card["cid"],
            "is_in_portfolio": card["in_portfolio"],
            "keys_text": keys,
            "open_ticket_count": card["open_ticket_count"],
            "tickets_text": tickets,
            "open_opportunity_count": card["open_opportunity_count"],
            "cautions_text": "\n".join(caution["message"] for caution in card["cautions"]),
            "grant_id": card["grant"] and card["grant"]["id"],
        }
