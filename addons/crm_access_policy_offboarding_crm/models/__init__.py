from . import crm_access_offboarding
