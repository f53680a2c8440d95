from . import jalali
