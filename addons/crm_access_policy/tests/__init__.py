from . import test_access_grant
from . import test_access_log
from . import test_access_matrix
from . import test_export
from . import test_limited_card
from . import test_masking
from . import test_portfolio
from . import test_tools_mask
