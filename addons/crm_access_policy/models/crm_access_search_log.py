import hashlib
import hmac
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_cid.tools.locks import wait_locks

from .crm_access_log import _LOCK_NAMESPACE, counted_reads

# The kind of the keys of searched values in the worker's memory of the log
# (crm_access_log._CountedReads): never a kind of read.
SEARCH_KIND = "search"


class CrmAccessSearchLog(models.Model):
    """Values of masked fields a user's searches tested, once per user, value and day.

    The bulk-extraction alarm for searches: a list of candidate numbers split
    into many small searches is counted as one attempt. Each row stands for
    one distinct value (a phone number, an e-mail, an identity value) tested
    by a user in a day, kept as a keyed hash, never as the value itself. As
    for the access log, only the first search of a value in a day writes (one
    ``INSERT``), and every worker remembers the rows it knows to be committed:
    searching the same value again costs no SQL. The rows of the alarm window
    are counted when a search tests a value not counted yet.
    """

    _name = "crm.access.search.log"
    _description = "Values tested by searches on masked customer data"
    _order = "first_at desc, id desc"
    _rec_name = "user_id"
    _log_access = False

    user_id = fields.Many2one(
        "res.users", string="User", required=True, readonly=True, ondelete="cascade"
    )
    value_key = fields.Char(
        string="Value (hashed)", required=True, readonly=True, help="A keyed hash of the value."
    )
    day = fields.Date(required=True, readonly=True)
    first_at = fields.Datetime(string="First searched", required=True, readonly=True)

    _user_day_value_uniq = models.UniqueIndex("(user_id, day, value_key)")
    # the alarm window: values a user searched for the first time since ...
    _user_first_at_idx = models.Index("(user_id, first_at DESC, value_key)")

    def unlink(self):
        # a deleted row is counted again at the next search, in every worker
        keys = {(row.user_id.id, row.value_key, row.day, SEARCH_KIND) for row in self}
        result = super().unlink()
        self.env["crm.access.log"]._log_forget(keys)
        return result

    @api.autovacuum
    def _gc_searched_values(self):
        """Delete the rows the alarm window no longer counts.

        Only rows first searched more than a day ago (and before the window)
        go: no worker remembers them (a worker's memory holds the keys of the
        day), so that none has to forget them.
        """
        window = self.env["res.users"]._crm_access_settings()["window"]
        cutoff = fields.Datetime.now() - max(timedelta(minutes=window), timedelta(days=1))
        self.env.cr.execute(SQL("DELETE FROM crm_access_search_log WHERE first_at < %s", cutoff))

    @api.model
    def _value_key(self, value):
        """Return the key standing for ``value``: a hash keyed by the database
        secret, so that the table tells no value even to whoever reads it."""
        # the secret is readable by the system only; it never leaves the server
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        text = str(value).strip().casefold()
        return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()[:32]

    @api.model
    def _log_values(self, user_id, values, limit):
        """Count the values a search of ``user_id`` tests, within the alarm window.

        Values this worker knows to be counted today for the user cost no SQL.
        The others are inserted in one statement, unless the distinct values
        of the user's alarm window, these included, pass ``limit``: then
        nothing is written and that number is returned, for the caller to
        refuse the search. On a read-only cursor the rows are written on the
        primary database (see ``crm.access.log._log_reads``).

        :param int user_id: the user searching
        :param values: the values tested (strings)
        :param int limit: the most distinct values of the window
        :return: the distinct values of the window, this search included,
            when the search tests values not counted yet; 0 otherwise
        """
        Log = self.env["crm.access.log"]
        cr = self.env.cr
        now = fields.Datetime.now()
        day = now.date()
        state = counted_reads(cr.dbname)
        txn_keys = None if cr.readonly else Log._log_txn_keys(state)
        keys = {(user_id, self._value_key(value), day, SEARCH_KIND) for value in values}
        with state.lock:
            state.set_day(day, Log._log_generation())
            fresh = {
                key
                for key in keys
                if key not in state.keys and (txn_keys is None or key not in txn_keys)
            }
        if not fresh:
            return 0
        value_keys = sorted(key[1] for key in fresh)
        return Log._log_fresh_keys(
            state,
            txn_keys,
            fresh,
            lambda log_cr: self._log_new_values(log_cr, user_id, value_keys, now, limit),
            limit,
        )

    @api.model
    def _log_new_values(self, cr, user_id, value_keys, now, limit):
        """Insert the rows of values not counted yet; see :meth:`_log_values`."""
        window = timedelta(minutes=self.env["res.users"]._crm_access_settings()["window"])
        # the same lock as the user's reads: two searches at once cannot both
        # stay under the threshold when together they pass it
        wait_locks(cr, _LOCK_NAMESPACE, [user_id])
        touched = self.env["crm.access.log"]._window_count_with(
            cr, self._table, "value_key", user_id, now - window, value_keys, "varchar"
        )
        if touched > limit:
            return touched
        cr.execute(
            SQL(
                """
                INSERT INTO crm_access_search_log (user_id, value_key, day, first_at)
                SELECT %(user)s, v, %(day)s, %(now)s
                  FROM unnest(%(keys)s::varchar[]) AS v
                 ORDER BY v
                    ON CONFLICT (user_id, day, value_key) DO NOTHING
                """,
                user=user_id,
                day=now.date(),
                now=now,
                keys=value_keys,
            )
        )
        return touched
