from . import secretariat_letter_refer
from . import secretariat_letter_link_add
from . import secretariat_register_print
