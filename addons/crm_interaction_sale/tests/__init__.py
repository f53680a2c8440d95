from . import test_sale_order
from . import test_portal_comment
from . import test_sent_email_tour
