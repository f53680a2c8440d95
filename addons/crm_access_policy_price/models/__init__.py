from . import crm_price_log
from . import sale_order_line
from . import crm_price_check
