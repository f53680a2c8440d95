from . import test_hr_isolation
