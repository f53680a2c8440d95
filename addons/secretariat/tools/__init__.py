from . import jalali
from . import numbering
