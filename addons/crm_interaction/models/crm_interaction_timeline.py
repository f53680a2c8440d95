from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, html2plaintext

from odoo.addons.crm_cid.tools.jalali import format_reader_datetime, resolve_tz_name

from ..tools.timeline import parse_cursor, preview_text

# Largest page the timeline serves in one call.
TIMELINE_MAX_LIMIT = 200
# Columns of crm_interaction a timeline item is made of.
TIMELINE_COLUMNS = (
    "id",
    "occurred_at",
    "direction",
    "subject",
    "summary",
    "body",
    "state",
    "duration",
    "message_id",
    "channel_id",
    "reason_id",
    "team_id",
    "user_id",
    "partner_id",
)
# Filters accepted by timeline_page: filter name -> (field, kind of values).
TIMELINE_FILTERS = {
    "channel_ids": ("channel_id", int),
    "reason_ids": ("reason_id", int),
    "team_ids": ("team_id", int),
    "directions": ("direction", str),
}


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    # the timeline reads one customer's interactions newest first and pages
    # on (occurred_at, id): this index serves both the order and the cursor
    _timeline_idx = models.Index("(commercial_partner_id, occurred_at DESC, id DESC)")

    def init(self):
        result = super().init()
        # Databases made before the timeline index was the only index on the
        # commercial entity still hold a single-column one: every insert
        # paid for it, and PostgreSQL, which plans the page query before it
        # knows the customer, chose it for a customer with many interactions
        # (all of them read and sorted, where the timeline index stops after
        # one page). Odoo keeps an index it no longer declares: drop it here.
        self.env.cr.execute(
            SQL(
                "DROP INDEX IF EXISTS %s",
                SQL.identifier("crm_interaction__commercial_partner_id_index"),
            )
        )
        return result

    @api.model
    @api.readonly
    def timeline_page(self, partner_id, filters=None, cursor=None, limit=50):
        """Return one page of a customer's timeline, newest first.

        The timeline covers the customer's commercial entity: the company and
        all its contacts, on every channel and for every unit, as far as the
        user's record rules allow. Pages follow each other with a cursor on
        ``(occurred_at, id)``, so page 1,000 costs what page 1 costs.

        :param int partner_id: any contact of the customer
        :param dict filters: optional ``channel_ids``, ``reason_ids``,
            ``team_ids`` (lists of ids) and ``directions`` (list of
            ``inbound``/``outbound``/``internal``); an empty list means no filter
        :param cursor: ``next_cursor`` of the previous page, or None for the first
        :param int limit: page size, 1 to 200
        :return: ``{"items": [...], "next_cursor": [date, id] or False}``;
            each item has ``id``, ``occurred_at`` (UTC, ISO), ``date``
            (display text in the user's time zone; Jalali for Persian
            users), ``channel`` (``{"id", "name", "code", "icon"}``),
            ``direction``, ``reason``, ``team``, ``user``, ``contact``,
            ``subject``, ``preview``, ``state``, ``duration`` and
            ``is_email``
        :raises UserError: for a malformed argument
        :raises AccessError: when the user may not read interactions, or
            when the page is empty and the user may not read the customer
        """
        self.check_access("read")
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not (0 < limit <= TIMELINE_MAX_LIMIT)
        ):
            raise UserError(
                self.env._("The page size must be between 1 and %(max)s.", max=TIMELINE_MAX_LIMIT)
            )
        if isinstance(partner_id, bool) or not isinstance(partner_id, int):
            raise UserError(self.env._("Give the id of the customer whose timeline to show."))
        try:
            position = parse_cursor(cursor)
        except ValueError as error:
            raise UserError(
                self.env._("The cursor must be the next_cursor of the previous page.")
            ) from error
        domain = self._timeline_filter_domain(filters)
        # the customer's commercial entity, looked up first and given to the
        # page query as a value: PostgreSQL then knows how many interactions
        # the customer has (a sub-select left it guessing two, and it sorted
        # all of a big customer's interactions behind a hash join of the
        # portfolio rules); the record rules of the interactions decide what
        # the user sees
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        [commercial_id] = self.env.execute_query(
            SQL(
                "SELECT (SELECT commercial_partner_id FROM res_partner WHERE id = %s)",
                partner_id,
            )
        )[0]
        query = self._search(domain, limit=limit + 1, order="occurred_at desc, id desc")
        query.add_where(
            SQL(
                "%s = %s",
                SQL.identifier(self._table, "commercial_partner_id"),
                commercial_id,
            )
        )
        if position:
            query.add_where(
                SQL(
                    "(%s, %s) < (%s, %s)",
                    SQL.identifier(self._table, "occurred_at"),
                    SQL.identifier(self._table, "id"),
                    position[0],
                    position[1],
                )
            )
        # the page query reads the items' columns itself
        self.flush_model()
        rows = self.env.execute_query_dict(
            query.select(*(SQL.identifier(self._table, column) for column in TIMELINE_COLUMNS))
        )
        if not rows:
            partner = self.env["res.partner"].browse(partner_id)
            if not partner.exists():
                raise UserError(self.env._("Customer %(id)s does not exist.", id=partner_id))
            partner.check_access("read")
        records = self.browse([row["id"] for row in rows[:limit]])
        next_cursor = False
        if len(rows) > limit:
            last = rows[limit - 1]
            next_cursor = [fields.Datetime.to_string(last["occurred_at"]), last["id"]]
        return {"items": records._timeline_values(rows[:limit]), "next_cursor": next_cursor}

    @api.model
    @api.readonly
    def timeline_options(self):
        """Return the choices of the timeline filters.

        :return: ``{"channels", "reasons", "teams": [{"id", "name"}],
            "directions": [[value, label]]}``
        """
        self.check_access("read")
        channels = self.env["crm.interaction.channel"].search_fetch([], ["name", "icon"])
        reasons = self.env["crm.interaction.reason"].search_fetch([], ["name"])
        teams = self.env["crm.team"].search_fetch([], ["name"])
        return {
            "channels": [{"id": c.id, "name": c.name, "icon": c.icon or ""} for c in channels],
            "reasons": [{"id": r.id, "name": r.name} for r in reasons],
            "teams": [{"id": t.id, "name": t.name} for t in teams],
            "directions": [
                [value, label]
                for value, label in self._fields["direction"]._description_selection(self.env)
            ],
        }

    @api.model
    def _timeline_filter_domain(self, filters):
        """Return the domain of the timeline filters.

        :raises UserError: for an unknown filter or a malformed value
        """
        if not filters:
            return Domain.TRUE
        if not isinstance(filters, dict):
            raise UserError(self.env._("The filters must be a dict of lists."))
        domain = Domain.TRUE
        for name, values in filters.items():
            if name not in TIMELINE_FILTERS:
                raise UserError(self.env._("%(name)s is not a timeline filter.", name=name))
            field_name, kind = TIMELINE_FILTERS[name]
            if not values:
                continue
            if not isinstance(values, list) or any(
                isinstance(v, bool) or not isinstance(v, kind) for v in values
            ):
                raise UserError(
                    self.env._("The filter %(name)s must be a list of values.", name=name)
                )
            domain &= Domain(field_name, "in", values)
        return domain

    def _timeline_values(self, rows=None):
        """Return the timeline items of ``self``, in order (see :meth:`timeline_page`).

        One query reads the names of the channels, reasons, units,
        responsibles and contacts of the page (the timeline is read on every
        visit of a contact, and the ORM would send one query per related
        model), after the interactions' columns unless ``rows`` holds them.
        ``self`` holds only interactions the user may read (searched with
        the record rules); the names joined are labels of those.

        :param list rows: optional dicts of :data:`TIMELINE_COLUMNS`, one per
            record of ``self``, as the page query read them
        """
        if not self:
            return []
        self.env["res.partner"].flush_model(["name", "tz"])
        lang = self.env.lang or "en_US"
        # the user's time zone comes with the labels when the context has none
        # (XML-RPC callers): loading the user record costs more than the page
        context_tz = self.env.context.get("tz")
        if rows is None:
            self.flush_model()
            rows = self.env.execute_query_dict(
                SQL(
                    "SELECT %s FROM crm_interaction WHERE id = ANY(%s)",
                    SQL(", ").join(SQL.identifier(column) for column in TIMELINE_COLUMNS),
                    self.ids,
                )
            )
        by_id = {row["id"]: row for row in rows}

        def ids_of(column):
            return list({row[column] for row in rows if row[column]})

        # the labels in one query of plain look-ups (a join of eight tables
        # costs more to plan than to run)
        names = {}
        for kind, rec_id, name, code, icon in self.env.execute_query(
            SQL(
                """
                SELECT 'channel', id, COALESCE(name->>%(lang)s, name->>'en_US'), code, icon
                  FROM crm_interaction_channel WHERE id = ANY(%(channels)s)
                UNION ALL
                SELECT 'reason', id, COALESCE(name->>%(lang)s, name->>'en_US'), NULL, NULL
                  FROM crm_interaction_reason WHERE id = ANY(%(reasons)s)
                UNION ALL
                SELECT 'team', id, COALESCE(name->>%(lang)s, name->>'en_US'), NULL, NULL
                  FROM crm_team WHERE id = ANY(%(teams)s)
                UNION ALL
                SELECT 'user', u.id, p.name, NULL, NULL
                  FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                 WHERE u.id = ANY(%(users)s)
                UNION ALL
                SELECT 'partner', id, name, NULL, NULL
                  FROM res_partner WHERE id = ANY(%(partners)s)
                UNION ALL
                SELECT 'message', id, body, NULL, NULL
                  FROM mail_message WHERE id = ANY(%(messages)s)
                UNION ALL
                SELECT 'tz', u.id, p.tz, NULL, NULL
                  FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                 WHERE u.id = %(uid)s AND %(tz_missing)s
                """,
                lang=lang,
                channels=ids_of("channel_id"),
                reasons=ids_of("reason_id"),
                teams=ids_of("team_id"),
                users=ids_of("user_id"),
                partners=ids_of("partner_id"),
                messages=ids_of("message_id"),
                uid=self.env.uid,
                # the context's zone is missing or unknown
                tz_missing=resolve_tz_name(context_tz) != context_tz,
            )
        ):
            names[kind, rec_id] = (name, code, icon)
        for row in rows:
            channel_name, channel_code, channel_icon = names[("channel", row["channel_id"])]
            row.update(
                channel_name=channel_name,
                channel_code=channel_code,
                channel_icon=channel_icon,
                reason=names.get(("reason", row["reason_id"]), (False,))[0],
                team=names.get(("team", row["team_id"]), (False,))[0],
                user_name=names.get(("user", row["user_id"]), (False,))[0],
                contact=names.get(("partner", row["partner_id"]), (False,))[0],
                message_body=names.get(("message", row["message_id"]), (False,))[0],
            )
        directions = dict(self._fields["direction"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        tz = resolve_tz_name(context_tz, names.get(("tz", self.env.uid), (False,))[0])
        items = []
        for rec_id in self.ids:
            row = by_id[rec_id]
            text = row["summary"] or html2plaintext(row["body"] or row["message_body"] or "")
            subject = row["subject"] or self.env._(
                "%(channel)s on %(date)s",
                channel=row["channel_name"] or "",
                date=fields.Datetime.to_string(row["occurred_at"]),
            )
            items.append(
                {
                    "id": rec_id,
                    "occurred_at": row["occurred_at"].isoformat(),
                    "date": format_reader_datetime(row["occurred_at"], lang, tz),
                    "channel": {
                        "id": row["channel_id"],
                        "name": row["channel_name"],
                        "code": row["channel_code"],
                        "icon": row["channel_icon"] or "fa-comment-o",
                    },
                    "direction": row["direction"],
                    "direction_label": directions.get(row["direction"], ""),
                    "reason": row["reason"] or False,
                    "team": row["team"] or False,
                    "user": row["user_name"] or False,
                    "contact": row["contact"] or False,
                    "subject": subject,
                    "preview": preview_text(text),
                    "state": row["state"],
                    "state_label": states.get(row["state"], ""),
                    "duration": row["duration"] or 0,
                    "is_email": bool(row["message_id"]),
                }
            )
        return items
