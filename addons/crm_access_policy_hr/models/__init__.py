from . import crm_access_watch_wizard
