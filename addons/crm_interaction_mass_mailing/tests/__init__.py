from . import test_mass_mailing
