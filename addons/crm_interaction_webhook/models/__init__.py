from . import crm_interaction_webhook_provider
from . import auth_api_key
from . import crm_interaction_webhook
from . import crm_interaction
from . import crm_interaction_webhook_log
from . import crm_interaction_quarantine
from . import fastapi_endpoint
from . import res_config_settings
