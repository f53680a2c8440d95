from . import crm_access_watch_wizard
from . import base_partner_merge_automatic_wizard
