from . import crm_access_card
from . import ir_actions_report
