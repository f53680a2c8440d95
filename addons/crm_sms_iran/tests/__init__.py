from . import test_panels
from . import test_send
