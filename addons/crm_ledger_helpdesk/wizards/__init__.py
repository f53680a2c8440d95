from . import helpdesk_ticket_dissatisfied
