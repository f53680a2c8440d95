from . import crm_cid_portal
