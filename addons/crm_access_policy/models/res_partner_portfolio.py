from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.access_fields import guarded_fields

MANAGER_GROUP = "crm_access_policy.group_crm_manager"
LEAD_GROUP = "crm_access_policy.group_crm_team_lead"
# Odoo's Sales Administrators assign leads to any salesperson and team; the
# customers they create (converting those leads) go to that salesperson
SALES_ADMIN_GROUP = "sales_team.group_sale_manager"


class ResPartner(models.Model):
    """Who may change the fields that decide a customer's portfolio.

    See :mod:`..tools.access_fields`: the salesperson and the portfolio team
    change by a Manager or a Team Lead of every team involved (or by the
    offboarding of ``crm_access_policy_offboarding``, as superuser), the
    grantee list only by the temporary
    grants (as superuser), a contact changes customer only between
    customers of the user's portfolio, and whether a contact is a colleague
    is only computed. The changes are tracked.
    """

    _inherit = "res.partner"

    user_id = fields.Many2one(tracking=True)
    crm_access_grantee_ids = fields.Many2many(tracking=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            places_any = self._crm_access_may_move_any() or self._crm_access_places_new_anywhere()
            for vals in vals_list:
                self._crm_access_check_not_computed(vals)
                self._crm_access_check_new_grantees(vals)
                if not places_any:
                    self._crm_access_check_new_portfolio(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._crm_access_check_not_computed(vals)
            if "crm_access_grantee_ids" in vals:
                raise AccessError(self._crm_access_grantee_message())
            if not self._crm_access_may_move_any():
                self._crm_access_check_portfolio_change(vals)
                self._crm_access_check_entity_change(vals)
            keyed = guarded_fields(self._name, "key_portfolio")
            if self and self._crm_access_keys_bound() and any(f in vals for f in keyed):
                # these fields are mirrored by identity keys (crm_cid)
                self._crm_access_check_key_portfolio()
        return super().write(vals)

    def copy_data(self, default=None):
        # a copy carries the identity values (the contact's mobile and
        # e-mail, the phone) into a portfolio of the user's choice, unmasked
        if self and self._crm_access_keys_bound():
            self._crm_access_check_key_portfolio(copying=True)
        return super().copy_data(default=default)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _crm_access_may_move_any(self):
        """Whether the user moves customers between any portfolios (Managers)."""
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    def _crm_access_places_new_anywhere(self):
        """Whether the user puts new customers in any portfolio (Sales Administrators).

        Odoo's Sales Administrators assign leads to every salesperson and team;
        the customers they create, converting those leads, follow the lead's
        salesperson. Placing a new customer reveals nothing and takes no
        customer from a portfolio: moving an existing one still needs a
        Manager or the Team Lead of the teams involved.
        """
        return self.env.user.has_group(SALES_ADMIN_GROUP)

    def _crm_access_check_new_portfolio(self, vals):
        """Refuse a new contact put in a portfolio that is not the user's.

        The user names themselves or nobody as salesperson, one of their
        teams or none as portfolio team (a Team Lead also the members and the
        teams they lead); a contact may follow the salesperson and team of
        the company it is created under. Nobody but the grants sets grantees.
        """
        context = self.env.context
        # the company the contact is created under decides for it; its
        # salesperson and team may be outside what the user may read
        parent = self.browse(vals.get("parent_id") or []).sudo().exists()
        user_id = vals.get("user_id", context.get("default_user_id")) or False
        if user_id and user_id != parent.user_id.id and not self._crm_access_may_name(user_id):
            raise AccessError(self._crm_access_portfolio_message(self.browse()))
        team_id = vals.get("portfolio_team_id", context.get("default_portfolio_team_id")) or False
        if (
            team_id
            and team_id != parent.portfolio_team_id.id
            and team_id not in self._crm_access_user_teams(lead_only=False).ids
        ):
            raise AccessError(self._crm_access_portfolio_message(self.browse()))

    def _crm_access_check_not_computed(self, vals):
        """Refuse a value given for a field the ORM computes from other
        records (whether a contact is a colleague, its commercial entity, its
        CID): Odoo would store it as given, and it decides the portfolio,
        the masking and the audit."""
        given = [fname for fname in guarded_fields(self._name, "computed") if fname in vals]
        if given:
            raise AccessError(
                self.env._(
                    "The field %(field)s of a contact follows from other records: "
                    "it cannot be set.",
                    field=self._fields[given[0]]._description_string(self.env),
                )
            )

    def _crm_access_check_new_grantees(self, vals):
        """Refuse grantees on a new contact: only the grants give temporary access."""
        if vals.get("crm_access_grantee_ids"):
            granted = self.new({"crm_access_grantee_ids": vals["crm_access_grantee_ids"]})
            if granted.crm_access_grantee_ids:
                raise AccessError(self._crm_access_grantee_message())

    def _crm_access_check_portfolio_change(self, vals):
        """Refuse a change of salesperson or portfolio team the user may not make."""
        fnames = [f for f in guarded_fields(self._name, "portfolio") if f in vals]
        if not fnames:
            return
        new_user = vals.get("user_id", None)
        new_team = vals.get("portfolio_team_id", None)
        is_lead = self.env.user.has_group(LEAD_GROUP)
        led = self._crm_access_user_teams(lead_only=True) if is_lead else self.env["crm.team"]
        # the current salesperson and team of contacts the user may not read
        # in full decide who may change them
        for partner in self.sudo():
            old = (partner.user_id.id, partner.portfolio_team_id.id)
            new = (
                old[0] if new_user is None else (new_user or False),
                old[1] if new_team is None else (new_team or False),
            )
            if old == new:
                continue
            if not is_lead or not self._crm_access_leads_change(old, new, led):
                raise AccessError(self._crm_access_portfolio_message(partner))

    def _crm_access_leads_change(self, old, new, led):
        """Whether a Team Lead leading ``led`` may move a customer from ``old`` to ``new``.

        :param tuple old: ``(salesperson id, portfolio team id)`` before
        :param tuple new: the same, after
        """
        for user_id, team_id in (old, new):
            if team_id and team_id not in led.ids:
                return False
            if user_id and user_id != self.env.uid and not self._crm_access_in_teams(user_id, led):
                return False
        return True

    def _crm_access_check_entity_change(self, vals):
        """Refuse moving a contact between customers outside the user's portfolio.

        A temporary grant does not count: a contact moved under a customer of
        the user's own would stay there once the grant is over.
        """
        if not {"parent_id", "is_company", "company_type"} & vals.keys():
            return
        portfolio = self._crm_access_standing_portfolio_domain()
        for partner in self.sudo():
            is_company = partner.is_company
            if "company_type" in vals:
                is_company = vals["company_type"] == "company"
            if "is_company" in vals:
                is_company = bool(vals["is_company"])
            parent = (
                self.sudo().browse(vals["parent_id"] or [])
                if "parent_id" in vals
                else (partner.parent_id)
            )
            old_entity = partner.commercial_partner_id
            new_entity = partner if is_company or not parent else parent.commercial_partner_id
            if new_entity == old_entity:
                continue
            # the portfolio test reads teams and grants the user may not read
            for entity in (old_entity, new_entity):
                if not entity.filtered_domain(portfolio):
                    raise AccessError(self._crm_access_portfolio_message(partner))

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_user_teams(self, lead_only):
        """Return the teams the user leads, and unless ``lead_only`` those they belong to."""
        # team memberships are not readable by every user; only the user's own are read
        Team = self.env["crm.team"].sudo()
        led = Team.search([("user_id", "=", self.env.uid)])
        if lead_only:
            return led
        return led | Team.search([("member_ids", "in", [self.env.uid])])

    def _crm_access_in_teams(self, user_id, teams):
        """Whether ``user_id`` belongs to one of ``teams``."""
        # memberships of colleagues, read to check the Team Lead's authority only
        return bool(
            teams
            and self.env["crm.team.member"]
            .sudo()
            .search_count([("user_id", "=", user_id), ("crm_team_id", "in", teams.ids)], limit=1)
        )

    def _crm_access_may_name(self, user_id):
        """Whether the user may name ``user_id`` salesperson of a new customer."""
        if user_id == self.env.uid:
            return True
        return self.env.user.has_group(LEAD_GROUP) and self._crm_access_in_teams(
            user_id, self._crm_access_user_teams(lead_only=True)
        )

    def _crm_access_portfolio_message(self, partner):
        if not partner:
            return self.env._(
                "You can put a new customer only in your own portfolio: yourself or nobody as "
                "salesperson, one of your teams or none as portfolio team."
            )
        # the name of the customer the user tried to change: its name is not masked
        return self.env._(
            "Only a Manager, or a Team Lead of every team involved, can move %(customer)s "
            "to another salesperson, portfolio team or customer.",
            customer=partner.display_name,
        )

    def _crm_access_grantee_message(self):
        return self.env._(
            "Temporary access to a customer is given by an access grant: ask for it with "
            "a request, a Team Lead or a Manager decides."
        )
