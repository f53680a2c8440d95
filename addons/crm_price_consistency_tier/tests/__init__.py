from . import test_price_approval
from . import test_adversarial_review
