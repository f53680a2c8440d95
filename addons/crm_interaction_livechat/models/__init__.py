from . import discuss_channel
from . import crm_interaction
