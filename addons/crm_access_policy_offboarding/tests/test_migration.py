from odoo.modules.module import get_module_path, load_script
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

MODULE = "crm_access_policy_offboarding"
#: Records this addon brought when the offboarding left crm_access_policy
#: (19.0.2.0.0), which crm_access_policy never owned. Records added to this
#: addon later belong here too.
NEW_WITH_THE_ADDON = ("res_config_settings_view_form",)


@tagged("post_install", "-at_install", MODULE)
class TestMigrationFromAccessPolicy(TransactionCase):
    """crm_access_policy's update to 19.0.2.0.0 hands the offboarding over.

    The database is put back as it was before the move (the records of this
    addon owned by crm_access_policy, this addon not installed), then the
    migration scripts of crm_access_policy run on it.
    """

    def migration(self, stage):
        path = f"{get_module_path('crm_access_policy')}/migrations/19.0.2.0.0/{stage}-migrate.py"
        return load_script(path, f"crm_access_policy_{stage}_migrate_19_0_2")

    def owned(self, module):
        return dict(
            self.env.execute_query(
                SQL("SELECT id, name FROM ir_model_data WHERE module = %s", module)
            )
        )

    def reflected(self, table, module):
        return {
            name
            for (name,) in self.env.execute_query(
                SQL(
                    "SELECT t.name FROM %s t JOIN ir_module_module m ON m.id = t.module "
                    "WHERE m.name = %s AND t.name LIKE %s",
                    SQL.identifier(table),
                    module,
                    r"crm\_access\_offboarding%",
                )
            )
        }

    def move_back(self, table):
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET module = (SELECT id FROM ir_module_module WHERE name = "
                "'crm_access_policy') WHERE name LIKE %s",
                SQL.identifier(table),
                r"crm\_access\_offboarding%",
            )
        )

    def test_pre_migration_hands_every_record_of_the_offboarding_over(self):
        self.addCleanup(self.env.registry.clear_cache)
        ours = self.owned(MODULE)
        theirs = self.owned("crm_access_policy")
        reflected = {
            table: self.reflected(table, MODULE)
            for table in ("ir_model_constraint", "ir_model_relation")
        }
        self.assertIn("model_crm_access_offboarding", ours.values())
        self.assertIn("crm_access_offboarding_crm_team_rel", reflected["ir_model_relation"])
        # crm_access_policy 19.0.1.x owned them all; its own extension of
        # mail.thread already reflects the offboarding's inheritance
        back = {
            imd_id
            for imd_id, name in ours.items()
            if name not in NEW_WITH_THE_ADDON and name not in theirs.values()
        }
        self.env.cr.execute(
            SQL(
                "UPDATE ir_model_data SET module = 'crm_access_policy' WHERE id IN %s",
                tuple(back),
            )
        )
        for table in reflected:
            self.move_back(table)

        self.migration("pre").migrate(self.env.cr, "19.0.1.2.0")

        self.assertEqual(self.owned(MODULE), ours)
        self.assertEqual(self.owned("crm_access_policy"), theirs)
        for table, names in reflected.items():
            self.assertEqual(self.reflected(table, MODULE), names, table)

    def test_post_migration_installs_the_offboarding(self):
        self.addCleanup(self.env.registry.clear_cache)
        Module = self.env["ir.module.module"]
        addon = Module.search([("name", "=", MODULE)])
        addon.state = "uninstalled"
        self.migration("post").migrate(self.env.cr, "19.0.1.2.0")
        self.assertEqual(addon.state, "to install")
