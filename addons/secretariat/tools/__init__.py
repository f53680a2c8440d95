from . import jalali
from . import numbering
from . import ids
