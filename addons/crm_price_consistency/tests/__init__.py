from . import test_tools_pricing
from . import test_price_quote
from . import test_price_order
from . import test_price_approval
from . import test_price_consistency
from . import test_price_uom
from . import test_tools_dates
from . import test_price_report
