from . import test_card_tickets
