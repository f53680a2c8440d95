from . import crm_interaction
from . import mailing_trace
