from . import test_offboarding
from . import test_offboarding_http
from . import test_layoff_offboarding
from . import test_access_matrix_offboarding
from . import test_allowed_writes_offboarding
from . import test_migration
