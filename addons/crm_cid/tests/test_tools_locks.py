import psycopg2.errors

from odoo.sql_db import db_connect
from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import mute_logger

from ..tools.locks import (
    CID_LOCK_NAMESPACE,
    LOCK_BUCKETS,
    key_lock_token,
    lock_tokens,
    take_locks,
    try_locks_sql,
    wait_locks,
    wait_locks_sql,
)


@tagged("crm_cid")
class TestKeyLockToken(BaseCase):
    def test_token_is_stable_and_bounded(self):
        token = key_lock_token("mobile", "+989123456789")
        self.assertEqual(token, key_lock_token("mobile", "+989123456789"))
        self.assertIn(token, range(LOCK_BUCKETS))

    def test_type_is_part_of_the_token(self):
        values = [f"+98912{n:07d}" for n in range(200)]
        mobile = [key_lock_token("mobile", v) for v in values]
        phone = [key_lock_token("phone", v) for v in values]
        self.assertNotEqual(mobile, phone)

    def test_many_keys_need_at_most_the_bucket_count_of_locks(self):
        tokens = {key_lock_token("email", f"c{n}@example.com") for n in range(20000)}
        self.assertLessEqual(len(tokens), LOCK_BUCKETS)
        # and they spread over most buckets rather than a few
        self.assertGreater(len(tokens), LOCK_BUCKETS * 0.9)


@tagged("crm_cid")
class TestLockOrder(BaseCase):
    def test_tokens_are_sorted_and_distinct(self):
        cases = [
            ([], []),
            ([5], [5]),
            ([7, 3, 5, 3], [3, 5, 7]),
            ((t for t in (2, 1)), [1, 2]),
            ([-(2**31), 2**31 - 1, 0], [-(2**31), 0, 2**31 - 1]),
        ]
        for tokens, expected in cases:
            with self.subTest(tokens=tokens):
                self.assertEqual(lock_tokens(tokens), expected)

    def test_tokens_outside_32_bits_or_not_integers_are_refused(self):
        for tokens in ([2**31], [-(2**31) - 1], ["1"], [1.0], [True]):
            with self.subTest(tokens=tokens), self.assertRaises(ValueError):
                lock_tokens(tokens)

    def test_try_statement_carries_the_tokens_in_order(self):
        query = try_locks_sql(CID_LOCK_NAMESPACE, [3, 5, 7])
        self.assertIn("pg_try_advisory_xact_lock", query.code)
        self.assertIn("WHERE ok AND n <", query.code)
        self.assertEqual(query.params, [CID_LOCK_NAMESPACE, [3, 5, 7], 3])

    def test_wait_statement_carries_the_tokens_in_order(self):
        query = wait_locks_sql(CID_LOCK_NAMESPACE, [5, 7])
        self.assertIn("pg_advisory_xact_lock", query.code)
        self.assertNotIn("pg_try_advisory_xact_lock", query.code)
        self.assertEqual(query.params, [CID_LOCK_NAMESPACE, [5, 7]])


@tagged("post_install", "-at_install", "crm_cid")
class TestTakeLocks(TransactionCase):
    _NAMESPACE = 0x54455354  # "TEST"

    def _held(self, cr):
        cr.execute(
            "SELECT objid::int FROM pg_locks WHERE locktype = 'advisory' AND classid = %s"
            " AND pid = pg_backend_pid() AND granted ORDER BY objid",
            (self._NAMESPACE,),
        )
        return [row[0] for row in cr.fetchall()]

    def test_free_locks_are_all_taken_without_contention(self):
        self.assertFalse(take_locks(self.env.cr, self._NAMESPACE, [9, 2, 4, 2]))
        self.assertEqual(self._held(self.env.cr), [2, 4, 9])
        self.assertFalse(take_locks(self.env.cr, self._NAMESPACE, []))

    def test_waiting_takes_every_lock_in_one_statement(self):
        for tokens, held in (([9, 2, 4, 2], [2, 4, 9]), ([], [2, 4, 9]), ([11], [2, 4, 9, 11])):
            with self.subTest(tokens=tokens), self.assertQueryCount(1 if tokens else 0):
                wait_locks(self.env.cr, self._NAMESPACE, tokens)
            self.assertEqual(self._held(self.env.cr), held)
        with self.assertRaises(ValueError):
            wait_locks(self.env.cr, self._NAMESPACE, ["7"])

    def test_the_try_stops_at_the_first_lock_held_elsewhere(self):
        with db_connect(self.env.cr.dbname).cursor() as other:
            other.execute("SELECT pg_advisory_xact_lock(%s, %s)", (self._NAMESPACE, 5))
            self.env.cr.execute(try_locks_sql(self._NAMESPACE, [3, 5, 7]))
            self.assertEqual(self.env.cr.fetchone()[0], 2)
            # the lock before it is held, the one after it was not tried
            self.assertEqual(self._held(self.env.cr), [3])
            other.rollback()
        # once the other transaction is over, the rest is taken in order
        self.env.cr.execute(wait_locks_sql(self._NAMESPACE, [5, 7]))
        self.assertEqual(self._held(self.env.cr), [3, 5, 7])

    @mute_logger("odoo.sql_db")
    def test_a_lock_held_elsewhere_is_waited_for(self):
        with db_connect(self.env.cr.dbname).cursor() as other:
            other.execute("SELECT pg_advisory_xact_lock(%s, %s)", (self._NAMESPACE, 5))
            # a short lock timeout turns the wait into an error instead of a hang
            with (
                self.assertRaises(psycopg2.errors.LockNotAvailable),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute("SET LOCAL lock_timeout = '200ms'")
                take_locks(self.env.cr, self._NAMESPACE, [7, 5, 3])
            other.rollback()
        self.assertTrue(take_locks(self.env.cr, self._NAMESPACE, []) is False)
