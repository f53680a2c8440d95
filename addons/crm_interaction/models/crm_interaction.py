from bisect import bisect_left

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.ingest import resolve_customer

# Report measures of response times and the percentile each one stands for.
RESPONSE_PERCENTILES = {"response_median_seconds": 0.5, "response_p90_seconds": 0.9}


class CrmInteraction(models.Model):
    _name = "crm.interaction"
    _description = "Customer interaction"
    _inherit = ("mail.thread", "mail.activity.mixin", "crm.cid.fold.mixin")
    _cid_fold_fields = ("subject",)
    _order = "occurred_at desc, id desc"
    _rec_name = "subject"
    _check_company_auto = True

    channel_id = fields.Many2one(
        "crm.interaction.channel", string="Channel", required=True, index=True, ondelete="restrict"
    )
    channel_code = fields.Char(related="channel_id.code", string="Channel code")
    direction = fields.Selection(
        selection=[("inbound", "Inbound"), ("outbound", "Outbound"), ("internal", "Internal")],
        required=True,
        default="inbound",
        index=True,
    )
    occurred_at = fields.Datetime(
        string="Date",
        required=True,
        default=fields.Datetime.now,
        index=True,
        help="When the message was sent or the call started.",
    )
    received_at = fields.Datetime(
        string="Received on",
        default=fields.Datetime.now,
        readonly=True,
        help="When the interaction was stored here.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, tracking=True, check_company=True
    )
    # no index of its own: the timeline index (commercial_partner_id,
    # occurred_at DESC, id DESC) serves every search on it
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Commercial entity",
        store=True,
    )
    cid = fields.Char(related="partner_id.cid", string="CID", store=True, index=True)
    has_conflict = fields.Boolean(
        string="Conflicting keys",
        readonly=True,
        help="The keys it arrived with belong to different customers.",
    )
    match_state = fields.Selection(
        selection=[
            ("matched", "Identified"),
            ("unmatched", "Unidentified"),
            ("conflict", "Conflict"),
        ],
        string="Identification",
        compute="_compute_match_state",
        store=True,
        index=True,
    )
    key_ids = fields.One2many("crm.interaction.key", "interaction_id", string="Received keys")
    key_summary = fields.Char(string="Keys", compute="_compute_key_summary")
    subject = fields.Char()
    body = fields.Html()
    summary = fields.Text()
    message_id = fields.Many2one(
        "mail.message",
        string="E-mail",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The e-mail this interaction stands for; its content is not copied.",
    )
    message_body = fields.Html(related="message_id.body", string="Message content")
    sms_id = fields.Many2one(
        "sms.sms",
        string="SMS",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The text message sent through Odoo that this interaction stands for; Odoo "
        "deletes it once sent, its text stays on the message of the document it was sent from.",
    )
    sms_body = fields.Text(related="sms_id.body", string="SMS text")
    reason_id = fields.Many2one(
        "crm.interaction.reason", string="Reason", index=True, ondelete="restrict", tracking=True
    )
    user_id = fields.Many2one("res.users", string="Responsible", index=True, tracking=True)
    team_id = fields.Many2one("crm.team", string="Sales team", index=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        selection=[("new", "New"), ("needs_reply", "Needs reply"), ("handled", "Handled")],
        required=True,
        default="new",
        index=True,
        tracking=True,
    )
    duration = fields.Integer(help="Length of a call or visit, in seconds.")
    link_ids = fields.One2many("crm.interaction.link", "interaction_id", string="Related documents")
    link_count = fields.Integer(compute="_compute_link_count")
    external_id = fields.Char(
        string="Provider ID",
        readonly=True,
        copy=False,
        help="Id of the message or call at the provider; one per channel and provider.",
    )
    provider = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        default="",
        help="The provider or route the interaction came through (sms_kavenegar, "
        "telegram:<bot>, whatsapp:<phone number id>...); empty for other sources. A provider "
        "id is unique per channel and provider.",
    )
    first_response_at = fields.Datetime(
        string="First response",
        readonly=True,
        copy=False,
        help="Inbound interactions: the next outbound interaction with the same customer, "
        "or the moment it was marked handled, whichever came first.",
    )
    response_seconds = fields.Integer(
        string="Response time (s)",
        compute="_compute_response_seconds",
        store=True,
        aggregator="avg",
        help="Inbound interactions that were answered: seconds until the first response. "
        "Averages, medians and percentiles count answered inbound interactions only.",
    )
    # measures for reports: aggregated in SQL by _read_group_select over the
    # answered inbound interactions; per record they repeat response_seconds
    response_median_seconds = fields.Integer(
        string="Response time, median (s)",
        compute="_compute_response_measures",
        aggregator="avg",
    )
    response_p90_seconds = fields.Integer(
        string="Response time, 90th percentile (s)",
        compute="_compute_response_measures",
        aggregator="avg",
    )

    _duration_positive = models.Constraint(
        "CHECK(duration >= 0)", "The duration cannot be negative."
    )
    # two providers of one channel (two SMS panels, two bots) number their
    # messages each on their own: a provider id is unique per channel and provider
    _provider_external_id_uniq = models.UniqueIndex(
        "(channel_id, COALESCE(provider, ''), external_id) WHERE external_id IS NOT NULL",
        "This message was already received from this provider on this channel.",
    )
    _unmatched_idx = models.Index("(occurred_at DESC) WHERE partner_id IS NULL")

    @api.depends("partner_id", "has_conflict")
    def _compute_match_state(self):
        for interaction in self:
            if interaction.partner_id:
                interaction.match_state = "matched"
            else:
                interaction.match_state = "conflict" if interaction.has_conflict else "unmatched"

    @api.depends("key_ids.type_code", "key_ids.value_normalized", "key_ids.value")
    def _compute_key_summary(self):
        for interaction in self:
            interaction.key_summary = ", ".join(
                f"{key.type_code}: {key.value_normalized or key.value}"
                for key in interaction.key_ids
            )

    def _compute_link_count(self):
        counts = dict(
            self.env["crm.interaction.link"]._read_group(
                [("interaction_id", "in", self.ids)], ["interaction_id"], ["__count"]
            )
        )
        for interaction in self:
            interaction.link_count = counts.get(interaction, 0)

    @api.depends("first_response_at", "occurred_at")
    def _compute_response_seconds(self):
        for interaction in self:
            if interaction.first_response_at and interaction.occurred_at:
                delta = interaction.first_response_at - interaction.occurred_at
                interaction.response_seconds = max(int(delta.total_seconds()), 0)
            else:
                interaction.response_seconds = 0

    @api.depends("response_seconds")
    def _compute_response_measures(self):
        for interaction in self:
            interaction.response_median_seconds = interaction.response_seconds
            interaction.response_p90_seconds = interaction.response_seconds

    def _read_group_select(self, aggregate_spec, query):
        """Aggregate response times over answered inbound interactions only.

        Outbound interactions and unanswered inbound ones hold 0 in
        ``response_seconds``: an average over every row would count them as
        instant answers. ``response_seconds:avg`` (the list, pivot and graph
        measure, and the API) is the mean over the answered inbound
        interactions; ``response_median_seconds`` and ``response_p90_seconds``
        are the median and the 90th percentile over the same rows, whatever
        aggregate is asked for them.
        """
        fname, _sep, func = aggregate_spec.partition(":")
        fraction = RESPONSE_PERCENTILES.get(fname)
        if fraction is None and not (fname == "response_seconds" and func == "avg"):
            return super()._read_group_select(aggregate_spec, query)
        seconds = self._field_to_sql(self._table, "response_seconds", query)
        answered = SQL(
            "%s = 'inbound' AND %s IS NOT NULL",
            self._field_to_sql(self._table, "direction", query),
            self._field_to_sql(self._table, "first_response_at", query),
        )
        if fraction is None:
            return SQL("AVG(%s) FILTER (WHERE %s)", seconds, answered)
        return SQL(
            "PERCENTILE_CONT(%s) WITHIN GROUP (ORDER BY %s) FILTER (WHERE %s)",
            fraction,
            seconds,
            answered,
        )

    @api.depends("subject", "channel_id.name", "occurred_at")
    def _compute_display_name(self):
        for interaction in self:
            interaction.display_name = interaction.subject or self.env._(
                "%(channel)s on %(date)s",
                channel=interaction.channel_id.name or "",
                date=fields.Datetime.to_string(interaction.occurred_at) or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._interaction_check_targets(vals)
        interactions = super().create(vals_list)
        interactions._interaction_after_change()
        return interactions

    def write(self, vals):
        self._interaction_check_targets(vals)
        result = super().write(vals)
        if vals.get("state") == "handled":
            self._interaction_mark_responded(fields.Datetime.now())
        if {"partner_id", "direction", "occurred_at"} & vals.keys():
            self._interaction_after_change()
        return result

    def action_mark_needs_reply(self):
        self.write({"state": "needs_reply"})

    def action_mark_handled(self):
        self.write({"state": "handled"})

    def action_reset_new(self):
        self.write({"state": "new"})

    def action_open_link_partner(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_link_partner_action"
        )
        action["context"] = {"active_model": self._name, "active_ids": self.ids}
        return action

    def action_open_links(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Related documents"),
            "res_model": "crm.interaction.link",
            "view_mode": "list,form",
            "domain": [("interaction_id", "=", self.id)],
            "context": {"default_interaction_id": self.id},
        }

    @api.model
    def _interaction_check_targets(self, vals):
        """Refuse to point at an e-mail or text message the user may not read.

        ``message_body`` and ``sms_body`` show their content to whoever reads
        the interaction: a caller points an interaction only at what they may
        read themselves. The capture of e-mails and text messages runs as
        superuser and points at what it captured.
        """
        if self.env.su:
            return
        for fname in ("message_id", "sms_id"):
            target_id = vals.get(fname)
            if not target_id:
                continue
            target = self.env[self._fields[fname].comodel_name]
            if isinstance(target_id, int) and not isinstance(target_id, bool):
                target = target.browse(target_id).exists()
            # a missing record is refused as an unreadable one: no oracle
            if not target or not target.has_access("read"):
                raise AccessError(
                    self.env._(
                        "You can link an interaction only to an e-mail or text message "
                        "you may read."
                    )
                )

    def _interaction_check_lines(self):
        """Refuse unless the user may write these interactions.

        Links to documents and received keys change what an interaction says
        about a customer (and which customer later calls are matched to):
        they are added only to interactions the user may write. The capture
        and the ingestion add those of what they just stored themselves (as
        superuser, or in SQL).
        """
        if not self.env.su:
            self.check_access("write")

    def _interaction_check_line_move(self, lines, vals):
        """Refuse moving ``lines`` (links or received keys) to another interaction."""
        if "interaction_id" in vals and not self.env.su:
            if any(line.interaction_id.id != vals["interaction_id"] for line in lines):
                raise AccessError(
                    self.env._(
                        "A related document or received key stays with its interaction: "
                        "delete it and add it to the other one."
                    )
                )

    def _interaction_after_change(self):
        """Update the response times that new or re-linked interactions affect.

        Two kinds of inbound interactions can get a new first response: the
        inbound ones among ``self``, and the inbound ones of the customers of
        the outbound ones among ``self``. The other pending inbound
        interactions of a customer keep what they had (no reply was added),
        so a batch of inbound messages looks at itself only, whatever the
        customers' history.
        """
        # statistics only (see _interaction_update_response): the interactions
        # just written may concern a customer outside the writer's portfolio
        interactions = self.sudo()
        # only what the response needs: a batch just inserted in SQL is not
        # in the cache, and its bodies are not to be read back
        interactions.fetch(
            ["commercial_partner_id", "direction", "occurred_at", "first_response_at"]
        )
        with_customer = interactions.filtered("commercial_partner_id")
        if not with_customer:
            return
        outbound = with_customer.filtered_domain(self._interaction_get_response_domain())
        since = min(outbound.mapped("occurred_at")) if outbound else None
        self._interaction_update_response(
            outbound.commercial_partner_id.ids,
            since=since,
            inbound=with_customer.filtered(lambda i: i.direction == "inbound"),
        )

    def _interaction_mark_responded(self, when):
        """Record ``when`` as the first response of inbound interactions that have none."""
        pending = self.filtered(lambda i: i.direction == "inbound" and not i.first_response_at)
        # a system field: whoever may mark the interaction handled sets it
        pending.sudo().write({"first_response_at": when})

    @api.model
    def _interaction_get_response_domain(self):
        """Return the domain of the interactions that answer a customer (hook).

        Outbound interactions answer the customer's earlier inbound ones.
        Addons leave out what is sent to many customers at once, which
        answers nobody (a mass mailing).
        """
        return Domain("direction", "=", "outbound")

    @api.model
    def _interaction_update_response(self, commercial_partner_ids, since=None, inbound=None):
        """Set the first response of the inbound interactions of some customers.

        The first response of an inbound interaction is the earliest outbound
        interaction with the same commercial entity, on any channel, that did
        not happen before it. One search for the pending inbound interactions
        of the customers, one for the outbound interactions that may answer
        them, then a bisection per inbound interaction.

        Runs as superuser: response times are statistics over every
        interaction of the customer, including ones the user cannot see.

        :param list commercial_partner_ids: ids of commercial entities whose
            pending inbound interactions are all looked at (those that got a
            new outbound interaction)
        :param datetime since: when outbound interactions dated from ``since``
            were added, inbound ones whose recorded response is later are
            looked at again (late ingestion of older replies)
        :param inbound: inbound ``crm.interaction`` records looked at as well,
            when pending (new or re-linked ones)
        """
        Interaction = self.sudo().with_context(active_test=False)
        pending = Domain("first_response_at", "=", False)
        if since:
            pending |= Domain("first_response_at", ">", since)
        inbound = Interaction.browse(inbound.ids if inbound else ()).filtered_domain(pending)
        if commercial_partner_ids:
            inbound |= Interaction.search_fetch(
                Domain("commercial_partner_id", "in", commercial_partner_ids)
                & Domain("direction", "=", "inbound")
                & pending,
                ["commercial_partner_id", "occurred_at", "first_response_at"],
            )
        if not inbound:
            return
        outbound = Interaction.search_fetch(
            Domain("commercial_partner_id", "in", inbound.commercial_partner_id.ids)
            & self._interaction_get_response_domain()
            & Domain("occurred_at", ">=", min(inbound.mapped("occurred_at"))),
            ["commercial_partner_id", "occurred_at"],
            order="occurred_at, id",
        )
        dates = {}
        for interaction in outbound:
            dates.setdefault(interaction.commercial_partner_id.id, []).append(
                interaction.occurred_at
            )
        for interaction in inbound:
            replies = dates.get(interaction.commercial_partner_id.id, [])
            position = bisect_left(replies, interaction.occurred_at)
            if position == len(replies):
                continue
            reply = replies[position]
            if not interaction.first_response_at or reply < interaction.first_response_at:
                interaction.first_response_at = reply

    @api.model
    def _interaction_link_unmatched(self, keys, pairs=None):
        """Link unidentified interactions to the customers that now own ``keys``.

        Called when identity keys are created or changed. One search finds the
        unidentified interactions that arrived with one of the keys; they are
        then resolved again with all the keys they carry, so an interaction
        whose keys point at two customers stays unidentified.

        :param keys: ``crm.cid.key`` records
        :param pairs: ``{(type code, normalised value)}`` of the active keys
            among ``keys``, when the caller has them (read from ``keys`` otherwise)
        :return: the interactions that were linked
        """
        if pairs is None:
            pairs = {
                (k.type_code, k.value_normalized) for k in keys if k.active and k.value_normalized
            }
        if not pairs:
            return self.browse()
        # linking is a consequence of the key just stored: the interactions
        # concerned may belong to another portfolio than the user's
        lines = (
            self.env["crm.interaction.key"]
            .sudo()
            .search_fetch(
                Domain("value_normalized", "in", list({value for _code, value in pairs}))
                & Domain("type_code", "in", list({code for code, _value in pairs}))
                & Domain("interaction_id.partner_id", "=", False),
                ["type_code", "value_normalized", "interaction_id"],
            )
        )
        interactions = lines.filtered(
            lambda line: (line.type_code, line.value_normalized) in pairs
        ).interaction_id
        return interactions._interaction_identify()

    def _interaction_identify(self):
        """Resolve the customer of unidentified interactions from their keys.

        One key lookup for the whole recordset; the interactions found are
        written grouped by customer.

        :return: the interactions that got a customer
        """
        todo = self.sudo().filtered(lambda i: not i.partner_id)
        if not todo:
            return self.browse()
        pairs_by_interaction = {
            interaction.id: [
                (line.type_code, line.value_normalized)
                for line in interaction.key_ids
                if line.value_normalized
            ]
            for interaction in todo
        }
        all_pairs = {pair for pairs in pairs_by_interaction.values() for pair in pairs}
        # matching sees every key (sensitive ones included): only the
        # interaction's link is written, nothing is returned to the caller
        matches = self.sudo()._interaction_match_keys(all_pairs) if all_pairs else {}
        by_partner = {}
        conflicts = self.browse()
        for interaction in todo:
            partner_id, _commercial_id, conflict = resolve_customer(
                pairs_by_interaction[interaction.id], matches
            )
            if partner_id:
                by_partner.setdefault(partner_id, []).append(interaction.id)
            elif conflict and not interaction.has_conflict:
                conflicts |= interaction
        linked = self.browse()
        for partner_id, ids in by_partner.items():
            records = todo.browse(ids)
            records.write({"partner_id": partner_id, "has_conflict": False})
            linked |= records
        conflicts.write({"has_conflict": True})
        return self.browse(linked.ids)
