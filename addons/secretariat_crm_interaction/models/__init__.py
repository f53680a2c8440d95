from . import crm_interaction
from . import secretariat_letter
