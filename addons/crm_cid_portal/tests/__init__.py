from . import test_portal_invite
from . import test_signup
from . import test_signup_http
