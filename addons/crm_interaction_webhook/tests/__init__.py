from . import test_providers
from . import test_quarantine_reprocess
from . import test_webhook_api
from . import test_webhook_forms
from . import test_webhook_http
from . import test_webhook_messengers
from . import test_webhook_keys
from . import test_provider_ids
