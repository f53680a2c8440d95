import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import NO_RIGHTS_KEY, WebhookCommon


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestWebhookProviders(WebhookCommon):
    def test_call_from_known_mobile_is_one_interaction_on_the_customer(self):
        response = self.post("/voip/call", self.call_event())
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual(body["status"], "created")
        interaction = self.interactions("mobile", "1700000000.42")
        self.assertEqual(interaction.id, body["interaction_id"])
        self.assertRecordValues(
            interaction,
            [{"partner_id": self.customer.id, "direction": "inbound", "duration": 120}],
        )
        self.assertIn("1700000000.42.wav", interaction.summary)
        log = self.Log.browse(body["log_id"])
        self.assertRecordValues(
            log,
            [
                {
                    "provider": "voip",
                    "outcome": "created",
                    "status_code": 200,
                    "external_id": "1700000000.42",
                    "interaction_id": interaction.id,
                }
            ],
        )

    def test_replayed_call_is_a_duplicate(self):
        first = self.post("/voip/call", self.call_event()).json()
        second = self.post("/voip/call", self.call_event())
        self.assertEqual(second.status_code, 200)
        self.assertEqual(second.json()["status"], "duplicate")
        self.assertEqual(second.json()["interaction_id"], first["interaction_id"])
        self.assertEqual(len(self.interactions("mobile", "1700000000.42")), 1)
        self.assertEqual(self.Log.search_count([("external_id", "=", "1700000000.42")]), 2)

    def test_unanswered_outbound_call_to_landline(self):
        event = self.call_event(
            "1700000001.1",
            direction="outbound",
            caller="201",
            callee="021 8888 7777",
            disposition="NO ANSWER",
            billsec=0,
        )
        body = self.post("/voip/call", event).json()
        self.assertEqual(body["status"], "unmatched")
        interaction = self.interactions("phone", "1700000001.1")
        self.assertRecordValues(interaction, [{"direction": "outbound", "duration": 0}])

    def test_sms_panels(self):
        cases = {
            "/sms/kavenegar": {
                "from": "09121112233",
                "to": "10004346",
                "message": "قیمت؟",
                "messageid": 881,
            },
            "/sms/ghasedak": {
                "sender": "+989121112233",
                "linenumber": "3000",
                "text": "قیمت؟",
                "messageid": "g-1",
                "receivedate": 1742538600,
            },
            "/sms/melipayamak": {
                "from": "989121112233",
                "to": "5000",
                "body": "قیمت؟",
                "msgid": "m-1",
                "date": "2025-03-21T09:30:00+03:30",
            },
        }
        for path, payload in cases.items():
            with self.subTest(path=path):
                response = self.post(path, payload)
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["status"], "created")
                interaction = self.Interaction.browse(response.json()["interaction_id"])
                self.assertEqual(interaction.channel_id.code, "sms")
                self.assertEqual(interaction.partner_id, self.customer)
                self.assertEqual(interaction.summary, "قیمت؟")

    def test_telegram_message_lands_on_the_customer_by_handle(self):
        response = self.post("/telegram", self.bot_update())
        self.assertEqual(response.json()["status"], "created", response.text)
        interaction = self.interactions("telegram", "5551234:77")
        self.assertEqual(interaction.partner_id, self.customer)
        self.assertEqual(interaction.cid, self.customer.cid)
        again = self.post("/telegram", self.bot_update())
        self.assertEqual(again.json()["status"], "duplicate")
        self.assertEqual(len(self.interactions("telegram", "5551234:77")), 1)

    def test_bale_message_from_unknown_user_waits_unidentified(self):
        response = self.post("/bale", self.bot_update(username=None))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "unmatched")
        interaction = self.interactions("bale", "5551234:77")
        self.assertFalse(interaction.partner_id)
        self.assertIn("bale:5551234", interaction.key_ids.mapped("value"))

    def test_update_without_message_is_ignored_and_logged(self):
        response = self.post("/telegram", {"update_id": 99, "callback_query": {"id": "x"}})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "ignored")
        self.assertEqual(self.Log.browse(response.json()["log_id"]).outcome, "ignored")

    def test_openapi_describes_every_provider(self):
        with self._create_test_client() as client:
            spec = client.get("/openapi.json").json()
        for path in (
            "/voip/call",
            "/sms/kavenegar",
            "/sms/ghasedak",
            "/sms/melipayamak",
            "/telegram",
            "/bale",
        ):
            with self.subTest(path=path):
                self.assertIn(path, spec["paths"])
                operation = spec["paths"][path]["post"]
                self.assertIn("422", operation["responses"])
                self.assertIn("413", operation["responses"])
        self.assertIn("APIKeyHeader", spec["components"]["securitySchemes"])
        self.assertIn("VoipCallEvent", spec["components"]["schemas"])


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestWebhookRefusals(WebhookCommon):
    def assertNothingStored(self):
        self.assertFalse(self.Interaction.search([("external_id", "=", "1700000000.42")]))

    def test_missing_or_unknown_key_is_401_and_logged_without_payload(self):
        quarantined = self.Quarantine.search_count([])
        for key in (None, "not-a-key"):
            with self.subTest(key=key):
                response = self.post("/voip/call", self.call_event(), key=key)
                self.assertEqual(response.status_code, 401)
                log = self.Log.browse(response.json()["log_id"])
                self.assertRecordValues(
                    log, [{"outcome": "unauthorized", "status_code": 401, "payload": False}]
                )
        self.assertNothingStored()
        self.assertEqual(self.Quarantine.search_count([]), quarantined)

    def test_key_of_user_without_interaction_rights_is_403(self):
        response = self.post("/voip/call", self.call_event(), key=NO_RIGHTS_KEY)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.Log.browse(response.json()["log_id"]).outcome, "forbidden")
        self.assertNothingStored()

    def test_key_in_telegram_secret_header_or_query(self):
        response = self.post(
            "/telegram",
            self.bot_update(),
            key=None,
            headers={"X-Telegram-Bot-Api-Secret-Token": "test-webhook-key-0123456789"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        response = self.post(
            "/voip/call?api_key=test-webhook-key-0123456789", self.call_event(), key=None
        )
        self.assertEqual(response.status_code, 200, response.text)

    def test_body_over_the_limit_is_413_and_not_read(self):
        self.endpoint.crm_webhook_max_body_size = 300
        event = self.call_event(recording_url="https://pbx.example.ir/" + "x" * 400)
        response = self.post("/voip/call", event)
        self.assertEqual(response.status_code, 413)
        log = self.Log.browse(response.json()["log_id"])
        self.assertRecordValues(log, [{"outcome": "too_large", "payload": False}])
        self.assertGreater(log.payload_size, 300)
        self.assertNothingStored()

    def test_malformed_json_is_422_and_quarantined(self):
        response = self.post("/voip/call", content=b'{"uniqueid": "1700000000.42", ')
        self.assertEqual(response.status_code, 422)
        log = self.Log.browse(response.json()["log_id"])
        self.assertEqual(log.outcome, "invalid")
        self.assertTrue(log.quarantine_id)
        self.assertIn("1700000000.42", log.quarantine_id.payload)
        self.assertEqual(log.quarantine_id.channel_code, "phone")
        self.assertNothingStored()

    def test_invalid_utf8_is_a_4xx_and_quarantined(self):
        response = self.post("/sms/kavenegar", content=b'{"from": "0912\xff\xfe", "to": "1"}')
        self.assertIn(response.status_code, (400, 422))
        log = self.Log.browse(response.json()["log_id"])
        self.assertTrue(log.quarantine_id)
        self.assertEqual(log.quarantine_id.state, "new")

    def test_body_with_nul_bytes_is_a_4xx_and_quarantined(self):
        response = self.post("/voip/call", content=b"\x00")
        self.assertEqual(response.status_code, 422, response.text)
        log = self.Log.browse(response.json()["log_id"])
        self.assertEqual(log.payload, "\ufffd")
        self.assertEqual(log.quarantine_id.state, "new")

    def test_document_missing_a_field_names_it_and_keeps_the_provider_id(self):
        event = self.call_event()
        del event["caller"]
        response = self.post("/voip/call", event)
        self.assertEqual(response.status_code, 422)
        detail = response.json()["detail"]
        self.assertEqual(detail[0]["loc"], ["body", "caller"])
        log = self.Log.browse(response.json()["log_id"])
        self.assertEqual(log.quarantine_id.external_id, "1700000000.42")
        reconciled = self.Interaction.reconcile("phone", ["1700000000.42"])
        self.assertEqual(reconciled["quarantined"], ["1700000000.42"])

    def test_item_refused_by_ingest_is_422_with_its_quarantine(self):
        payload = {"from": "not a number", "to": "1000", "message": "x", "messageid": "bad-1"}
        response = self.post("/sms/kavenegar", payload)
        self.assertEqual(response.status_code, 422)
        body = response.json()
        self.assertEqual(body["status"], "rejected")
        quarantine = self.Quarantine.browse(body["quarantine_id"])
        self.assertRecordValues(quarantine, [{"channel_code": "sms", "external_id": "bad-1"}])
        self.assertEqual(self.Log.browse(body["log_id"]).outcome, "rejected")
        self.assertFalse(self.interactions("sms", "bad-1"))


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestWebhookLogAccess(WebhookCommon):
    def test_log_visible_to_supervisors_only(self):
        response = self.post("/voip/call", self.call_event())
        log = self.Log.browse(response.json()["log_id"])
        agent = new_test_user(self.env, "wh_agent", groups="crm_interaction.group_interaction_user")
        supervisor = new_test_user(
            self.env, "wh_all", groups="crm_interaction.group_interaction_all"
        )
        with self.assertRaises(AccessError):
            log.with_user(agent).read(["provider"])
        self.assertEqual(log.with_user(supervisor).read(["outcome"])[0]["outcome"], "created")
        with self.assertRaises(AccessError):
            log.with_user(supervisor).unlink()
        with self.assertRaises(AccessError):
            self.Log.with_user(supervisor).create({"provider": "voip", "outcome": "created"})
        self.assertTrue(log.exists())


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestVoipRinging(WebhookCommon):
    def test_ringing_call_pops_the_card_of_the_extensions_agent(self):
        agent = new_test_user(
            self.env, "wh_ring_agent", groups="crm_interaction.group_interaction_all"
        )
        agent.crm_phone_extension = "301"
        response = self.post("/voip/ringing", {"caller": "+989121112233", "extension": "301"})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), {"notified": 1})
        self.env.cr.precommit.run()
        messages = self.env["bus.bus"].search([("message", "like", "crm_interaction/ringing")])
        payloads = [
            json.loads(m.message)["payload"]
            for m in messages
            if json.loads(m.channel)[1:] == ["res.partner", agent.partner_id.id]
        ]
        self.assertEqual(payloads[-1]["card"]["partner_id"], self.customer.id)

    def test_ringing_needs_a_key_and_a_valid_event(self):
        self.assertEqual(
            self.post(
                "/voip/ringing", {"caller": "0912", "extension": "301"}, key=None
            ).status_code,
            401,
        )
        self.assertEqual(self.post("/voip/ringing", {"caller": "0912"}).status_code, 422)


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestWebhookLogDate(WebhookCommon):
    def test_jalali_date_in_the_readers_zone_and_digits(self):
        log = self.Log.create({"provider": "voip", "outcome": "created"})
        log.flush_recordset()
        self.env.cr.execute(
            "UPDATE crm_interaction_webhook_log SET create_date = '2025-03-20 20:30:05' "
            "WHERE id = %s",
            [log.id],
        )
        log.invalidate_recordset()
        cases = [
            ({"tz": "Asia/Tehran", "lang": "en_US"}, "1404/01/01 00:00:05"),
            ({"tz": "UTC", "lang": "en_US"}, "1403/12/30 20:30:05"),
            ({"tz": "Nowhere/Bad", "lang": "en_US"}, "1404/01/01 00:00:05"),
        ]
        if self.env["res.lang"]._get_data(code="fa_IR"):
            cases.append(({"tz": "Asia/Tehran", "lang": "fa_IR"}, "۱۴۰۴/۰۱/۰۱ ۰۰:۰۰:۰۵"))
        for context, expected in cases:
            with self.subTest(**context):
                self.assertEqual(log.with_context(**context).date_jalali, expected)
