"""Databases with accounting keep the letters on invoices, bills and payments."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    if Module.search_count([("name", "=", "account"), ("state", "=", "installed")]):
        Module.search(
            [("name", "=", "secretariat_account"), ("state", "=", "uninstalled")]
        ).button_install()
