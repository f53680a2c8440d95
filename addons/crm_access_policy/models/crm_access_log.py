import itertools
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.crm_cid.tools.locks import wait_locks


@contextmanager
def _test_primary_cursor(test_cr):
    """The primary's own transaction, as far as a test can have one.

    A test request shares the test's transaction; a read-only one works in a
    savepoint made read-only, and cannot open a read/write cursor. Its
    savepoint holds no write, so it is closed while the rows are written on
    the test's transaction (as the primary's commit would make them visible
    to later requests), then opened again read-only: the request goes on as
    on a replica, and is not served twice.
    """
    raw = test_cr._cursor
    savepoint = test_cr._savepoint
    if savepoint is not None:
        raw._obj.execute(f'ROLLBACK TO SAVEPOINT "{savepoint.name}"')
        raw._obj.execute(f'RELEASE SAVEPOINT "{savepoint.name}"')
    try:
        with raw.savepoint(flush=False):
            yield raw
    finally:
        if savepoint is not None:
            raw._obj.execute(f'SAVEPOINT "{savepoint.name}"')
            raw._obj.execute("SET TRANSACTION READ ONLY")


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

# Re-reads of rows already in the log are added to their counters in one
# statement, at the latest this many seconds after the first one waiting, or
# as soon as this many rows wait.
FLUSH_SECONDS = 60
FLUSH_ROWS = 1000
# Keys of the day remembered by a worker; beyond, it forgets them all and
# learns them again (a forgotten key costs one INSERT that writes nothing).
MAX_KEYS = 200_000
# postcommit data of the request's cursor: the keys the transaction logged
_TXN_KEYS = "crm_access_policy.log_keys"
# advisory locks of the watched users' reads: (namespace, user id)
_LOCK_NAMESPACE = 0x43414C47
# generations of the registry's caches seen by this worker (see _log_generation)
_GENERATIONS = itertools.count(1)


class _CountedReads:
    """What this worker knows of one database's access log, shared by its threads.

    ``keys`` are the ``(user_id, partner_id, day, kind)`` of the day ``day``
    whose row is committed: reading them again writes nothing. ``pending`` holds
    the re-reads not added to the counters yet, ``{(user_id, partner_id, day,
    kind): [reads, last_at]}``, waiting since ``pending_since`` (monotonic).
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.day = None
        self.generation = None
        self.keys = set()
        self.pending = {}
        self.pending_since = None

    def set_day(self, day, generation=None):
        """Start a new day, or a new generation of the log (rows were deleted):
        the keys known so far are forgotten. Called with the lock held."""
        if self.day != day or self.generation != generation:
            self.day = day
            self.generation = generation
            self.keys = set()

    def remember(self, keys):
        """The rows of ``keys`` are committed: reading them again today writes nothing."""
        with self.lock:
            if len(self.keys) + len(keys) > MAX_KEYS:
                self.keys = set()
            self.keys.update(key for key in keys if key[2] == self.day)

    def forget(self, keys):
        """The rows of ``keys`` were deleted: reading them again counts them again."""
        with self.lock:
            self.keys.difference_update(keys)
            for key in keys:
                self.pending.pop(key, None)

    def add_pending(self, rows):
        """Put back re-reads taken by a flush whose transaction rolled back."""
        with self.lock:
            for key, (reads, last_at) in rows.items():
                entry = self.pending.setdefault(key, [0, last_at])
                entry[0] += reads
                entry[1] = max(entry[1], last_at)
            if self.pending and self.pending_since is None:
                self.pending_since = time.monotonic()

    def take_pending(self, force=False):
        """Return the re-reads due for writing (all of them when ``force``), emptied."""
        with self.lock:
            due = force or (
                self.pending
                and (
                    len(self.pending) >= FLUSH_ROWS
                    or time.monotonic() - self.pending_since >= FLUSH_SECONDS
                )
            )
            if not due or not self.pending:
                return {}
            rows, self.pending, self.pending_since = self.pending, {}, None
            return rows


# by database name; one per worker process
_COUNTED = defaultdict(_CountedReads)


def counted_reads(dbname):
    """Return this worker's :class:`_CountedReads` of the database ``dbname``."""
    return _COUNTED[dbname]


