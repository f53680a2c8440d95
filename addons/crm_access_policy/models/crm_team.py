from odoo import models


class CrmTeam(models.Model):
    """Sales teams: their leader decides portfolios, read from a cache
    (``res.users._crm_access_portfolio_team_ids``) that a change clears."""

    _name = "crm.team"
    _inherit = ("crm.team", "crm.cid.cached.config")

    def _cid_cached_fields(self):
        return ("user_id", "active", "member_ids", "crm_team_member_ids")
