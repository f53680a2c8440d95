from . import test_card_tickets
from . import test_adversarial_tickets_alone
from . import test_adversarial_ticket_onchange
from . import test_adversarial_ticket_cid
