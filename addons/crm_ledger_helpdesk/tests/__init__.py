from . import test_helpdesk_caution
