from . import crm_access_audited
from . import crm_access_log
from . import crm_access_alarm
from . import res_partner
from . import crm_interaction
from . import crm_cid_key
from . import res_users
from . import res_config_settings
