from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

KINDS = [
    ("open", "Opened one customer"),
    ("list", "Read a list"),
    ("sensitive", "Read sensitive fields"),
    ("body", "Read interaction contents"),
    ("export", "Exported"),
    ("card", "Opened the limited card"),
    ("grant_request", "Requested temporary access"),
    ("grant", "Was granted temporary access"),
    ("grant_refused", "Was refused temporary access"),
    ("grant_ended", "Temporary access ended"),
]


class CrmAccessLog(models.Model):
    """Who read which customer's data, counted per user, customer, day and kind.

    One row aggregates every read of a kind by a user on a customer in a day,
    so that auditing costs one upsert per request, not one row per field.
    """

    _name = "crm.access.log"
    _description = "Customer data access log"
    _order = "last_at desc, id desc"
    _rec_name = "partner_id"

    user_id = fields.Many2one("res.users", string="User", required=True, readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True, ondelete="cascade"
    )
    cid = fields.Char(related="partner_id.cid", string="CID")
    day = fields.Date(required=True, readonly=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    count = fields.Integer(string="Reads", readonly=True, aggregator="sum")
    first_at = fields.Datetime(string="First read", readonly=True)
    last_at = fields.Datetime(string="Last read", readonly=True)

    _user_partner_day_kind_uniq = models.UniqueIndex("(user_id, partner_id, day, kind)")
    _user_last_at_idx = models.Index("(user_id, last_at DESC)")
    _partner_day_idx = models.Index("(partner_id, day DESC)")

    @api.model
    def _log_reads(self, user_id, partner_ids, kind):
        """Count one read of ``kind`` by a user on each of the given customers.

        Runs in the request's transaction. A read served on a read-only
        cursor (Odoo does so when a database replica is configured) cannot
        write: the request is then sent back to be served again read/write, as
        Odoo does for any read-only route that needs to write, so that the log
        lands on the primary database with the read it records.

        :return: the number of distinct customers the user read within the
            alarm window, this read included
        """
        if not partner_ids:
            return 0
        if self.env.cr.readonly:
            raise psycopg2.errors.ReadOnlySqlTransaction(
                "reads of customer data are logged on the primary database"
            )
        return self._log_reads_sql(self.env.cr, user_id, partner_ids, kind)

    @api.model
    def _log_reads_sql(self, cr, user_id, partner_ids, kind):
        now = fields.Datetime.now()
        window = timedelta(minutes=self.env["res.users"]._crm_access_settings()["window"])
        # ascending ids: two requests upserting the same rows wait for each
        # other in the same order, never in a cycle
        cr.execute(
            SQL(
                """
                INSERT INTO crm_access_log
                       (user_id, partner_id, day, kind, count, first_at, last_at,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(user)s, p, %(day)s, %(kind)s, 1, %(now)s, %(now)s,
                       %(user)s, %(now)s, %(user)s, %(now)s
                  FROM unnest(%(partners)s::int[]) AS p
                 ORDER BY p
                    ON CONFLICT (user_id, partner_id, day, kind)
                    DO UPDATE SET count = crm_access_log.count + 1,
                                  last_at = EXCLUDED.last_at,
                                  write_date = EXCLUDED.write_date
                """,
                user=user_id,
                day=now.date(),
                kind=kind,
                now=now,
                partners=sorted(set(partner_ids)),
            )
        )
        cr.execute(
            SQL(
                "SELECT count(DISTINCT partner_id) FROM crm_access_log "
                "WHERE user_id = %s AND last_at >= %s",
                user_id,
                now - window,
            )
        )
        return cr.fetchone()[0]

    @api.model
    def access_report(self, user_id, days=90):
        """Answer "what did this user access in the last ``days`` days?".

        :return: one dict per customer: ``partner_id``, ``cid``, ``name``,
            ``reads`` (total), ``kinds`` (reads per kind), ``first_at``,
            ``last_at``, most recent first
        """
        self.check_access("read")
        if isinstance(user_id, bool) or not isinstance(user_id, int):
            raise UserError(self.env._("Give the id of the user whose accesses to report."))
        if isinstance(days, bool) or not isinstance(days, int) or not 0 < days <= 36500:
            raise UserError(
                self.env._("The number of days must be a whole number from 1 to 36500.")
            )
        since = fields.Date.today() - timedelta(days=days)
        rows = self.search_fetch(
            [("user_id", "=", user_id), ("day", ">=", since)],
            ["partner_id", "kind", "count", "first_at", "last_at"],
        )
        report = {}
        for row in rows:
            entry = report.setdefault(
                row.partner_id.id,
                {
                    "partner_id": row.partner_id.id,
                    "cid": row.partner_id.cid or False,
                    "name": row.partner_id.display_name,
                    "reads": 0,
                    "kinds": {},
                    "first_at": row.first_at,
                    "last_at": row.last_at,
                },
            )
            entry["reads"] += row.count
            entry["kinds"][row.kind] = entry["kinds"].get(row.kind, 0) + row.count
            entry["first_at"] = min(entry["first_at"], row.first_at)
            entry["last_at"] = max(entry["last_at"], row.last_at)
        result = sorted(report.values(), key=lambda entry: entry["last_at"], reverse=True)
        for entry in result:
            entry["first_at"] = fields.Datetime.to_string(entry["first_at"])
            entry["last_at"] = fields.Datetime.to_string(entry["last_at"])
        return result
