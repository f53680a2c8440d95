from . import account_move
from . import account_payment
from . import account_move_line
from . import res_company
from . import res_config_settings
from . import res_partner
