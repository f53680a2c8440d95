from . import test_access_matrix_price
from . import test_related_price
