from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL

DEFAULTS = {
    "threshold": 200,
    "search_threshold": 200,
    "window": 60,
    "block": False,
    "watch_threshold": 20,
    "watch_bulk_limit": 20,
}


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_access_watch = fields.Boolean(
        string="Under watch (layoff mode)",
        help="Freezes the user's exports of customer data, refuses their bulk reads, lowers "
        "the alarm threshold and prepares the reassignment of their portfolio.",
    )
    crm_access_revoked_at = fields.Datetime(
        string="Access revoked on",
        readonly=True,
        copy=False,
        help="When the user's sessions and API keys were last revoked. Sessions opened "
        "before stay invalid, even if the user is reactivated.",
    )

    @api.model
    def _get_session_token_fields(self):
        # a new revocation date changes the token of every session the user
        # had: they stay dead when the user comes back (empty by default, so
        # installing this module ends nobody's session)
        return super()._get_session_token_fields() | {"crm_access_revoked_at"}

    @api.model
    def _crm_access_settings(self):
        """The policy's settings: alarm threshold and window, the threshold of
        values searched, blocking, the threshold and the bulk-read limit under
        watch, and those that modules add (see :meth:`_crm_access_setting_defaults`)."""
        # configuration parameters are readable by the system only; these
        # numbers are needed by every audited read, whoever reads
        params = self.env["ir.config_parameter"].sudo()
        values = {}
        for name, default in self._crm_access_setting_defaults().items():
            raw = params.get_param(f"crm_access_policy.{name}")
            if isinstance(default, bool):
                values[name] = raw in ("1", "True", "true") if raw is not None else default
            else:
                values[name] = int(raw) if raw and raw.isdigit() else default
        return values

    def _crm_access_threshold(self, searched=False):
        """Return the alarm threshold of this user: distinct customers read
        within the window, or distinct values searched when ``searched``; the
        threshold under watch for a user in layoff mode, in both cases."""
        self.ensure_one()
        settings = self._crm_access_settings()
        if self._crm_access_is_watched():
            return settings["watch_threshold"]
        return settings["search_threshold" if searched else "threshold"]

    @api.model
    def _crm_access_setting_defaults(self):
        """``{name: default}`` of the settings read by :meth:`_crm_access_settings`
        (parameters ``crm_access_policy.<name>``); modules extend it with theirs."""
        return dict(DEFAULTS)

    @api.model
    def _search(self, domain, *args, bypass_access=False, **kwargs):
        # users show the phone, mobile and e-mail of their contact: portal
        # users are customers, whose values no pattern may test (res.partner)
        Partner = self.env["res.partner"]
        if not bypass_access and Partner._crm_access_search_restricted():
            domain = Partner._crm_access_restrict_domain(
                domain,
                owner_field="partner_id.commercial_partner_id",
                prefixes=("", "partner_id."),
            )
        return super()._search(domain, *args, bypass_access=bypass_access, **kwargs)

    def _crm_access_own_partners(self):
        """The user's own partner and company: reading them is not auditing matter."""
        self.ensure_one()
        return self.env["res.partner"].browse(self._crm_access_own_partner_ids())

    @tools.ormcache("self.id")
    def _crm_access_portfolio_team_ids(self):
        """Return the ids of the active teams the user belongs to or leads (a frozenset).

        The teams of the portfolio (``res.partner._crm_access_portfolio_domain``),
        cached for every audited read, which decides its contacts from memory
        when it can; a change of a team's leader or members clears it
        (``crm.team``, ``crm.team.member``).
        """
        self.ensure_one()
        partners = self.env["res.partner"].with_user(self)
        return frozenset(partners._crm_access_user_teams(lead_only=False).ids)

    @tools.ormcache("self.id")
    def _crm_access_own_partner_ids(self):
        # cached for every audited read, which would otherwise fetch the
        # user, their companies and partners; a change of the user's contact
        # or companies clears it (see write)
        user = self.sudo()
        return tuple((user.partner_id | user.company_ids.partner_id).commercial_partner_id.ids)

    @tools.ormcache("self.id")
    def _crm_access_sees_full_values(self):
        """Whether this user sees every identity value unmasked: the
        superuser, the sensitive identity data group (crm_cid), those who
        see every interaction.

        Asked several times by every read and search of a restricted user;
        cached with the user's groups (a change of groups clears it).
        """
        user = self.sudo()
        return (
            user._is_superuser()
            or user._has_group("crm_cid.group_cid_sensitive")
            or user._has_group("crm_interaction.group_interaction_all")
        )

    def _crm_access_blocked(self):
        """Whether an open blocking alarm suspends this user's reads."""
        self.ensure_one()
        return self.id in self._crm_access_blocked_ids()

    @api.model
    @tools.ormcache()
    def _crm_access_blocked_ids(self):
        """Ids of the users an open blocking alarm suspends.

        Cached for every audited read, which would otherwise query the alarms
        each time: alarms clear the cache when they open, close or change
        (other workers see it at their next request).
        """
        self.env["crm.access.alarm"].flush_model(["user_id", "state", "is_blocking"])
        # plain SQL: the alarm table is the policy's own, the user has no right on it
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT user_id FROM crm_access_alarm WHERE state = 'open' AND is_blocking"
            )
        )
        return frozenset(row[0] for row in rows)

    def _crm_access_is_watched(self):
        """Whether this user is under watch (layoff mode)."""
        self.ensure_one()
        return self.id in self._crm_access_watched_ids()

    @api.model
    @tools.ormcache()
    def _crm_access_watched_ids(self):
        """Ids of the users under watch (layoff mode).

        Cached for every audited read, which would otherwise fetch the
        reader's user record each time: a change of the flag clears the
        cache (see write; other workers see it at their next request).
        """
        self.flush_model(["crm_access_watch"])
        # plain SQL: the flag of every user, whatever the reader may read
        rows = self.env.execute_query(
            SQL("SELECT id FROM res_users WHERE crm_access_watch IS TRUE")
        )
        return frozenset(row[0] for row in rows)

    def _crm_access_check_merge(self, partners):
        """Refuse a merge of ``partners`` that moves customers between
        portfolios this user does not manage.

        A Manager manages every portfolio; a Team Lead the customers of the
        teams they lead, and the customers without a team whose salesperson is
        a member of one of them. Customers of nobody (no team, no salesperson)
        may be merged by whoever may merge contacts.

        :raise AccessError: naming a customer outside the portfolios the user
            manages
        """
        self.ensure_one()
        if self._is_superuser() or self.has_group("crm_access_policy.group_crm_manager"):
            return
        # the portfolio of contacts the user may not read decides as well
        commercial = partners.sudo().commercial_partner_id
        led = self.env["crm.team"].sudo().search([("user_id", "=", self.id)])
        members = led.member_ids
        for partner in commercial:
            team = partner.portfolio_team_id
            if team:
                managed = team in led
            else:
                managed = not partner.user_id or partner.user_id in members
            if not managed:
                raise AccessError(
                    self.env._(
                        "%(customer)s belongs to a portfolio you do not manage: only its "
                        "Team Lead or a Manager may merge it.",
                        customer=partner.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Layoff mode and archiving
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any(vals.get("crm_access_watch") for vals in vals_list):
            # the users under watch are cached (_crm_access_watched_ids)
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        watch_changed = self.browse()
        if "crm_access_watch" in vals:
            watch_changed = self.filtered(
                lambda user: user.crm_access_watch != bool(vals["crm_access_watch"])
            )
        leaving = self.browse()
        if "active" in vals and not vals["active"]:
            leaving = self.filtered("active")
        result = super().write(vals)
        if {"partner_id", "company_ids", "company_id", "crm_access_watch"}.intersection(vals):
            self.env.registry.clear_cache()
        if watch_changed:
            watch_changed._crm_access_watch_changed(bool(vals["crm_access_watch"]))
        if leaving:
            leaving._crm_access_archived()
        return result

    def _crm_access_watch_changed(self, watched):
        """Log the layoff-mode switch on the users' contacts.

        A hook as well: modules that act on the switch (the offboarding
        prepares the reassignment of the portfolio) extend it.
        """
        state = self.env._("switched on") if watched else self.env._("switched off")
        for user in self:
            # the change is recorded on the user's contact: res.users has no chatter
            user.partner_id.sudo().message_post(
                body=self.env._(
                    "Layoff mode %(state)s by %(by)s.", state=state, by=self.env.user.name
                ),
            )

    def _crm_access_archived(self):
        """Users were archived: end their sessions and keys, then hand the
        internal ones (portal users have no portfolio) to
        :meth:`_crm_access_internal_archived`."""
        revoked = self._crm_access_revoke()
        internal = self.filtered(lambda user: not user.share)
        if internal:
            internal._crm_access_internal_archived(revoked)

    def _crm_access_internal_archived(self, revoked):
        """Hook: these internal users were archived and their access revoked.

        Does nothing here; the offboarding records the archive and hands the
        users' portfolio over.

        :param revoked: ``{user_id: (sessions ended, API keys deleted)}``
        """

    def _crm_access_revoke(self):
        """End the users' sessions on every device and delete their API keys.

        Sessions are ended the way "Log out from all devices" does it: the
        session files of the users' devices are deleted from the session
        store and their device logs marked revoked. The users' revocation date
        is then part of their session token, so that sessions without a
        device log (or restored from a backup) are refused as well.

        The session files are deleted at once, not at commit: if the
        transaction fails, the users merely have to log in again.

        :return: ``{user_id: (sessions ended, API keys deleted)}``
        """
        # devices and keys of other users are readable by the system only;
        # the caller was allowed to archive these users
        devices = self.env["res.device"].sudo().search([("user_id", "in", self.ids)])
        devices = devices.filtered(lambda device: not device.is_current)
        keys = self.env["res.users.apikeys"].sudo().search([("user_id", "in", self.ids)])
        devices_of = devices.grouped("user_id")
        keys_of = keys.grouped("user_id")
        revoked = {
            user.id: (
                len(devices_of.get(user, devices.browse())),
                len(keys_of.get(user, keys.browse())),
            )
            for user in self
        }
        if devices:
            devices._revoke()
        if keys:
            keys._remove()
        # the revocation date is a technical field only the system writes
        self.sudo().write({"crm_access_revoked_at": fields.Datetime.now()})
        return revoked
