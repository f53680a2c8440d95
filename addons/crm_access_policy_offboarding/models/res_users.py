from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_access_offboarding_ids = fields.One2many(
        "crm.access.offboarding", "user_id", string="Offboardings", readonly=True
    )

    def action_archive(self):
        # sales_team archives the users' team memberships before the users:
        # their teams are kept for the hand-over of the portfolio
        teams = self._crm_access_teams()
        return super(ResUsers, self.with_context(crm_access_teams=teams)).action_archive()

    def action_crm_access_offboard(self):
        """Open this user's offboarding: the open one, or a new one."""
        self.ensure_one()
        return self.env["crm.access.offboarding"]._crm_access_action_for(self)

    @api.model
    def _crm_access_setting_defaults(self):
        # the successor of users archived without the Offboard button (0:
        # none); the parameter kept its name, crm_access_policy.successor_id
        return dict(super()._crm_access_setting_defaults(), successor_id=0)

    def _crm_access_teams(self):
        """Return ``((user_id, (team_id, ...)), ...)``: the users' teams as a member."""
        # memberships are readable by salespeople; the caller manages users
        memberships = self.env["crm.team.member"].sudo().search([("user_id", "in", self.ids)])
        teams_of = memberships.grouped("user_id")
        return tuple(
            (user.id, tuple(teams_of[user].crm_team_id.ids)) for user in self if user in teams_of
        )

    def _crm_access_watch_changed(self, watched):
        # layoff mode prepares the reassignment of the portfolio (or drops it)
        Offboarding = self.env["crm.access.offboarding"]
        if watched:
            Offboarding._crm_access_prepare(self)
        else:
            Offboarding._crm_access_unprepare(self)
        return super()._crm_access_watch_changed(watched)

    def _crm_access_internal_archived(self, revoked):
        # the archive is recorded as an offboarding, finished at once when a
        # successor is known
        result = super()._crm_access_internal_archived(revoked)
        self.env["crm.access.offboarding"]._crm_access_user_archived(self, revoked)
        return result
