from . import crm_interaction_webhook
from . import crm_interaction_webhook_log
from . import fastapi_endpoint
