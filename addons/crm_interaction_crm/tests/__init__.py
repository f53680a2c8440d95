from . import test_crm_lead
from . import test_forgiving_search
from . import test_lead_cid
from . import test_crm_query_budgets
