from . import test_crm_lead
