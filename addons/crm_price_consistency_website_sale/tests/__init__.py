from . import test_web_shop_prices
