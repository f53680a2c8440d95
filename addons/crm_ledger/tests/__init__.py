from . import test_tools_jalali
from . import test_ledger
