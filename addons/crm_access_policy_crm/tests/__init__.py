from . import test_card_opportunities
from . import test_adversarial_leads_alone
from . import test_lead_duplicates
from . import test_adversarial_lead_onchange
from . import test_adversarial_lead_cid
