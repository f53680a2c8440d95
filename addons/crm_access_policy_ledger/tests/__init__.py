from . import test_access_matrix_ledger
from . import test_card_cautions
from . import test_invoice_prints
