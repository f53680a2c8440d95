from . import test_gateway_capture
