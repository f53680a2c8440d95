from . import test_conversion
from . import test_web_client
