from . import test_conversion
from . import test_group_by
from . import test_periods
from . import test_web_client
