from . import test_caller_card
