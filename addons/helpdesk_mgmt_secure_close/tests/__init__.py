from . import test_ticket_close
