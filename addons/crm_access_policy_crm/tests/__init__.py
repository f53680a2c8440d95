from . import test_card_opportunities
