from . import crm_interaction_log
from . import crm_interaction_link_partner
