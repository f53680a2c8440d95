import random
import threading
from functools import partial
from unittest.mock import patch

from odoo import api
from odoo.exceptions import ConcurrencyError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

THREADS = 8


@tagged("post_install", "-at_install", "crm_cid")
class TestCidConcurrency(TransactionCase):
    """Parallel cid_find_or_create calls, each on its own committed transaction.

    The test cursor of a TransactionCase is never shared with other threads,
    so the workers open real cursors, commit, and the test removes what they
    created in a cleanup.
    """

    def _env(self, cr, uid=api.SUPERUSER_ID):
        """Return an environment on a cursor of its own."""
        return api.Environment(cr, uid, {})

    def _new_mobile(self):
        """Return a mobile number that no key holds yet (checked on a fresh cursor)."""
        with self.registry.cursor() as cr:
            Key = self._env(cr)["crm.cid.key"].with_context(active_test=False)
            while True:
                mobile = "+98935%07d" % random.randrange(10**7)
                if not Key.search_count([("value_normalized", "=", mobile)]):
                    return mobile

    def _delete_customers_with(self, mobile):
        """Delete the customers committed by the workers."""
        with self.registry.cursor() as cr:
            keys = (
                self._env(cr)["crm.cid.key"]
                .with_context(active_test=False)
                .search([("value_normalized", "=", mobile)])
            )
            keys.partner_id.unlink()

    def test_parallel_find_or_create_makes_one_customer(self):
        # the test runner holds the registry lock while tests run, and worker
        # threads look the registry up by name (new environments, retries);
        # the test-mode patches of Odoo lift the lock the same way
        lock_patch = patch.object(Registry, "_lock", DummyRLock())
        lock_patch.start()
        self.addCleanup(lock_patch.stop)
        mobile = self._new_mobile()
        self.addCleanup(self._delete_customers_with, mobile)
        uid = self.env.ref("base.user_admin").id
        barrier = threading.Barrier(THREADS)
        results, failures = [], []

        def worker(index):
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr, uid)
                    call = partial(
                        env["res.partner"].cid_find_or_create,
                        {"mobile": mobile.replace("+98", "0")},
                        {"name": f"Parallel caller {index}"},
                    )
                    barrier.wait(timeout=30)
                    # retrying() is what RPC requests go through: it commits,
                    # and retries on ConcurrencyError with a fresh snapshot
                    results.append(retrying(call, env))
            except Exception as error:  # noqa: BLE001 - asserted by the main thread
                failures.append(error)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        self.assertEqual(failures, [])
        self.assertEqual(len(results), THREADS)
        self.assertEqual(len({result["partner_id"] for result in results}), 1)
        self.assertEqual(sum(result["created"] for result in results), 1)
        with self.registry.cursor() as cr:
            keys = self._env(cr)["crm.cid.key"].search([("value_normalized", "=", mobile)])
            self.assertEqual(len(keys.partner_id), 1)

    def test_key_committed_after_the_snapshot_is_retried_without_an_error_log(self):
        """The violation a late transaction meets is handled, not logged as an error."""
        mobile = self._new_mobile()
        self.addCleanup(self._delete_customers_with, mobile)
        with self.registry.cursor() as late_cr:
            late = self._env(late_cr)["res.partner"]
            # the late transaction's snapshot is taken by its first query
            late.search_count([])
            with self.registry.cursor() as early_cr:
                self._env(early_cr)["res.partner"].cid_find_or_create(
                    {"mobile": mobile}, {"name": "Early caller"}
                )
            with (
                self.assertNoLogs("odoo.sql_db", level="ERROR"),
                self.assertRaises(ConcurrencyError),
            ):
                late.cid_find_or_create({"mobile": mobile}, {"name": "Late caller"})
            late_cr.rollback()
