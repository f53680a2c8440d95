from . import test_offboarding_opportunities
