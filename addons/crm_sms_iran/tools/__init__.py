from . import panels
