from . import crm_interaction
from . import res_partner
