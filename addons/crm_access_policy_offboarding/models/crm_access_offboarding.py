from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

OPEN_STATES = ("draft", "pending")


class CrmAccessOffboarding(models.Model):
    """A user leaves: their access ends and their portfolio changes hands.

    Offboarding archives the user, which ends their sessions on every device
    and deletes their API keys (see ``res.users._crm_access_revoke``), hands
    their portfolio to a successor (the customers they are salesperson of,
    their open interactions and opportunities, their teams), and keeps the
    report of the customers they read in the last days, taken from the
    access log at that moment.

    A record is made three ways: by the "Offboard" button of the user form,
    by the layoff mode (a prepared record, ``draft``), and by archiving a
    user directly (then the access is revoked at once, and the portfolio
    goes to the successor chosen in the settings, or waits for one:
    ``pending``).
    """

    _name = "crm.access.offboarding"
    _description = "User offboarding"
    _inherit = ("mail.thread",)
    _order = "create_date desc, id desc"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        "res.users",
        string="User",
        required=True,
        index=True,
        ondelete="cascade",
        context={"active_test": False},
        domain=[("share", "=", False)],
        tracking=True,
    )
    successor_id = fields.Many2one(
        "res.users",
        string="Portfolio goes to",
        domain=[("share", "=", False)],
        tracking=True,
        help="Receives the customers the user is salesperson of, their open interactions "
        "and opportunities, and their place in their sales teams.",
    )
    reason = fields.Text()
    origin = fields.Selection(
        [("offboard", "Offboard button"), ("archive", "User archived"), ("layoff", "Layoff mode")],
        required=True,
        default="offboard",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("draft", "Prepared"),
            ("pending", "Awaiting a successor"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        index=True,
    )
    archived_at = fields.Datetime(string="Archived on", readonly=True)
    sessions_revoked = fields.Integer(string="Sessions ended", readonly=True)
    apikeys_revoked = fields.Integer(string="API keys deleted", readonly=True)
    customer_count = fields.Integer(string="Customers handed over", readonly=True)
    interaction_count = fields.Integer(string="Open interactions handed over", readonly=True)
    opportunity_count = fields.Integer(string="Open opportunities handed over", readonly=True)
    team_count = fields.Integer(string="Teams handed over", readonly=True)
    team_ids = fields.Many2many(
        "crm.team",
        string="Teams",
        readonly=True,
        help="The sales teams the user was a member of when archived.",
    )
    done_at = fields.Datetime(string="Done on", readonly=True)
    done_by_id = fields.Many2one("res.users", string="Done by", readonly=True)
    report_days = fields.Integer(
        string="Report period (days)",
        default=90,
        required=True,
        help="The access report lists the customers the user read within this many days.",
    )
    line_ids = fields.One2many(
        "crm.access.offboarding.line", "offboarding_id", string="Access report", readonly=True
    )
    report_customer_count = fields.Integer(
        string="Customers read", compute="_compute_report_totals", store=True
    )
    report_read_count = fields.Integer(string="Reads", compute="_compute_report_totals", store=True)

    _one_open_per_user = models.UniqueIndex(
        "(user_id) WHERE state IN ('draft', 'pending')",
        "This user's offboarding is already under way.",
    )
    _report_days_positive = models.Constraint(
        "CHECK(report_days > 0)", "The report period must be at least one day."
    )

    @api.depends("line_ids.partner_id", "line_ids.count")
    def _compute_report_totals(self):
        for offboarding in self:
            offboarding.report_customer_count = len(offboarding.line_ids.partner_id)
            offboarding.report_read_count = sum(offboarding.line_ids.mapped("count"))

    @api.constrains("user_id", "successor_id")
    def _check_successor(self):
        for offboarding in self:
            successor = offboarding.successor_id
            if not successor:
                continue
            if successor == offboarding.user_id:
                raise ValidationError(
                    self.env._("A user cannot hand their portfolio over to themselves.")
                )
            if not successor.active or successor.share:
                raise ValidationError(
                    self.env._(
                        "%(successor)s cannot receive a portfolio: choose an active internal user.",
                        successor=successor.name,
                    )
                )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_offboard(self):
        """Archive the users, hand their portfolio over, keep their access report.

        :raise UserError: when an offboarding is done or cancelled already, or
            names no successor
        """
        self.check_access("write")
        self.user_id.check_access("write")
        closed = self.filtered(lambda offboarding: offboarding.state not in OPEN_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "The offboarding of %(users)s is closed already.",
                    users=", ".join(closed.user_id.mapped("name")),
                )
            )
        missing = self.filtered(lambda offboarding: not offboarding.successor_id)
        if missing:
            raise UserError(
                self.env._(
                    "Choose who receives the portfolio of %(users)s.",
                    users=", ".join(missing.user_id.mapped("name")),
                )
            )
        self._crm_access_offboard()
        return True

    def action_cancel(self):
        """Drop a prepared or pending offboarding (an archived user stays archived)."""
        self.check_access("write")
        if self.filtered(lambda offboarding: offboarding.state not in OPEN_STATES):
            raise UserError(self.env._("Only an offboarding under way can be cancelled."))
        self.write({"state": "cancel"})
        return True

    def action_open_access_report(self):
        """Open the access report: the customers the user read, per kind of read."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Access report of %(user)s", user=self.user_id.name),
            "res_model": "crm.access.offboarding.line",
            "view_mode": "list,pivot",
            "domain": [("offboarding_id", "=", self.id)],
            "context": {"search_default_group_partner": 1},
        }

    def action_print_access_report(self):
        """Print the access report (PDF, kept on the offboarding once printed)."""
        self.check_access("read")
        return self.env.ref(
            "crm_access_policy_offboarding.crm_access_offboarding_report"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Entry points of res.users
    # ------------------------------------------------------------------

    @api.model
    def _crm_access_open_for(self, users):
        """Return ``{user: offboarding}`` of the users' offboardings under way."""
        return self.search([("user_id", "in", users.ids), ("state", "in", OPEN_STATES)]).grouped(
            "user_id"
        )

    @api.model
    def _crm_access_action_for(self, user):
        """The form of the user's offboarding under way, or of a new one."""
        user.check_access("write")
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Offboard %(user)s", user=user.name),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_user_id": user.id, "dialog_size": "large"},
        }
        current = self._crm_access_open_for(user).get(user)
        if current:
            action["res_id"] = current.id
        return action

    @api.model
    def _crm_access_prepare(self, users):
        """Prepare the reassignment of watched users' portfolios (layoff mode)."""
        # the switch is on res.users, which only user administrators write;
        # the prepared record is the policy's trace of it
        Offboarding = self.sudo()
        current = Offboarding._crm_access_open_for(users)
        prepared = Offboarding.create(
            [
                {"user_id": user.id, "origin": "layoff", "state": "draft"}
                for user in users
                if user not in current
            ]
        )
        for offboarding in prepared:
            offboarding.message_post(
                body=self.env._(
                    "Layoff mode switched on by %(by)s: the reassignment of the portfolio is "
                    "prepared. Choose the successor, then offboard.",
                    by=self.env.user.name,
                )
            )
        return prepared

    @api.model
    def _crm_access_unprepare(self, users):
        """Layoff mode switched off: the prepared reassignments are dropped."""
        # see _crm_access_prepare
        current = self.sudo()._crm_access_open_for(users)
        dropped = self.sudo().browse(
            [o.id for o in current.values() if o.origin == "layoff" and o.state == "draft"]
        )
        dropped.write({"state": "cancel"})
        for offboarding in dropped:
            offboarding.message_post(
                body=self.env._(
                    "Layoff mode switched off by %(by)s: the prepared reassignment is dropped.",
                    by=self.env.user.name,
                )
            )
        return dropped

    @api.model
    def _crm_access_user_archived(self, users, revoked):
        """Record that ``users`` were archived, their access revoked.

        The offboarding that archived them (context key
        ``crm_access_offboarding_ids``) goes on by itself. Otherwise the
        user's offboarding under way, or a new one, records the archive, and
        is finished at once when it names a successor (prepared beforehand,
        or the default successor of the settings); without one it waits.

        :param revoked: ``{user_id: (sessions ended, API keys deleted)}``
        """
        # the archive itself was allowed on res.users; the offboarding record
        # is the policy's trace of it, and the hand-over follows the policy
        Offboarding = self.sudo()
        running = Offboarding.browse(self.env.context.get("crm_access_offboarding_ids") or [])
        running = running.filtered(lambda offboarding: offboarding.user_id in users)
        others = users - running.user_id
        current = Offboarding._crm_access_open_for(others)
        created = Offboarding.create(
            [{"user_id": user.id, "origin": "archive"} for user in others if user not in current]
        )
        records = running | Offboarding.browse([o.id for o in current.values()]) | created
        now = fields.Datetime.now()
        teams = dict(self.env.context.get("crm_access_teams") or ())
        teams.update((users - users.browse(list(teams)))._crm_access_teams())
        for offboarding in records:
            sessions, keys = revoked.get(offboarding.user_id.id, (0, 0))
            offboarding.write(
                {
                    "state": "pending",
                    "archived_at": now,
                    "sessions_revoked": sessions,
                    "apikeys_revoked": keys,
                    "team_ids": [Command.set(teams.get(offboarding.user_id.id, ()))],
                }
            )
            offboarding._crm_access_log(
                self.env._(
                    "%(user)s archived by %(by)s. Sessions ended: %(sessions)s, "
                    "API keys deleted: %(keys)s.",
                    user=offboarding.user_id.name,
                    by=self.env.user.name,
                    sessions=sessions,
                    keys=keys,
                )
            )
        to_finish = records - running
        default = (
            self.env["res.users"]
            .browse(self.env["res.users"]._crm_access_settings()["successor_id"])
            .exists()
        )
        if default and default.active and not default.share:
            to_finish.filtered(
                lambda offboarding: not offboarding.successor_id and offboarding.user_id != default
            ).successor_id = default
        to_finish.filtered("successor_id")._crm_access_offboard()
        return records

    # ------------------------------------------------------------------
    # The steps
    # ------------------------------------------------------------------

    def _crm_access_offboard(self):
        """Archive (revoking the access), hand over, keep the report, log."""
        active = self.filtered("user_id.active")
        if active:
            active.user_id.with_context(crm_access_offboarding_ids=active.ids).write(
                {"active": False}
            )
        counts = self._crm_access_reassign()
        self._crm_access_snapshot_report()
        now = fields.Datetime.now()
        for offboarding in self:
            offboarding.write(
                dict(counts[offboarding.id], state="done", done_at=now, done_by_id=self.env.uid)
            )
            offboarding._crm_access_log(
                self.env._(
                    "Offboarded by %(by)s. Handed over to %(successor)s: customers: "
                    "%(customers)s, open interactions: %(interactions)s, open opportunities: "
                    "%(opportunities)s, teams: %(teams)s. Access report: %(read)s customers "
                    "read in the last %(days)s days.",
                    by=self.env.user.name,
                    successor=offboarding.successor_id.name,
                    customers=offboarding.customer_count,
                    interactions=offboarding.interaction_count,
                    opportunities=offboarding.opportunity_count,
                    teams=offboarding.team_count,
                    read=offboarding.report_customer_count,
                    days=offboarding.report_days,
                )
            )

    def _crm_access_log(self, body):
        """Post ``body`` on the offboarding and on the user's contact."""
        self.ensure_one()
        self.message_post(body=body)
        # res.users has no chatter: the user's contact carries their history;
        # the caller may not write contacts, the note is the policy's
        self.user_id.partner_id.sudo().message_post(body=body)

    def _crm_access_reassign(self):
        """Hand each user's portfolio to their successor.

        :return: ``{offboarding id: {"customer_count", "interaction_count",
            "opportunity_count", "team_count"}}``
        """
        users = self.user_id
        successor_of = {offboarding.user_id: offboarding.successor_id for offboarding in self}
        counts = {
            offboarding.id: dict.fromkeys(
                ("customer_count", "interaction_count", "opportunity_count", "team_count"), 0
            )
            for offboarding in self
        }
        offboarding_of = {offboarding.user_id: offboarding.id for offboarding in self}

        def hand_over(records, field, count_key):
            for user, owned in records.grouped(field).items():
                owned.write({field: successor_of[user].id})
                counts[offboarding_of[user]][count_key] += len(owned)

        # the caller may offboard users (checked by action_offboard, or the
        # archive was allowed); the hand-over only moves the ownership
        # fields from the leaving users to their successors
        env = self.env(su=True)
        for records, field, count_key in self._crm_access_portfolio_records(env, users):
            hand_over(records, field, count_key)
        self.with_env(env)._crm_access_reassign_teams(env, counts)
        return counts

    @api.model
    def _crm_access_portfolio_records(self, env, users):
        """What ``users`` own and hand over: ``[(records, owner field, count key)]``.

        Their customers and their interactions still open; bridges add their
        own documents (``crm_access_policy_offboarding_crm``: open opportunities).

        :param env: a superuser environment
        :param users: the leaving users
        """
        return [
            (
                env["res.partner"]
                .with_context(active_test=False)
                .search([("user_id", "in", users.ids)]),
                "user_id",
                "customer_count",
            ),
            (
                env["crm.interaction"].search(
                    [("user_id", "in", users.ids), ("state", "!=", "handled")]
                ),
                "user_id",
                "interaction_count",
            ),
        ]

    def _crm_access_reassign_teams(self, env, counts):
        """The successor leads the teams the user led and joins the teams they were in.

        With one team per salesperson (Odoo's default), a successor who
        belongs to a team already stays there, and joins one team otherwise.
        """
        Member = env["crm.team.member"]
        users = self.user_id
        teams_led = env["crm.team"].search([("user_id", "in", users.ids)])
        belongs = Member.search([("user_id", "in", self.successor_id.ids)]).grouped("user_id")
        multi = env["ir.config_parameter"].get_param("sales_team.membership_multi", False)
        new_members = []
        for offboarding in self:
            user, successor = offboarding.user_id, offboarding.successor_id
            led = teams_led.filtered(lambda team, u=user: team.user_id == u)
            joining = offboarding.team_ids - belongs.get(successor, Member).crm_team_id
            if not multi:
                joined = any(vals["user_id"] == successor.id for vals in new_members)
                joining = joining.browse() if successor in belongs or joined else joining[:1]
            new_members += [{"crm_team_id": team.id, "user_id": successor.id} for team in joining]
            led.write({"user_id": successor.id})
            counts[offboarding.id]["team_count"] = len(led | offboarding.team_ids)
        Member.search([("user_id", "in", users.ids)]).write({"active": False})
        Member.create(new_members)

    def _crm_access_snapshot_report(self):
        """Copy the users' access log of the report period into the report lines."""
        # the report is kept for the auditor whoever runs the offboarding;
        # the caller may offboard these users
        Log = self.env["crm.access.log"].sudo()
        # re-reads this worker has not added to the counters yet
        Log._flush_reads(force=True)
        today = fields.Date.context_today(self)
        vals_list = []
        for days, offboardings in self.grouped("report_days").items():
            offboarding_of = {offboarding.user_id: offboarding for offboarding in offboardings}
            rows = Log._read_group(
                [
                    ("user_id", "in", offboardings.user_id.ids),
                    ("day", ">=", today - timedelta(days=days)),
                ],
                ["user_id", "partner_id", "kind"],
                ["count:sum", "first_at:min", "last_at:max"],
            )
            vals_list += [
                {
                    "offboarding_id": offboarding_of[user].id,
                    "partner_id": partner.id,
                    "cid": partner.cid or False,
                    "kind": kind,
                    "count": count,
                    "first_at": first_at,
                    "last_at": last_at,
                }
                for user, partner, kind, count, first_at, last_at in rows
            ]
        # report lines are read-only to everyone but this snapshot (see above)
        self.sudo().line_ids.unlink()
        self.env["crm.access.offboarding.line"].sudo().create(vals_list)
