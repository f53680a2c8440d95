from . import pricing
from . import dates
