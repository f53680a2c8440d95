import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestQuarantineReprocess(InteractionCommon):
    def quarantined(self, *items):
        results = self.Interaction.ingest(list(items))
        self.assertEqual({r["status"] for r in results}, {"rejected"})
        return self.Quarantine.browse([r["quarantine_id"] for r in results]).with_user(self.manager)

    def test_reprocess_answers_per_item_and_records_the_outcome(self):
        fixable, broken = self.quarantined(
            self.item("rq-1", occurred_at="never"), self.item("rq-2", direction="sideways")
        )
        payload = json.loads(fixable.payload)
        payload["occurred_at"] = "2025-04-01T08:00:00Z"
        fixable.payload = json.dumps(payload)
        results = (fixable | broken).reprocess()
        created = self.Interaction.search([("external_id", "=", "rq-1")])
        self.assertEqual(
            results,
            [
                {"id": fixable.id, "status": "unmatched", "interaction_id": created.id,
                 "error": False},
                {"id": broken.id, "status": "rejected", "interaction_id": False,
                 "error": broken.error},
            ],
        )  # fmt: skip
        self.assertIn("sideways", broken.error)
        self.assertRecordValues(
            fixable | broken,
            [
                {"state": "reprocessed", "last_outcome": "unmatched", "attempt_count": 1},
                {"state": "new", "last_outcome": "rejected", "attempt_count": 2},
            ],
        )
        self.assertTrue(fixable.reprocessed_at)

    def test_reprocessing_twice_stores_once(self):
        [quarantine] = self.quarantined(self.item("rq-3", duration=-1))
        payload = json.loads(quarantine.payload)
        payload["duration"] = 30
        quarantine.payload = json.dumps(payload)
        first = quarantine.reprocess()
        self.assertEqual(quarantine.reprocess(), first)
        self.assertEqual(self.Interaction.search_count([("external_id", "=", "rq-3")]), 1)
        with self.assertRaises(UserError):
            quarantine.action_reprocess()

    def test_payload_that_is_not_json_stays_with_its_error(self):
        [quarantine] = self.quarantined(self.item("rq-4", direction="up"))
        quarantine.payload = "{not json"
        [result] = quarantine.reprocess()
        self.assertEqual(result["status"], "rejected")
        self.assertIn("JSON", quarantine.error)
        self.assertEqual(quarantine.state, "new")

    def test_discarded_item_is_reported_and_left_alone(self):
        [quarantine] = self.quarantined(self.item("rq-5", direction="up"))
        quarantine.action_discard()
        self.assertEqual(quarantine.reprocess()[0]["status"], "discarded")
        self.assertEqual(quarantine.attempt_count, 1)

    def test_agents_cannot_reprocess(self):
        [quarantine] = self.quarantined(self.item("rq-6", direction="up"))
        with self.assertRaises(AccessError):
            quarantine.with_user(self.supervisor).reprocess()
        self.assertEqual(quarantine.attempt_count, 1)
