import threading

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ConcurrencyError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE as MAX_TRIES
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, tagged

PREFIX = "conc-test-"


@tagged("post_install", "-at_install", "crm_interaction")
class TestIngestConcurrency(TransactionCase):
    """Several clients replaying one batch at once store each item once.

    The clients work on their own committed transactions, as RPC requests
    do, and go through the same retry loop as the RPC layer.
    """

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.interaction"].with_context(active_test=False).search(
                [("external_id", "=like", f"{PREFIX}%")]
            ).unlink()
            env["crm.interaction.quarantine"].search(
                [("external_id", "=like", f"{PREFIX}%")]
            ).unlink()

    @staticmethod
    def _replay(env, items, results, errors):
        """Ingest ``items`` and commit, retrying like the RPC layer does.

        ``odoo.service.model.retrying`` itself cannot run here: it looks the
        registry up again, and the test runner holds the registry lock.
        """
        try:
            with env.cr:
                for _attempt in range(MAX_TRIES):
                    try:
                        result = env["crm.interaction"].ingest(items)
                        env.cr.commit()
                        results.append(result)
                        return
                    except (ConcurrencyError, *PG_CONCURRENCY_EXCEPTIONS_TO_RETRY):
                        env.cr.rollback()
                        env.transaction.clear()
                errors.append("too many retries")
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)

    def test_four_clients_replaying_2000_items_store_2000_interactions(self):
        self._cleanup()  # leftovers of an interrupted run
        self.addCleanup(self._cleanup)
        items = [
            {
                "channel": "sms",
                "direction": "inbound",
                "external_id": f"{PREFIX}{number}",
                "occurred_at": "2025-03-21T09:30:00",
                "mobile": f"0912{number:07d}",
                "body": "سلام",
            }
            for number in range(2000)
        ]
        results, errors = [], []
        # environments are made here: the registry is locked while tests run
        envs = [api.Environment(self.registry.cursor(), SUPERUSER_ID, {}) for _i in range(4)]
        threads = [
            threading.Thread(target=self._replay, args=(env, items, results, errors))
            for env in envs
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 4)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT external_id) FROM crm_interaction "
                "WHERE external_id LIKE %s",
                [f"{PREFIX}%"],
            )
            self.assertEqual(cr.fetchone(), (2000, 2000))
        ids = [[r["id"] for r in batch] for batch in results]
        self.assertTrue(all(batch == ids[0] for batch in ids), "every client sees the same ids")
        new = sum(r["status"] in ("created", "unmatched") for batch in results for r in batch)
        self.assertEqual(new, 2000)
