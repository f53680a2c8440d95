from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_access_threshold = fields.Integer(
        string="Alarm threshold",
        config_parameter="crm_access_policy.threshold",
        default=200,
        help="Distinct customers a user may read within the window before managers are alerted.",
    )
    crm_access_search_threshold = fields.Integer(
        string="Searched values threshold",
        config_parameter="crm_access_policy.search_threshold",
        default=200,
        help="Distinct phone numbers, e-mails or identity values of customers a user may "
        "search for within the window: searches beyond are refused and the managers alerted.",
    )
    crm_access_window = fields.Integer(
        string="Alarm window (minutes)", config_parameter="crm_access_policy.window", default=60
    )
    crm_access_block = fields.Boolean(
        string="Suspend reads on alarm",
        config_parameter="crm_access_policy.block",
        help="Until a manager clears the alarm, the user cannot read customer data.",
    )
    crm_access_watch_threshold = fields.Integer(
        string="Threshold under watch",
        config_parameter="crm_access_policy.watch_threshold",
        default=20,
        help="Distinct customers a user under watch (layoff mode) may read within the "
        "window: reads beyond are refused and the managers alerted.",
    )
    crm_access_watch_bulk_limit = fields.Integer(
        string="Bulk read limit under watch",
        config_parameter="crm_access_policy.watch_bulk_limit",
        default=20,
        help="A user under watch (layoff mode) cannot read more customers than this at once.",
    )
    crm_access_grant_hours = fields.Integer(
        string="Temporary access (hours)",
        config_parameter="crm_access_policy.grant_hours",
        default=8,
        help="How long a temporary access to a customer outside the portfolio lasts, "
        "unless the request says otherwise.",
    )
