from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, html2plaintext

from ..tools.timeline import format_timeline_date, parse_cursor, preview_text

# Largest page the timeline serves in one call.
TIMELINE_MAX_LIMIT = 200
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
        :raises AccessError: when the user may not read the customer or
            interactions
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
        partner = self.env["res.partner"].browse(partner_id).exists()
        if not partner:
            raise UserError(self.env._("Customer %(id)s does not exist.", id=partner_id))
        partner.check_access("read")
        try:
            position = parse_cursor(cursor)
        except ValueError as error:
            raise UserError(
                self.env._("The cursor must be the next_cursor of the previous page.")
            ) from error
        domain = Domain("commercial_partner_id", "=", partner.commercial_partner_id.id)
        domain &= self._timeline_filter_domain(filters)
        query = self._search(domain, limit=limit + 1, order="occurred_at desc, id desc")
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
        ids = [row[0] for row in self.env.execute_query(query.select())]
        records = self.browse(ids[:limit])
        next_cursor = False
        if len(ids) > limit:
            last = records[-1]
            next_cursor = [fields.Datetime.to_string(last.occurred_at), last.id]
        return {"items": records._timeline_values(), "next_cursor": next_cursor}

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

    def _timeline_values(self):
        """Return the timeline items of ``self``, in order (see :meth:`timeline_page`)."""
        self.fetch(
            [
                "occurred_at",
                "channel_id",
                "direction",
                "reason_id",
                "team_id",
                "user_id",
                "partner_id",
                "subject",
                "summary",
                "body",
                "message_id",
                "state",
                "duration",
            ]
        )
        directions = dict(self._fields["direction"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        tz = self.env.context.get("tz") or self.env.user.tz
        lang = self.env.context.get("lang") or self.env.user.lang or ""
        # the e-mail's content stays on its message; the interaction's related
        # field shows it to whoever may read the interaction, so does the preview
        messages = self.message_id.sudo()
        items = []
        for interaction in self:
            message = messages.browse(interaction.message_id.id) if interaction.message_id else None
            text = interaction.summary or html2plaintext(
                interaction.body or (message.body if message else "") or ""
            )
            channel = interaction.channel_id
            items.append(
                {
                    "id": interaction.id,
                    "occurred_at": interaction.occurred_at.isoformat(),
                    "date": format_timeline_date(interaction.occurred_at, tz, lang),
                    "channel": {
                        "id": channel.id,
                        "name": channel.name,
                        "code": channel.code,
                        "icon": channel.icon or "fa-comment-o",
                    },
                    "direction": interaction.direction,
                    "direction_label": directions.get(interaction.direction, ""),
                    "reason": interaction.reason_id.name or False,
                    "team": interaction.team_id.name or False,
                    "user": interaction.user_id.name or False,
                    "contact": interaction.partner_id.name or False,
                    "subject": interaction.subject or interaction.display_name,
                    "preview": preview_text(text),
                    "state": interaction.state,
                    "state_label": states.get(interaction.state, ""),
                    "duration": interaction.duration,
                    "is_email": bool(message),
                }
            )
        return items
