from . import crm_access_card
