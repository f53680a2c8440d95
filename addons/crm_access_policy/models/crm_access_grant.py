from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..tools.access_fields import guarded_fields

DEFAULT_HOURS = 8
MAX_HOURS = 720
# Fields only the grant's own buttons change.
PROTECTED_FIELDS = frozenset(guarded_fields("crm.access.grant", "workflow"))


class CrmAccessGrant(models.Model):
    """Temporary access of one user to one customer outside their portfolio.

    An agent asks with a reason; a Team Lead of the agent's team (or a
    Manager) grants it for a number of hours or refuses it. While granted and
    not expired, the customer is part of the agent's portfolio: the customer
    carries the agent in ``crm_access_grantee_ids``, which the portfolio rules
    read. A cron ends expired grants. Every step is logged in the access log
    and in the chatter.
    """

    _name = "crm.access.grant"
    _description = "Temporary access to a customer"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "create_date desc, id desc"
    _rec_name = "partner_id"
    _mail_post_access = "read"

    def _default_duration_hours(self):
        # a setting of the policy, read by every requester
        raw = self.env["ir.config_parameter"].sudo().get_param("crm_access_policy.grant_hours")
        return int(raw) if raw and raw.isdigit() and 0 < int(raw) <= MAX_HOURS else DEFAULT_HOURS

    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    cid = fields.Char(related="partner_id.cid", string="CID")
    reason = fields.Text(required=True, help="Why the customer must be served outside their team.")
    duration_hours = fields.Integer(
        string="Duration (hours)",
        required=True,
        default=_default_duration_hours,
        help="How long the access lasts once granted.",
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("granted", "Granted"),
            ("refused", "Refused"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_at = fields.Datetime(string="Decided on", readonly=True)
    expires_at = fields.Datetime(string="Expires on", readonly=True, tracking=True)

    _duration_range = models.Constraint(
        f"CHECK(duration_hours > 0 AND duration_hours <= {MAX_HOURS})",
        "The duration of a temporary access is between 1 and 720 hours.",
    )
    _one_open_per_user_partner = models.UniqueIndex(
        "(user_id, partner_id) WHERE state IN ('requested', 'granted')",
        "You already have an open request or access for this customer.",
    )
    _state_expires_idx = models.Index("(state, expires_at)")

    @api.model_create_multi
    def create(self, vals_list):
        may_choose_user = self.env.su or self.env.user.has_group(
            "crm_access_policy.group_crm_manager"
        )
        Partner = self.env["res.partner"]
        for vals in vals_list:
            if not may_choose_user:
                vals["user_id"] = self.env.uid
            for fname in PROTECTED_FIELDS - {"user_id", "partner_id"}:
                vals.pop(fname, None)
            if not (vals.get("reason") or "").strip():
                raise UserError(self.env._("Say why you need access to this customer."))
            partner = Partner.browse(vals.get("partner_id")).exists()
            if not partner:
                raise UserError(self.env._("Choose the customer you need access to."))
            # the requester must at least see the customer in the directory
            partner.check_access("read")
            vals["partner_id"] = partner.commercial_partner_id.id
        grants = super().create(vals_list)
        grants._crm_access_check_outside_portfolio()
        grants._crm_access_notify_request()
        grants._crm_access_log("grant_request")
        return grants

    def write(self, vals):
        if not self.env.su and PROTECTED_FIELDS.intersection(vals):
            raise AccessError(
                self.env._("Use the Grant, Refuse and Revoke buttons to change a request.")
            )
        if "reason" in vals and not (vals["reason"] or "").strip():
            raise UserError(self.env._("Say why you need access to this customer."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.model
    def request_access(self, partner_id, reason, hours=None):
        """Ask for temporary access to a customer outside your portfolio.

        The Team Leads of your teams (or the Managers, when your teams have
        no lead) get an activity to decide.

        :param int partner_id: the customer (a contact's company is used)
        :param str reason: why you must serve this customer (required)
        :param int hours: how long, once granted (default: the policy's setting)
        :return: the id of the new request
        :raises UserError: without a reason, for a customer already in your
            portfolio, or when you already have an open request for it
        """
        if not isinstance(partner_id, int) or isinstance(partner_id, bool):
            raise UserError(self.env._("Give the id of the customer as a number."))
        vals = {"partner_id": partner_id, "reason": reason if isinstance(reason, str) else ""}
        if hours is not None:
            if not isinstance(hours, int) or isinstance(hours, bool) or not 0 < hours <= MAX_HOURS:
                raise UserError(
                    self.env._(
                        "Give the duration as a whole number of hours, from 1 to %(max)s.",
                        max=MAX_HOURS,
                    )
                )
            vals["duration_hours"] = hours
        customer = self.env["res.partner"].browse(partner_id).exists().commercial_partner_id
        if customer and self.search_count(
            [
                ("user_id", "=", self.env.uid),
                ("partner_id", "=", customer.id),
                ("state", "in", ("requested", "granted")),
            ],
            limit=1,
        ):
            raise UserError(
                self.env._("You already have an open request or access for this customer.")
            )
        return self.create(vals).id

    def action_grant(self):
        """Grant the requests: access starts now for their duration."""
        self._crm_access_check_decider()
        self._crm_access_check_state("requested")
        now = fields.Datetime.now()
        for grant in self:
            # the decider's rights were checked above; the fields are the buttons' own
            grant.sudo().write(
                {
                    "state": "granted",
                    "decided_by_id": self.env.uid,
                    "decided_at": now,
                    "expires_at": now + timedelta(hours=grant.duration_hours),
                }
            )
        self._crm_access_sync_grantees()
        self._crm_access_close_activities()
        self._crm_access_post(self.env._("Access granted by %(user)s.", user=self.env.user.name))
        self._crm_access_log("grant")
        return True

    def action_refuse(self):
        """Refuse the requests."""
        self._crm_access_check_decider()
        self._crm_access_check_state("requested")
        # the decider's rights were checked above; the fields are the buttons' own
        self.sudo().write(
            {"state": "refused", "decided_by_id": self.env.uid, "decided_at": fields.Datetime.now()}
        )
        self._crm_access_close_activities()
        self._crm_access_post(self.env._("Access refused by %(user)s.", user=self.env.user.name))
        self._crm_access_log("grant_refused")
        return True

    def action_revoke(self):
        """End granted accesses now, or withdraw pending requests.

        The requester may give back their own access; a Team Lead of the
        requester's team or a Manager may revoke it.
        """
        self._crm_access_check_state("requested", "granted")
        others = self.filtered(lambda grant: grant.user_id != self.env.user)
        others._crm_access_check_decider()
        # rights checked above: the requester on their own grants, the
        # decider on the others
        self.sudo().write({"state": "revoked"})
        self._crm_access_sync_grantees()
        self._crm_access_close_activities()
        self._crm_access_post(self.env._("Access revoked by %(user)s.", user=self.env.user.name))
        self._crm_access_log("grant_ended")
        return True

    @api.model
    def _cron_expire(self):
        """End the grants whose time is over."""
        # the cron ends the grants of every user
        expired = self.sudo().search(
            [("state", "=", "granted"), ("expires_at", "<=", fields.Datetime.now())]
        )
        expired._crm_access_expire()
        return len(expired)

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_expire(self):
        self.write({"state": "expired"})
        self._crm_access_sync_grantees()
        self._crm_access_post(self.env._("Access expired."))
        self._crm_access_log("grant_ended")

    def _crm_access_check_state(self, *states):
        wrong = self.filtered(lambda grant: grant.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "The request of %(user)s for %(customer)s is %(state)s: nothing to do.",
                    user=wrong[0].user_id.name,
                    customer=wrong[0].partner_id.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def _crm_access_check_decider(self):
        """Refuse unless the user may decide on these requests.

        A Manager decides on any request; a Team Lead on the requests of the
        members of the teams they lead; nobody on their own request.
        """
        if self.env.su or not self:
            return
        self.check_access("read")
        user = self.env.user
        if user in self.user_id:
            raise AccessError(self.env._("You cannot decide on your own request."))
        if user.has_group("crm_access_policy.group_crm_manager"):
            return
        # the teams of the requesters decide who leads them; a lead may not
        # read every team membership
        led = self.sudo().filtered(
            lambda grant: user in grant.user_id.crm_team_member_ids.crm_team_id.user_id
        )
        if not user.has_group("crm_access_policy.group_crm_team_lead") or len(led) != len(self):
            raise AccessError(
                self.env._(
                    "Only a Team Lead of the requester's team, or a Manager, can decide on "
                    "a request for temporary access."
                )
            )

    def _crm_access_check_outside_portfolio(self):
        """Refuse requests for customers already in the requester's portfolio."""
        for grant in self:
            Partner = self.env["res.partner"].with_user(grant.user_id)
            # the portfolio test reads teams the requester may not read
            if grant.partner_id.sudo().filtered_domain(Partner._crm_access_portfolio_domain()):
                raise UserError(
                    self.env._(
                        "%(customer)s is already in your portfolio: no access to ask for.",
                        customer=grant.partner_id.display_name,
                    )
                )

    def _crm_access_deciders(self):
        """Return the users asked to decide: the leads of the requester's teams, or Managers."""
        self.ensure_one()
        # who leads the requester is the policy's business, not the requester's
        leads = self.sudo().user_id.crm_team_member_ids.crm_team_id.user_id
        leads = leads.filtered(
            lambda user: user.active and user.has_group("crm_access_policy.group_crm_team_lead")
        )
        if not leads:
            # without a lead, the managers decide; the group's members are
            # not readable by every requester
            leads = self.env.ref("crm_access_policy.group_crm_manager").sudo().all_user_ids
            leads = leads.filtered(lambda user: user.active and not user._is_superuser())
        return leads - self.user_id

    def _crm_access_notify_request(self):
        """Post the request and give its deciders an activity."""
        for grant in self:
            deciders = grant._crm_access_deciders()
            # the requester may not write on the request; the activity and
            # the followers are the request's own notification
            grant_sudo = grant.sudo()
            grant_sudo.message_subscribe(partner_ids=deciders.partner_id.ids)
            grant_sudo.message_post(
                body=self.env._(
                    "%(user)s asks for %(hours)s hours of access to %(customer)s: %(reason)s",
                    user=grant.user_id.name,
                    hours=grant.duration_hours,
                    customer=grant.partner_id.display_name,
                    reason=grant.reason,
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
            for decider in deciders:
                grant_sudo.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=decider.id,
                    summary=self.env._(
                        "Grant or refuse access to %(customer)s",
                        customer=grant.partner_id.display_name,
                    ),
                    note=grant.reason,
                )

    def _crm_access_close_activities(self):
        # the decision closes the to-dos of every decider, not only the user's
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"], only_automated=False)

    def _crm_access_post(self, body):
        # the decision is recorded on the request, whoever may write on it
        for grant in self.sudo():
            grant.message_post(body=body, message_type="notification", subtype_xmlid="mail.mt_note")

    def _crm_access_sync_grantees(self):
        """Make the customers' grantees those of their granted requests."""
        partners = self.partner_id
        # every granted request of these customers counts, whoever made it
        active = self.sudo().search([("partner_id", "in", partners.ids), ("state", "=", "granted")])
        by_partner = active.grouped("partner_id")
        # the grantees are the policy's own bookkeeping on the customer
        for partner in partners.sudo():
            users = by_partner.get(partner, self.browse()).user_id
            if partner.crm_access_grantee_ids != users:
                partner.crm_access_grantee_ids = [Command.set(users.ids)]

    def _crm_access_log(self, kind):
        """Count the step in the requester's access log."""
        Log = self.env["crm.access.log"]
        if self.env.cr.readonly:
            return
        for user, grants in self.grouped("user_id").items():
            Log._log_reads_sql(self.env.cr, user.id, grants.partner_id.ids, kind)

    @api.model
    def _crm_access_merge_partners(self, src_partners, dst_partner):
        """Move the requests of merged-away customers to the survivor.

        A user keeps one open request per customer (unique index): when the
        merge brings several together, the one giving the most access stays
        open (granted before requested, the latest expiry first, the
        survivor's own first); the others are withdrawn (requested) or
        revoked (granted), with a note naming the request that goes on.
        Called by the partner merge before it moves foreign keys; the
        survivor's grantees are recomputed after the merge.
        """
        if not src_partners:
            return
        # every user's requests follow the merge, which the merging user
        # was allowed to make (res.users._crm_access_check_merge)
        Grant = self.sudo()
        grants = Grant.search(
            [
                ("partner_id", "in", (src_partners | dst_partner).ids),
                ("state", "in", ("requested", "granted")),
            ]
        )
        closing = {}
        for grouped in grants.grouped("user_id").values():
            if len(grouped) < 2:
                continue
            keep = max(
                grouped,
                key=lambda grant: (
                    grant.state == "granted",
                    grant.expires_at or fields.Datetime.from_string("1970-01-01"),
                    grant.partner_id == dst_partner,
                    grant.id,
                ),
            )
            for grant in grouped - keep:
                closing[grant] = keep
        if not closing:
            return
        closed = Grant.browse(grant.id for grant in closing)
        for state, group in closed.grouped("state").items():
            group.write(
                {
                    "state": "revoked" if state == "granted" else "refused",
                    "decided_by_id": self.env.uid,
                    "decided_at": fields.Datetime.now(),
                }
            )
        for grant, keep in closing.items():
            grant.sudo()._crm_access_post(
                self.env._(
                    "Closed by the merge of the customer into %(customer)s: request "
                    "%(request)s goes on.",
                    customer=dst_partner.display_name,
                    request=keep.id,
                )
            )

    @api.model
    def _crm_access_merged(self, dst_partner):
        """Recompute the survivor's grantees after a merge moved requests to it."""
        grants = self.sudo().search([("partner_id", "=", dst_partner.id)], limit=1)
        grants._crm_access_sync_grantees()
