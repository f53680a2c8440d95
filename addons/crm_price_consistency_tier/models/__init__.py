from . import sale_order
from . import tier_definition
from . import tier_review
