from . import secretariat_letter_refer
