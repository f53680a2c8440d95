from . import test_helpdesk_ticket
from . import test_forgiving_search
