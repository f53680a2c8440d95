from . import test_providers
from . import test_webhook_api
from . import test_webhook_http
