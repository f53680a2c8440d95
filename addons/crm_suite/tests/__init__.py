from . import test_tour_menus
from . import test_forgiving_search
from . import test_code_translations
from . import test_ltr_display
from . import test_tour_persian_screens
from . import test_demo_office
