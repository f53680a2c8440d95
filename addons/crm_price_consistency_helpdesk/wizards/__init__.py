from . import crm_price_check
