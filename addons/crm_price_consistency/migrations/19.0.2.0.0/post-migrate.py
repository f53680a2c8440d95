"""Databases that had tickets and tier validation through this addon keep them.

The two bridges that now hold them are marked for installation, and the
loader installs them in the same update (see the pre-migration).
"""

from odoo import SUPERUSER_ID, api

BRIDGES = ("crm_price_consistency_helpdesk", "crm_price_consistency_tier")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.module.module"].search(
        [("name", "in", BRIDGES), ("state", "=", "uninstalled")]
    ).button_install()
