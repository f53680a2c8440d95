from . import crm_access_card
from . import crm_lead
from . import crm_lead_quoted
from . import crm_lead2opportunity_partner
