"""The portal closing fix moved to its own addon, helpdesk_mgmt_secure_close.

Databases that had it through this addon keep it: the new addon is marked for
installation, and the loader installs it in the same update.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.module.module"].search(
        [("name", "=", "helpdesk_mgmt_secure_close"), ("state", "=", "uninstalled")]
    ).button_install()
