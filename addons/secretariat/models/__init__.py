from . import secretariat_secretariat
from . import secretariat_series
from . import secretariat_counter
from . import secretariat_letter_template
from . import secretariat_letter
from . import secretariat_letter_referral
from . import res_partner
from . import secretariat_letter_link
