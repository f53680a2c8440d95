from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_cid.tests.concurrency import run_at_once

PREFIX = "conc-test-"


@tagged("post_install", "-at_install", "crm_interaction")
class TestIngestConcurrency(TransactionCase):
    """Several clients replaying one batch at once store each item once
    (see ``crm_cid.tests.concurrency``)."""

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.interaction"].with_context(active_test=False).search(
                [("external_id", "=like", f"{PREFIX}%")]
            ).unlink()
            env["crm.interaction.quarantine"].search(
                [("external_id", "=like", f"{PREFIX}%")]
            ).unlink()

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
        results, errors = run_at_once(
            self.registry, [lambda env: env["crm.interaction"].ingest(items)] * 4
        )
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
