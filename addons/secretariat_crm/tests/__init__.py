from . import test_crm_lead_letters
