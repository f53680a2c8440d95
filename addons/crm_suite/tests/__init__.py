from . import test_tour_menus
