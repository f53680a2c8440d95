from . import test_department_referral
