from . import crm_access_card
from . import helpdesk_ticket
from . import helpdesk_ticket_quoted
