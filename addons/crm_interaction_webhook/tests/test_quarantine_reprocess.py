import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import WebhookCommon


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestReprocessThroughProviderMapping(WebhookCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "wh_manager", groups="crm_interaction.group_interaction_manager"
        )

    def refused(self, path, payload):
        response = self.post(path, payload)
        self.assertEqual(response.status_code, 422, response.text)
        return self.Log.browse(response.json()["log_id"]).quarantine_id.with_user(self.manager)

    def fix(self, quarantine, **document):
        payload = json.loads(quarantine.payload)
        payload["payload"].update(document)
        quarantine.payload = json.dumps(payload, ensure_ascii=False)

    def test_corrected_call_event_is_stored_through_the_voip_mapping(self):
        event = self.call_event(start="21/03/2025 09:30")
        quarantine = self.refused("/voip/call", event)
        self.assertEqual(quarantine.webhook_provider, "voip")
        self.fix(quarantine, start="2025-03-21T09:30:00+03:30")
        [result] = quarantine.reprocess()
        self.assertEqual(result["status"], "created", result)
        interaction = self.interactions("mobile", "1700000000.42")
        # mapped as the route maps it: channel from the number, talk time, keys
        self.assertRecordValues(
            interaction,
            [{"id": result["interaction_id"], "partner_id": self.customer.id, "duration": 120}],
        )
        self.assertRecordValues(
            quarantine,
            [
                {
                    "state": "reprocessed",
                    "last_outcome": "created",
                    "interaction_id": interaction.id,
                    "error": False,
                }
            ],
        )
        self.assertTrue(quarantine.reprocessed_at)

    def test_reprocessing_again_or_after_the_provider_resent_is_idempotent(self):
        quarantine = self.refused("/telegram", self.bot_update(date="yesterday"))
        # the provider sent the message again, correctly, meanwhile
        stored = self.post("/telegram", self.bot_update()).json()
        self.assertEqual(stored["status"], "created")
        payload = json.loads(quarantine.payload)
        payload["payload"]["message"]["date"] = 1742538600
        quarantine.payload = json.dumps(payload, ensure_ascii=False)
        [result] = quarantine.reprocess()
        self.assertEqual(result["status"], "duplicate")
        self.assertEqual(result["interaction_id"], stored["interaction_id"])
        self.assertEqual(quarantine.last_outcome, "duplicate")
        self.assertEqual(quarantine.reprocess(), [result])
        self.assertEqual(len(self.interactions("telegram", "5551234:77")), 1)

    def test_still_invalid_document_keeps_the_item_with_the_mapping_error(self):
        quarantine = self.refused("/sms/melipayamak", {"from": "0912", "to": "1", "msgid": "m-9"})
        [result] = quarantine.reprocess()
        self.assertEqual(result["status"], "rejected")
        self.assertIn("body", result["error"])
        self.assertRecordValues(
            quarantine,
            [{"state": "new", "attempt_count": 2, "last_outcome": "rejected"}],
        )
        self.assertFalse(self.interactions("sms", "m-9"))
        self.fix(quarantine, body="سلام", **{"from": "09121112233"})
        quarantine.action_reprocess()
        self.assertEqual(quarantine.state, "reprocessed")
        self.assertEqual(quarantine.interaction_id.partner_id, self.customer)

    def test_form_and_query_documents_are_reprocessed_like_json(self):
        response = self.get("/sms/kavenegar", {"to": "1", "message": "سلام", "messageid": "q-7"})
        quarantine = self.Log.browse(response.json()["log_id"]).quarantine_id
        self.fix(quarantine.with_user(self.manager), **{"from": "09121112233"})
        [result] = quarantine.with_user(self.manager).reprocess()
        self.assertEqual(result["status"], "created")
        self.assertEqual(self.interactions("sms", "q-7").partner_id, self.customer)

    def test_document_holding_nothing_to_store_is_closed_as_ignored(self):
        quarantine = self.refused("/rubika", self.rubika_update(time="x"))
        payload = json.loads(quarantine.payload)
        payload["payload"]["update"]["type"] = "StoppedBot"
        payload["payload"]["update"]["new_message"]["time"] = "1742538600"
        quarantine.payload = json.dumps(payload)
        [result] = quarantine.reprocess()
        self.assertEqual(result["status"], "ignored")
        self.assertRecordValues(
            quarantine,
            [{"state": "reprocessed", "last_outcome": "ignored", "interaction_id": False}],
        )

    def test_only_managers_reprocess(self):
        quarantine = self.refused("/voip/call", self.call_event(start="x"))
        with self.assertRaises(AccessError):
            quarantine.with_user(self.sender).reprocess()
        self.assertEqual(quarantine.state, "new")
        self.assertEqual(quarantine.attempt_count, 1)
