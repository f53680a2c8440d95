from . import crm_lead
from . import crm_lead2opportunity_partner_mass
