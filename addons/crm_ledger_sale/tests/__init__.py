from . import test_sale_caution
from . import test_sale_tour
from . import test_adversarial_approval
from . import test_portal_caution
