from . import numbering
from . import ids
