"""The offboarding moved to its own addon, crm_access_policy_offboarding.

Its models, fields, selection values, views, action, report, menu and access
rows change module before this update, so that the update deletes none of
them: the tables ``crm_access_offboarding``, ``crm_access_offboarding_line``
and ``crm_access_offboarding_crm_team_rel`` keep their rows. The constraints
and the many2many table reflected for this addon change module too. The
post-migration marks the new addon for installation, and the loader installs
it in the same update.
"""

from odoo.tools import SQL

MODULE = "crm_access_policy_offboarding"

#: Records of the offboarding whose xml id does not name its models.
MOVED = (
    "res_users_view_form_offboarding",
    "crm_access_policy_menu_offboardings",
    "field_res_config_settings__crm_access_successor_id",
)


def migrate(cr, version):
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = %s "
            "WHERE module = 'crm_access_policy' "
            "AND ((name LIKE %s AND name NOT LIKE %s) OR name IN %s)",
            MODULE,
            r"%crm\_access\_offboarding%",
            # this addon's own extension of mail.thread applies to every
            # thread, the offboarding included: it keeps its reflection
            r"model\_inherit\_\_%",
            MOVED,
        )
    )
    for table in ("ir_model_constraint", "ir_model_relation"):
        cr.execute(
            SQL(
                "UPDATE %s SET module = new.id "
                "FROM ir_module_module new, ir_module_module old "
                "WHERE new.name = %s AND old.name = 'crm_access_policy' "
                "AND %s.module = old.id AND %s.name LIKE %s",
                SQL.identifier(table),
                MODULE,
                SQL.identifier(table),
                SQL.identifier(table),
                r"crm\_access\_offboarding%",
            )
        )
