from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from ..models.crm_interaction_webhook import MAX_COUNTED_SENDERS
from ..models.crm_interaction_webhook_log import COUNTED_REFUSALS_DAYS, PROVIDERS
from .common import WebhookCommon


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestWebhookKeys(WebhookCommon):
    """Keys bound to their providers, refused at once when archived."""

    def test_every_route_has_a_provider_to_bind_keys_to(self):
        self.assertEqual(set(self.all_providers.mapped("code")), {c for c, _l in PROVIDERS})

    def test_a_key_bound_to_no_provider_is_refused_everywhere(self):
        self.api_keys[0].crm_webhook_provider_ids = [Command.clear()]
        response = self.post("/voip/call", self.call_event())
        self.assertEqual(response.status_code, 403, response.text)
        self.assertFalse(self.interactions("phone", "1700000000.42"))

    def test_a_kavenegar_key_cannot_post_to_the_telegram_route(self):
        self.api_keys[0].crm_webhook_provider_ids = self.env.ref(
            "crm_interaction_webhook.provider_sms_kavenegar"
        )
        response = self.post("/telegram", self.bot_update())
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("provider", response.json()["detail"])
        log = self.Log.browse(response.json()["log_id"])
        self.assertRecordValues(
            log, [{"outcome": "forbidden", "api_key_id": self.api_keys[0].id, "payload": False}]
        )
        self.assertFalse(self.interactions("telegram", "5551234:77"))
        sms = {"from": "09121112233", "to": "1000", "message": "سلام", "messageid": "k-1"}
        self.assertEqual(self.post("/sms/kavenegar", sms).status_code, 200)
        # the same provider's query-string route
        fields = dict(sms, messageid="k-2")
        self.assertEqual(self.get("/sms/kavenegar", fields).status_code, 200)

    def test_an_archived_key_is_refused_on_the_next_request(self):
        self.assertEqual(self.post("/voip/call", self.call_event()).status_code, 200)
        self.api_keys[0].active = False
        response = self.post("/voip/call", self.call_event(uniqueid="1700000000.43"))
        self.assertEqual(response.status_code, 401, response.text)
        self.assertFalse(self.interactions("phone", "1700000000.43"))
        self.api_keys[0].active = True
        response = self.post("/voip/call", self.call_event(uniqueid="1700000000.43"))
        self.assertEqual(response.status_code, 200, response.text)

    def test_a_deleted_key_is_refused_on_the_next_request(self):
        self.assertEqual(self.post("/voip/call", self.call_event()).status_code, 200)
        self.api_keys[0].unlink()
        response = self.post("/voip/call", self.call_event(uniqueid="1700000000.44"))
        self.assertEqual(response.status_code, 401, response.text)


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestWebhookRefusalsCounted(WebhookCommon):
    """Refused requests that bring nothing to keep cannot grow the log without bound."""

    def test_a_thousand_requests_without_key_add_one_counted_row(self):
        before = self.Log.search_count([])
        log_ids = set()
        with self._create_test_client() as client:
            for number in range(1000):
                key = None if number % 2 else f"wrong-{number}"
                headers = {"Content-Type": "application/json"}
                if key:
                    headers["API-KEY"] = key
                response = client.post("/voip/call", content=b"{}", headers=headers)
                self.assertEqual(response.status_code, 401)
                log_ids.add(response.json()["log_id"])
        added = self.Log.search_count([]) - before
        # one row per hour: two when the run crosses the hour
        self.assertLessEqual(added, 2)
        logs = self.Log.browse(log_ids)
        self.assertEqual(sum(logs.mapped("request_count")), 1000)
        self.assertEqual(set(logs.mapped("outcome")), {"unauthorized"})
        self.assertFalse(any(logs.mapped("payload")))

    def test_oversized_requests_are_counted_with_their_largest_size(self):
        self.endpoint.crm_webhook_max_body_size = 300
        sizes = []
        for length in (400, 900, 500):
            event = self.call_event(recording_url="https://pbx.example.ir/" + "x" * length)
            response = self.post("/voip/call", event)
            self.assertEqual(response.status_code, 413)
            sizes.append(response.json()["log_id"])
        log = self.Log.browse(set(sizes))
        self.assertEqual(len(log), 1)
        self.assertRecordValues(log, [{"outcome": "too_large", "request_count": 3}])
        self.assertGreater(log.payload_size, 900)

    def test_many_senders_share_a_bounded_number_of_rows(self):
        service = self.env["crm.interaction.webhook"]
        ids = set()
        for number in range(MAX_COUNTED_SENDERS + 50):
            meta = {"provider": "telegram", "remote_addr": f"10.0.{number // 250}.{number % 250}"}
            ids.add(service._webhook_refuse(meta, 401)[1]["log_id"])
        self.assertLessEqual(len(ids), MAX_COUNTED_SENDERS + 2)
        logs = self.Log.browse(ids)
        self.assertEqual(sum(logs.mapped("request_count")), MAX_COUNTED_SENDERS + 50)
        self.assertIn(False, logs.mapped("remote_addr"))

    def test_authenticated_refusals_are_still_logged_one_by_one(self):
        first = self.post("/voip/call", content=b'{"uniqueid": "a", ')
        second = self.post("/voip/call", content=b'{"uniqueid": "b", ')
        self.assertEqual((first.status_code, second.status_code), (422, 422))
        logs = self.Log.browse([first.json()["log_id"], second.json()["log_id"]])
        self.assertEqual(len(logs), 2)
        self.assertTrue(all(logs.mapped("quarantine_id")))
        self.assertEqual(logs.mapped("request_count"), [1, 1])

    def test_old_counted_refusals_are_vacuumed(self):
        response = self.post("/voip/call", self.call_event(), key="not-a-key")
        counted = self.Log.browse(response.json()["log_id"])
        accepted = self.Log.browse(self.post("/voip/call", self.call_event()).json()["log_id"])
        old = fields.Datetime.now() - timedelta(days=COUNTED_REFUSALS_DAYS + 1)
        self.env.cr.execute(
            "UPDATE crm_interaction_webhook_log SET write_date = %s WHERE id IN %s",
            (old, (counted.id, accepted.id)),
        )
        self.Log.invalidate_model()
        self.Log._gc_counted_refusals()
        self.assertFalse(counted.exists())
        self.assertTrue(accepted.exists())
