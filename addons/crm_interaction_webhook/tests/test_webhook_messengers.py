from odoo.tests import tagged

from .common import WebhookCommon


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestEitaaAndRubika(WebhookCommon):
    rubika_chat = (
        ("channel_id.code", "=", "rubika"),
        ("external_id", "=like", "b0QFtn0C1I022abcd:%"),
    )

    def test_eitaa_message_is_stored_once_under_chat_and_message_id(self):
        self.customer.cid_add_key("external_id", "eitaa:5551234")
        response = self.post("/eitaa", self.bot_update(username=None))
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual(body["status"], "created")
        interaction = self.interactions("eitaa", "5551234:77")
        self.assertEqual(interaction.id, body["interaction_id"])
        self.assertRecordValues(
            interaction, [{"partner_id": self.customer.id, "direction": "inbound"}]
        )
        self.assertEqual(interaction.summary, "سلام، سفارش من کی می‌رسد؟")
        self.assertEqual(self.Log.browse(body["log_id"]).provider, "eitaa")
        again = self.post("/eitaa", self.bot_update(username=None))
        self.assertEqual(again.json()["status"], "duplicate")
        self.assertEqual(len(self.interactions("eitaa", "5551234:77")), 1)

    def test_eitaa_sender_sharing_their_number_is_identified_by_mobile(self):
        update = self.bot_update(
            username=None,
            text=None,
            contact={"phone_number": "+989121112233", "user_id": 5551234},
        )
        body = self.post("/eitaa", update).json()
        self.assertEqual(body["status"], "created", body)
        interaction = self.Interaction.browse(body["interaction_id"])
        self.assertEqual(interaction.partner_id, self.customer)
        self.assertEqual(sorted(interaction.key_ids.mapped("type_code")), ["external_id", "mobile"])

    def test_rubika_message_from_unknown_user_waits_unidentified(self):
        response = self.post("/rubika", self.rubika_update())
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["status"], "unmatched")
        interaction = self.interactions("rubika", "b0QFtn0C1I022abcd:204216801381244279")
        self.assertFalse(interaction.partner_id)
        self.assertEqual(interaction.key_ids.value, "rubika:u0QFtn0abcde")
        self.assertEqual(interaction.occurred_at.isoformat(), "2025-03-21T06:30:00")
        # the customer gets the Rubika id: the waiting interaction links itself
        self.customer.cid_add_key("external_id", "rubika:u0QFtn0abcde")
        self.assertEqual(interaction.partner_id, self.customer)

    def test_rubika_edited_message_is_a_duplicate_and_button_taps_are_ignored(self):
        self.post("/rubika", self.rubika_update())
        edited = self.rubika_update(text="ویرایش شده", is_edited=True)
        edited["update"]["type"] = "UpdatedMessage"
        edited["update"]["updated_message"] = edited["update"].pop("new_message")
        self.assertEqual(self.post("/rubika", edited).json()["status"], "duplicate")
        tap = {
            "inline_message": {
                "sender_id": "u0QFtn0abcde",
                "text": "بله",
                "message_id": "2042",
                "chat_id": "b0QFtn0C1I022abcd",
            }
        }
        started = {"update": {"type": "StartedBot", "chat_id": "b0QFtn0C1I022abcd"}}
        for payload in (tap, started):
            with self.subTest(payload=payload):
                response = self.post("/rubika", payload)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()["status"], "ignored")
        self.assertEqual(self.Interaction.search_count(list(self.rubika_chat)), 1)

    def test_malformed_rubika_update_is_422_quarantined_under_its_id(self):
        payload = self.rubika_update(time="yesterday")
        response = self.post("/rubika", payload)
        self.assertEqual(response.status_code, 422)
        self.assertIn("time", str(response.json()["detail"]))
        log = self.Log.browse(response.json()["log_id"])
        self.assertRecordValues(
            log.quarantine_id,
            [
                {
                    "channel_code": "rubika",
                    "external_id": "b0QFtn0C1I022abcd:204216801381244279",
                    "webhook_provider": "rubika",
                }
            ],
        )
        self.assertFalse(self.Interaction.search(list(self.rubika_chat)))

    def test_unauthenticated_and_oversized_messenger_requests_are_refused(self):
        self.assertEqual(self.post("/eitaa", self.bot_update(), key=None).status_code, 401)
        self.endpoint.crm_webhook_max_body_size = 200
        response = self.post("/rubika", self.rubika_update(text="x" * 300))
        self.assertEqual(response.status_code, 413)
        self.assertFalse(self.Log.browse(response.json()["log_id"]).quarantine_id)

    def test_openapi_describes_the_messengers(self):
        with self._create_test_client() as client:
            spec = client.get("/openapi.json").json()
        for path, schema in (("/eitaa", "EitaaUpdate"), ("/rubika", "RubikaUpdate")):
            with self.subTest(path=path):
                operation = spec["paths"][path]["post"]
                self.assertEqual(
                    operation["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                    f"#/components/schemas/{schema}",
                )
                self.assertIn("422", operation["responses"])
                self.assertIn("401", operation["responses"])
