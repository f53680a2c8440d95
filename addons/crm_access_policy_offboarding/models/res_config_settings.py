from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # the parameter keeps the name it had when the offboarding was part of
    # crm_access_policy: databases and integrations that set it keep it
    # (read through res.users._crm_access_settings)
    crm_access_successor_id = fields.Many2one(
        "res.users",
        string="Successor of archived users",
        config_parameter="crm_access_policy.successor_id",
        domain=[("share", "=", False)],
        help="When a user is archived without the Offboard button, their portfolio goes to "
        "this user. Empty: the offboarding waits until someone chooses the successor.",
    )
