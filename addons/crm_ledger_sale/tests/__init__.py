from . import test_sale_caution
