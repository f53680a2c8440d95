from . import test_access_log
from . import test_access_matrix
from . import test_access_matrix_coverage
from . import test_export
from . import test_portfolio
