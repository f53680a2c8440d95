from odoo import api, models
from odoo.fields import Domain

# Open tickets listed on the card, most recent first.
CARD_TICKETS = 10


class CrmAccessCard(models.TransientModel):
    _inherit = "crm.access.card"

    @api.model
    def _crm_access_card_tickets(self, customer):
        """The customer's open OCA helpdesk tickets: numbers, titles and stages."""
        # numbers, titles and stages only, for a customer the agent serves
        # (the card is opened through caller_card, which checked that)
        Ticket = self.env["helpdesk.ticket"].sudo()
        domain = Domain("commercial_partner_id", "=", customer.id) & Domain(
            "stage_id.closed", "=", False
        )
        tickets = Ticket.search_fetch(
            domain, ["number", "name", "stage_id"], limit=CARD_TICKETS, order="id desc"
        )
        count = len(tickets)
        if count == CARD_TICKETS:
            count = Ticket.search_count(domain)
        return {
            "count": count,
            "tickets": [
                {
                    "id": ticket.id,
                    "number": ticket.number,
                    "name": ticket.name,
                    "stage": ticket.stage_id.with_env(self.env).name,
                }
                for ticket in tickets
            ],
        }
