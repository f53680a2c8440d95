from . import secretariat_letter
from . import secretariat_letter_referral
