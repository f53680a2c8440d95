from . import crm_price_quote
from . import crm_price_log
from . import res_company
from . import res_config_settings
from . import product_category
from . import sale_order
from . import sale_order_line
from . import account_move_line
