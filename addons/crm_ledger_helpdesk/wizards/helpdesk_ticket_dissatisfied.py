from odoo import fields, models


class HelpdeskTicketDissatisfied(models.TransientModel):
    _name = "helpdesk.ticket.dissatisfied"
    _description = "Mark a ticket's customer dissatisfied"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="ticket_id.commercial_partner_id", string="Customer")
    reason = fields.Char(required=True)

    def action_confirm(self):
        """Set the flag on the ticket's customer with the reason given."""
        self.ensure_one()
        self.ticket_id.ledger_set_dissatisfied(self.reason)
        return {"type": "ir.actions.act_window_close"}
