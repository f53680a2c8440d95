from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Who may set or clear the dissatisfied flag from a ticket.
SUPPORT_GROUP = "helpdesk_mgmt.group_helpdesk_user_own"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    ledger_caution = fields.Char(string="Customer caution", compute="_compute_ledger_caution")
    ledger_has_caution = fields.Boolean(
        string="Flagged customer",
        compute="_compute_ledger_caution",
        search="_search_ledger_has_caution",
    )
    ledger_is_dissatisfied = fields.Boolean(
        string="Customer dissatisfied",
        related="commercial_partner_id.ledger_is_dissatisfied",
    )

    @api.depends(
        "commercial_partner_id",
        "company_id",
        "commercial_partner_id.ledger_is_dissatisfied",
        "commercial_partner_id.ledger_dissatisfied_reason",
    )
    def _compute_ledger_caution(self):
        for company, tickets in self.grouped("company_id").items():
            partners = tickets.commercial_partner_id.with_company(company or self.env.company)
            flags_of = partners._ledger_caution_flags()
            for ticket in tickets:
                flags = flags_of.get(ticket.commercial_partner_id.id, [])
                ticket.ledger_caution = " · ".join(flag["message"] for flag in flags) or False
                ticket.ledger_has_caution = bool(flags)

    def _search_ledger_has_caution(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        return [("partner_id.ledger_has_caution", operator, value)]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_ledger_mark_dissatisfied(self):
        """Open the dialog that asks why the customer is dissatisfied."""
        self.ensure_one()
        self._ledger_check_support()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mark customer dissatisfied"),
            "res_model": "helpdesk.ticket.dissatisfied",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_ledger_clear_dissatisfied(self):
        """Clear the dissatisfied flag of the ticket's customer."""
        self.ensure_one()
        return self.ledger_set_dissatisfied(False)

    # ------------------------------------------------------------
    # BUSINESS: integrator API
    # ------------------------------------------------------------

    def ledger_set_dissatisfied(self, reason):
        """Mark the customer of this ticket dissatisfied, or clear the flag.

        The flag is set on the ticket's commercial partner, where sales,
        accounting and the caller card see it; the change is written in the
        chatter of the ticket and of the customer.

        :param reason: why the customer is dissatisfied (text); a false
            value clears the flag
        :return: True
        :raises AccessError: for users who are not helpdesk agents or may
            not edit the ticket
        :raises UserError: when the ticket has no customer, or when clearing
            a flag that is not set
        """
        self.ensure_one()
        self._ledger_check_support()
        partner = self.commercial_partner_id
        if not partner:
            raise UserError(
                self.env._("Set the ticket's customer first: the flag is kept on the customer.")
            )
        reason = (reason or "").strip() if isinstance(reason, str) else reason
        if reason and not isinstance(reason, str):
            raise UserError(self.env._("The reason must be a text."))
        if not reason and not partner.ledger_is_dissatisfied:
            raise UserError(
                self.env._("%(name)s is not marked dissatisfied.", name=partner.display_name)
            )
        # agents may not edit contacts; they change only these two fields of
        # the ticket's own customer, after the ticket's write right was checked
        partner_sudo = partner.sudo()
        partner_sudo.write(
            {"ledger_is_dissatisfied": bool(reason), "ledger_dissatisfied_reason": reason or False}
        )
        if reason:
            body = self.env._(
                "Customer marked dissatisfied from ticket %(ticket)s: %(reason)s",
                ticket=self.number or self.name,
                reason=reason,
            )
        else:
            body = self.env._(
                "Customer's dissatisfied flag cleared from ticket %(ticket)s.",
                ticket=self.number or self.name,
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        partner_sudo.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _ledger_check_support(self):
        if not self.env.su and not self.env.user.has_group(SUPPORT_GROUP):
            raise AccessError(
                self.env._("Only helpdesk agents can mark a customer dissatisfied from a ticket.")
            )
        self.check_access("write")
