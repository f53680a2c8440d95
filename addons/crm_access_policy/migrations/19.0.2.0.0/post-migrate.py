"""Databases that had the offboarding through this addon keep it.

crm_access_policy_offboarding, which now holds it, is marked for installation
(with Odoo CRM installed, its bridge crm_access_policy_offboarding_crm comes
with it), and the loader installs it in the same update (see the
pre-migration).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.module.module"].search(
        [("name", "=", "crm_access_policy_offboarding"), ("state", "=", "uninstalled")]
    ).button_install()
