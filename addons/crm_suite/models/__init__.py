from . import ir_module_module
from . import res_partner
