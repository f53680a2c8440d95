from odoo import models


class CrmTeamMember(models.Model):
    """Team memberships: they decide portfolios, read from a cache
    (``res.users._crm_access_portfolio_team_ids``) that a change clears."""

    _name = "crm.team.member"
    _inherit = ("crm.team.member", "crm.cid.cached.config")

    def _cid_cached_fields(self):
        return ("user_id", "crm_team_id", "active")
