from . import test_access_matrix_secretariat
from . import test_adversarial_referral_policy
