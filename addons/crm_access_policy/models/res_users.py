from odoo import api, fields, models

DEFAULTS = {"threshold": 200, "window": 60, "block": False, "watch_threshold": 20}


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_access_watch = fields.Boolean(
        string="Under watch (layoff mode)",
        help="Freezes the user's exports of customer data and lowers the alarm threshold "
        "on bulk reads.",
    )

    @api.model
    def _crm_access_settings(self):
        """The policy's settings: alarm threshold and window, blocking, watch threshold."""
        # configuration parameters are readable by the system only; these
        # four numbers are needed by every audited read, whoever reads
        params = self.env["ir.config_parameter"].sudo()
        values = {}
        for name, default in DEFAULTS.items():
            raw = params.get_param(f"crm_access_policy.{name}")
            if isinstance(default, bool):
                values[name] = raw in ("1", "True", "true") if raw is not None else default
            else:
                values[name] = int(raw) if raw and raw.isdigit() else default
        return values

    def _crm_access_own_partners(self):
        """The user's own partner and company: reading them is not auditing matter."""
        self.ensure_one()
        return (self.partner_id | self.company_ids.partner_id).commercial_partner_id

    def _crm_access_blocked(self):
        """Whether an open blocking alarm suspends this user's reads."""
        self.ensure_one()
        # the alarm table is the policy's own: the user has no right on it
        return bool(
            self.env["crm.access.alarm"]
            .sudo()
            .search_count(
                [("user_id", "=", self.id), ("state", "=", "open"), ("is_blocking", "=", True)],
                limit=1,
            )
        )

    def write(self, vals):
        if "crm_access_watch" in vals:
            for user in self:
                if user.crm_access_watch != bool(vals["crm_access_watch"]):
                    # the change is recorded on the user's contact: res.users has no chatter
                    user.partner_id.sudo().message_post(
                        body=self.env._(
                            "Layoff mode %(state)s by %(by)s.",
                            state=self.env._("switched on")
                            if vals["crm_access_watch"]
                            else self.env._("switched off"),
                            by=self.env.user.name,
                        ),
                    )
        return super().write(vals)
