from . import crm_price_quote
from . import helpdesk_ticket
from . import sale_order
