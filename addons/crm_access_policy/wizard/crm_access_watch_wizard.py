from odoo import api, fields, models


class CrmAccessWatchWizard(models.TransientModel):
    """Switch the layoff mode on or off for several users at once."""

    _name = "crm.access.watch.wizard"
    _description = "Layoff mode for several users"

    user_ids = fields.Many2many(
        "res.users",
        string="Users",
        domain=[("share", "=", False)],
        default=lambda self: self._default_user_ids(),
    )
    watch = fields.Selection(
        [("on", "Switch layoff mode on"), ("off", "Switch layoff mode off")],
        string="Action",
        required=True,
        default="on",
    )

    @api.model
    def _default_user_ids(self):
        if self.env.context.get("active_model") == "res.users":
            return [fields.Command.set(self.env.context.get("active_ids") or [])]
        return []

    def _crm_access_target_users(self):
        """The users the switch applies to (bridges add users by department)."""
        return self.user_ids

    def action_apply(self):
        """Switch the layoff mode of the chosen users; each switch is logged."""
        self.ensure_one()
        self.check_access("write")
        users = self._crm_access_target_users()
        users.write({"crm_access_watch": self.watch == "on"})
        return {"type": "ir.actions.act_window_close"}
