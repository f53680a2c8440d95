from . import test_ticket_prices
from . import test_price_tour
