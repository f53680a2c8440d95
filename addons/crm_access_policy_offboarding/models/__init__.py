from . import crm_access_offboarding
from . import crm_access_offboarding_line
from . import res_users
from . import res_config_settings
