from . import models


def _post_init_hook(env):
    """Put the letters registered before this addon on their customers' timelines."""
    letters = env["secretariat.letter"].search([("indicator_number", "!=", False)])
    letters._interaction_sync()
