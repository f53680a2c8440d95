from . import portal_wizard_user
from . import portal_wizard
