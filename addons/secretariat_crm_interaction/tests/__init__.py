from . import test_timeline
