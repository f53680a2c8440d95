from . import test_access_log
from . import test_access_matrix
from . import test_export
from . import test_layoff
from . import test_offboarding
from . import test_offboarding_http
from . import test_portfolio
from . import test_roles
