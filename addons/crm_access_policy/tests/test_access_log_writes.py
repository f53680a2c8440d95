from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import PropertyMock, patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tests.test_cursor import TestCursor

from ..models.crm_access_log import _TXN_KEYS, counted_reads
from .common import AccessPolicyCommon


@contextmanager
def spy_queries(cursor_class=Cursor):
    """Collect the text of every query sent through ``cursor_class``."""
    queries = []
    execute = cursor_class.execute

    def spy(cr, query, *args, **kwargs):
        queries.append(str(getattr(query, "code", query)))
        return execute(cr, query, *args, **kwargs)

    with patch.object(cursor_class, "execute", spy):
        yield queries


def log_writes(queries):
    return [
        query
        for query in queries
        if "crm_access_log" in query and ("INSERT" in query or "UPDATE" in query)
    ]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAccessLogWrites(AccessPolicyCommon):
    """Auditing writes once per user, customer, day and kind."""

    def log_of(self, user):
        return self.env["crm.access.log"].search([("user_id", "=", user.id)])

    def commit_keys(self):
        """Do what the commit of the request does: the worker remembers its keys."""
        keys = set(self.env.cr.postcommit.data.get(_TXN_KEYS, ()))
        state = counted_reads(self.env.cr.dbname)
        state.remember(keys)
        self.addCleanup(state.keys.difference_update, keys)
        return keys

    def test_a_second_read_the_same_day_writes_nothing(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        with spy_queries() as queries:
            Partner.browse(self.north.id).read(["name"])
        self.assertEqual(len(log_writes(queries)), 1)
        row = self.log_of(self.agent)
        self.assertRecordValues(row, [{"partner_id": self.north.id, "kind": "open", "count": 1}])
        # the same transaction: the row is known, nothing is written
        with spy_queries() as queries:
            Partner.browse(self.north.id).read(["name", "email"])
        self.assertFalse(log_writes(queries))
        # after the commit, the worker knows the row: not even a query on the log
        self.assertIn(
            (self.agent.id, self.north.id, fields.Date.today(), "open"), self.commit_keys()
        )
        with spy_queries() as queries:
            Partner.browse(self.north.id).read(["name"])
            Partner.search_read([("id", "=", self.north.id)], ["name"])
        self.assertFalse([query for query in queries if "crm_access_log" in query])
        self.assertEqual(self.log_of(self.agent), row)
        # the re-reads reach the counter with the next batch
        self.env["crm.access.log"]._flush_reads(force=True)
        self.assertEqual(row.count, 4)
        # a new customer, or another kind of read, is a new row
        with spy_queries() as queries:
            Partner.browse((self.north | self.free).ids).read(["name"])
        self.assertEqual(len(log_writes(queries)), 1)
        self.assertEqual(len(self.log_of(self.agent)), 3)

    def test_a_read_on_a_replica_writes_on_the_primary_and_stays_on_the_replica(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        with (
            self.enter_registry_test_mode(),
            patch.object(Cursor, "readonly", new_callable=PropertyMock, return_value=True),
            spy_queries() as queries,
            spy_queries(TestCursor) as primary,
        ):
            rows = Partner.browse(self.north.id).read(["name"])
        self.assertEqual(rows[0]["name"], "North customer")
        # the row went through a cursor of its own (the primary), committed
        # at once; nothing was written on the request's (read-only) cursor
        self.assertEqual(len(log_writes(primary)), 1)
        self.assertEqual(len(log_writes(queries)), len(log_writes(primary)))
        self.assertRecordValues(self.log_of(self.agent), [{"partner_id": self.north.id}])
        state = counted_reads(self.env.cr.dbname)
        key = (self.agent.id, self.north.id, fields.Date.today(), "open")
        self.addCleanup(state.keys.discard, key)
        self.assertIn(key, state.keys)

    def test_the_alarm_counts_distinct_customers_within_the_window(self):
        self.set_param("threshold", "3")
        self.set_param("window", "60")
        Alarm = self.env["crm.access.alarm"]
        Partner = self.env["res.partner"].with_user(self.agent2)
        customers = self.env["res.partner"].create([{"name": f"Counted {n}"} for n in range(6)])
        a, b, c, d, e, f = customers
        Partner.browse((a | b).ids).read(["name"])
        # the same customers again, and as other kinds of read: still two
        Partner.browse(a.id).read(["name"])
        Partner.browse(b.id).read(["comment"])
        Partner.browse((a | b).ids).read(["name"])
        Partner.browse(c.id).read(["name"])
        self.assertFalse(Alarm.search([("user_id", "=", self.agent2.id)]))
        # customers first read before the window do not count any more
        self.env.cr.execute(
            "UPDATE crm_access_log SET first_at = first_at - interval '2 hours' "
            "WHERE user_id = %s AND partner_id IN %s",
            [self.agent2.id, (a.id, b.id)],
        )
        Partner.browse((d | e).ids).read(["name"])
        self.assertFalse(Alarm.search([("user_id", "=", self.agent2.id)]))
        Partner.browse(f.id).read(["name"])
        alarm = Alarm.search([("user_id", "=", self.agent2.id)])
        self.assertEqual((alarm.customer_count, alarm.threshold), (4, 3))

    def test_a_manager_cannot_clear_their_own_alarm(self):
        other = self.env["res.users"].create(
            {
                "name": "Other manager",
                "login": "ap_other_manager",
                "group_ids": [(6, 0, self.env.ref("crm_access_policy.group_crm_manager").ids)],
            }
        )
        self.set_param("block", "True")
        alarm = self.env["crm.access.alarm"]._crm_access_raise(self.manager, 500, 200)
        self.assertTrue(self.manager._crm_access_blocked())
        mine = alarm.with_user(self.manager)
        with self.assertRaises(AccessError):
            mine.action_clear()
        with self.assertRaises(AccessError):
            mine.write({"state": "cleared"})
        with self.assertRaises(AccessError):
            mine.write({"is_blocking": False})
        self.assertEqual(alarm.state, "open")
        alarm.with_user(other).action_clear()
        self.assertEqual((alarm.state, alarm.cleared_by_id), ("cleared", other))
        self.assertFalse(self.manager._crm_access_blocked())

    def test_first_reads_are_remembered_only_when_committed(self):
        self.env["res.partner"].with_user(self.agent).browse(self.north.id).read(["name"])
        state = counted_reads(self.env.cr.dbname)
        key = (self.agent.id, self.north.id, fields.Date.today(), "open")
        self.assertNotIn(key, state.keys)
        self.assertIn(key, self.env.cr.postcommit.data[_TXN_KEYS])
        # a day later the key is another one
        later = fields.Datetime.now() + timedelta(days=1)
        with patch.object(fields.Datetime, "now", return_value=later):
            self.env["res.partner"].with_user(self.agent).browse(self.north.id).read(["name"])
        self.assertEqual(len(self.log_of(self.agent)), 2)

    def test_a_row_deleted_by_another_worker_is_counted_again(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        Partner.browse(self.north.id).read(["name"])
        keys = self.commit_keys()
        # a new request of this worker, while another worker deletes the row
        # (its unlink forgets the key in its own memory only)
        self.env.cr.postcommit.data[_TXN_KEYS].difference_update(keys)
        self.env.cr.execute("DELETE FROM crm_access_log WHERE user_id = %s", [self.agent.id])
        with spy_queries() as queries:
            Partner.browse(self.north.id).read(["name"])
        self.assertFalse([query for query in queries if "crm_access_log" in query])
        # that re-read is added to no row
        self.env["crm.access.log"]._flush_reads(force=True)
        self.assertFalse(self.log_of(self.agent))
        # the other worker's request ends: it signals the caches it cleared,
        # which this worker checks at the start of its next request
        self.env.cr.execute("INSERT INTO orm_signaling_default DEFAULT VALUES")
        self.registry.check_signaling(self.env.cr)
        with spy_queries() as queries:
            Partner.browse(self.north.id).read(["name"])
        self.assertEqual(len(log_writes(queries)), 1)
        self.assertRecordValues(self.log_of(self.agent), [{"partner_id": self.north.id}])

    def test_deleting_rows_signals_the_other_workers(self):
        Log = self.env["crm.access.log"]
        self.env["res.partner"].with_user(self.agent).browse(self.north.id).read(["name"])
        generation = Log._log_generation()
        self.log_of(self.agent).unlink()
        # sent to the other workers at the end of the request
        self.assertIn("default", self.registry.cache_invalidated)
        self.assertNotEqual(Log._log_generation(), generation)
        with spy_queries() as queries:
            self.env["res.partner"].with_user(self.agent).browse(self.north.id).read(["name"])
        self.assertEqual(len(log_writes(queries)), 1)
