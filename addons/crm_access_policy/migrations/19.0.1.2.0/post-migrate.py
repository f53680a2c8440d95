"""The limited card's opportunity count moved to the bridge crm_access_policy_crm.

Databases with Odoo CRM installed keep the count: the bridge is marked for
installation, and the loader installs it in the same update.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    if Module.search_count([("name", "=", "crm"), ("state", "=", "installed")]):
        Module.search(
            [("name", "=", "crm_access_policy_crm"), ("state", "=", "uninstalled")]
        ).button_install()