class CrmAccessLog(models.Model):
    """Who read which customer's data, once per user, customer, day and kind.

    One row stands for every read of a kind by a user on a customer in a
    day. Only the first read of the day writes (one ``INSERT ... ON CONFLICT
    DO NOTHING`` for the customers not counted yet); every worker remembers
    the rows it knows to be committed and checks them before any SQL, so that
    reading a customer again the same day costs no write at all. The read
    counters and the time of the last read follow in batches (see
    :data:`FLUSH_SECONDS`): a crash loses at most those re-reads, never a
    customer read, which is all the alarm counts.

    Deleting rows clears the registry's caches, which Odoo signals to the
    other workers through the database: at their next request they start a
    new generation (:meth:`_log_generation`) and forget the rows they knew,
    so that the next read of a deleted row is counted again everywhere.
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
    count = fields.Integer(
        string="Reads",
        readonly=True,
        aggregator="sum",
        help="Reads of the day. Reads after the first are added in batches, within a minute or so.",
    )
    first_at = fields.Datetime(string="First read", readonly=True)
    last_at = fields.Datetime(string="Last read", readonly=True)

    _user_partner_day_kind_uniq = models.UniqueIndex("(user_id, partner_id, day, kind)")
    _user_last_at_idx = models.Index("(user_id, last_at DESC)")
    # the alarm window: customers a user read for the first time since ...
    _user_first_at_idx = models.Index("(user_id, first_at DESC, partner_id)")
    _partner_day_idx = models.Index("(partner_id, day DESC)")

    # ------------------------------------------------------------------
    # Counting reads
    # ------------------------------------------------------------------

    def unlink(self):
        # a deleted row is counted again at the next read: in this worker at
        # once, in the others once they see the signal of the cleared caches
        keys = {(log.user_id.id, log.partner_id.id, log.day, log.kind) for log in self}
        result = super().unlink()
        self._log_forget(keys)
        return result

    @api.model
    def _log_forget(self, keys):
        """Rows of ``keys`` (of this log or of searched values) were deleted:
        every worker counts them again at their next read."""
        counted_reads(self.env.cr.dbname).forget(keys)
        txn_keys = self.env.cr.postcommit.data.get(_TXN_KEYS)
        if txn_keys:
            txn_keys.difference_update(keys)
        # signalled to the other workers at the end of the request: their
        # generation changes (_log_generation), and their keys are forgotten
        self.env.registry.clear_cache()

    @api.model
    @tools.ormcache()
    def _log_generation(self):
        """Return this worker's generation of the registry's caches.

        A new number each time the caches are cleared, here or (through
        Odoo's signalling) by another worker: the keys known by this worker
        are kept only within one generation. Costs no query.
        """
        return next(_GENERATIONS)

    @api.model
    def _log_reads(self, user_id, partner_ids, kind, limit=None):
        """Count one read of ``kind`` by a user on each of the given customers.

        Customers this worker knows to be counted already for the user, the
        day and the kind cost no SQL: their read waits in memory for the next
        batch of counters (:meth:`_flush_reads`). The others are inserted in
        one statement that writes nothing for rows another worker inserted:
        in the request's transaction, or, when the request is served on a
        read-only cursor (a database replica), in a short transaction of its
        own on the primary database, committed at once, so that the read
        itself stays on the replica.

        :param int user_id: the reader
        :param list partner_ids: ids of the customers read (commercial partners)
        :param str kind: one of :data:`KINDS`
        :param int limit: when given, the customers are counted only if the
            user's distinct customers within the alarm window, this read
            included, stay within ``limit``; otherwise nothing is written and
            that number (above ``limit``) is returned, for the caller to refuse
            the read
        :return: the number of distinct customers the user read within the
            alarm window, this read included, when this read counted new
            customers; 0 when it counted none (the number cannot have grown)
        """
        if not partner_ids:
            return 0
        cr = self.env.cr
        now = fields.Datetime.now()
        day = now.date()
        state = counted_reads(cr.dbname)
        txn_keys = None if cr.readonly else self._log_txn_keys(state)
        fresh = []
        with state.lock:
            state.set_day(day, self._log_generation())
            for partner_id in sorted(set(partner_ids)):
                key = (user_id, partner_id, day, kind)
                if key in state.keys or (txn_keys is not None and key in txn_keys):
                    entry = state.pending.setdefault(key, [0, now])
                    entry[0] += 1
                    entry[1] = now
                    if state.pending_since is None:
                        state.pending_since = time.monotonic()
                else:
                    fresh.append(partner_id)
        self._flush_reads()
        if not fresh:
            return 0
        keys = {(user_id, partner_id, day, kind) for partner_id in fresh}
        return self._log_fresh_keys(
            state,
            txn_keys,
            keys,
            lambda log_cr: self._log_new_reads(log_cr, user_id, fresh, kind, now, limit),
            limit,
        )

    @api.model
    def _log_fresh_keys(self, state, txn_keys, keys, write, limit=None):
        """Write the rows of ``keys``, not known yet, with ``write(cursor)``;
        remember them when they were written (within ``limit``).

        :param state: this worker's :class:`_CountedReads`
        :param txn_keys: the keys of the transaction (:meth:`_log_txn_keys`),
            None on a read-only cursor
        :param write: writes the rows on the cursor given, returns the count
            of the alarm window (see :meth:`_log_reads`)
        :return: what ``write`` returned
        """
        if self.env.cr.readonly:
            # a replica cannot write: the new rows go to the primary in a
            # transaction of their own, committed before the data is sent
            with self._primary_cursor() as primary:
                touched = write(primary)
            if limit is None or touched <= limit:
                state.remember(keys)
        else:
            touched = write(self.env.cr)
            if limit is None or touched <= limit:
                txn_keys.update(keys)
        return touched

    @api.model
    def _primary_cursor(self):
        """Return a new cursor on the primary database, for a short
        transaction of its own (committed when its ``with`` block ends).

        Used when the request is served on a read-only cursor (a replica).
        """
        if type(self.env.cr).__name__ == "TestCursor":
            return _test_primary_cursor(self.env.cr)
        return self.env.registry.cursor()

    def _log_txn_keys(self, state):
        """Return the set of keys logged by the current transaction.

        The worker remembers them once the transaction has committed (a
        rolled-back read left no row, and must be counted again).
        """
        callbacks = self.env.cr.postcommit
        keys = callbacks.data.get(_TXN_KEYS)
        if keys is None:
            keys = callbacks.data[_TXN_KEYS] = set()
            callbacks.add(partial(state.remember, keys))
        return keys

    @api.model
    def _log_new_reads(self, cr, user_id, partner_ids, kind, now, limit=None):
        """Insert the rows of customers not counted yet; see :meth:`_log_reads`."""
        window = timedelta(minutes=self.env["res.users"]._crm_access_settings()["window"])
        since = now - window
        touched = None
        # a user's new customers are counted one request after the other
        # (until the transaction ends): two requests at once cannot both stay
        # under the alarm threshold, or the watched limit, when together they
        # pass it. Only reads of customers not counted yet get here.
        wait_locks(cr, _LOCK_NAMESPACE, [user_id])
        if limit is not None:
            touched = self._window_count_with(
                cr, self._table, "partner_id", user_id, since, partner_ids, "int"
            )
            if touched > limit:
                return touched
        # ascending ids: two requests inserting the same rows wait for each
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
                    ON CONFLICT (user_id, partner_id, day, kind) DO NOTHING
                """,
                user=user_id,
                day=now.date(),
                kind=kind,
                now=now,
                partners=sorted(partner_ids),
            )
        )
        if touched is not None:
            return touched
        if not cr.rowcount:
            # counted meanwhile by another request, which checked the alarm
            return 0
        return self._window_count(cr, user_id, since)

    @api.model
    def _window_count_with(self, cr, table, column, user_id, since, values, array_type):
        """Distinct ``column`` values of the user's rows of ``table`` first
        counted since ``since``, and of ``values`` (not counted yet), together.

        :param str table: this log's table, or another of the same shape
            (``user_id``, ``first_at``)
        :param str array_type: the SQL type of ``values`` (``int``, ``varchar``)
        """
        cr.execute(
            SQL(
                """
                SELECT count(*) FROM (
                    SELECT %(column)s FROM %(table)s
                     WHERE user_id = %(user)s AND first_at >= %(since)s
                     UNION
                    SELECT unnest(%(values)s::%(type)s[])
                ) AS counted
                """,
                column=SQL.identifier(column),
                table=SQL.identifier(table),
                type=SQL(array_type),
                user=user_id,
                since=since,
                values=list(values),
            )
        )
        return cr.fetchone()[0]

    @api.model
    def _window_count(self, cr, user_id, since):
        """Distinct customers the user read since ``since``.

        A customer counts from its first read of the day (of any kind): a
        customer read again later the same day gives the reader nothing new,
        while every customer read for the first time does.
        """
        cr.execute(
            SQL(
                "SELECT count(DISTINCT partner_id) FROM crm_access_log "
                "WHERE user_id = %s AND first_at >= %s",
                user_id,
                since,
            )
        )
        return cr.fetchone()[0]

    @api.model
    def _flush_reads(self, force=False):
        """Add the re-reads waiting in this worker to their rows' counters.

        Called by every audited read; writes only when the oldest waiting
        re-read is :data:`FLUSH_SECONDS` old or :data:`FLUSH_ROWS` rows wait
        (or when ``force``): one ``UPDATE`` for all of them, in the request's
        transaction (put back in memory if it rolls back), or on the primary
        database when the request is served on a replica.
        """
        cr = self.env.cr
        state = counted_reads(cr.dbname)
        rows = state.take_pending(force=force)
        if not rows:
            return
        if cr.readonly:
            try:
                with self._primary_cursor() as primary:
                    self._write_rereads(primary, rows)
            except Exception:
                state.add_pending(rows)
                raise
            return
        cr.postrollback.add(partial(state.add_pending, rows))
        self._write_rereads(cr, rows)
        self.invalidate_model(["count", "last_at"])

    @api.model
    def _write_rereads(self, cr, rows):
        keys = sorted(rows)
        cr.execute(
            SQL(
                """
                UPDATE crm_access_log AS log
                   SET count = log.count + reads.n,
                       last_at = GREATEST(log.last_at, reads.last_at)
                  FROM unnest(%s::int[], %s::int[], %s::date[], %s::varchar[], %s::int[],
                              %s::timestamp[])
                       AS reads(user_id, partner_id, day, kind, n, last_at)
                 WHERE log.user_id = reads.user_id AND log.partner_id = reads.partner_id
                   AND log.day = reads.day AND log.kind = reads.kind
                """,
                [key[0] for key in keys],
                [key[1] for key in keys],
                [key[2] for key in keys],
                [key[3] for key in keys],
                [rows[key][0] for key in keys],
                [rows[key][1] for key in keys],
            )
        )

    @api.model
    def _log_reads_sql(self, cr, user_id, partner_ids, kind):
        """Count one event of ``kind`` at once (grant requests and decisions).

        Unlike :meth:`_log_reads`, every call writes: for the rare events of
        the grant workflow, which happen in read/write transactions anyway.

        :return: the number of distinct customers the user read within the
            alarm window
        """
        now = fields.Datetime.now()
        window = timedelta(minutes=self.env["res.users"]._crm_access_settings()["window"])
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
        return self._window_count(cr, user_id, now - window)

    # ------------------------------------------------------------------
    # Merging customers
    # ------------------------------------------------------------------

    @api.model
    def _crm_access_merge_partners(self, src_partners, dst_partner):
        """Fold the rows of merged-away customers into the survivor's.

        Rows of the same user, day and kind are added together (reads
        summed, first and last read kept); the others move to the survivor.
        Called by the partner merge before it moves foreign keys, which the
        unique index of the log would refuse.
        """
        if not src_partners:
            return
        self.flush_model()
        self._flush_reads(force=True)
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                WITH moved AS (
                    DELETE FROM crm_access_log
                     WHERE partner_id = ANY(%(src)s)
                 RETURNING user_id, day, kind, count, first_at, last_at
                )
                INSERT INTO crm_access_log
                       (user_id, partner_id, day, kind, count, first_at, last_at,
                        create_uid, create_date, write_uid, write_date)
                SELECT user_id, %(dst)s, day, kind, sum(count), min(first_at), max(last_at),
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM moved
                 GROUP BY user_id, day, kind
                 ORDER BY user_id, day, kind
                    ON CONFLICT (user_id, partner_id, day, kind)
                    DO UPDATE SET count = crm_access_log.count + EXCLUDED.count,
                                  first_at = LEAST(crm_access_log.first_at, EXCLUDED.first_at),
                                  last_at = GREATEST(crm_access_log.last_at, EXCLUDED.last_at),
                                  write_date = EXCLUDED.write_date
                """,
                src=src_partners.ids,
                dst=dst_partner.id,
                uid=self.env.uid,
                now=now,
            )
        )
        self.invalidate_model()

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
        # this worker's re-reads waiting for their batch (the others' follow
        # within a minute)
        self._flush_reads(force=True)
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
