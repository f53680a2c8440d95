from odoo.tests import tagged

from .common import WebhookCommon

KAVENEGAR = {"from": "09121112233", "to": "10004346", "message": "قیمت؟", "messageid": "f-1"}


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestSmsForms(WebhookCommon):
    """SMS panels calling back with a form or with query parameters."""

    def test_form_encoded_sms_on_every_panel(self):
        cases = {
            "/sms/kavenegar": dict(KAVENEGAR, date="1742538600"),
            "/sms/ghasedak": {
                "sender": "+989121112233",
                "linenumber": "3000",
                "text": "قیمت؟",
                "messageid": "f-2",
                "receivedate": "",
            },
            "/sms/melipayamak": {
                "from": "989121112233",
                "to": "5000",
                "body": "قیمت؟",
                "msgid": "f-3",
                "date": "2025-03-21T09:30:00+03:30",
            },
        }
        for path, fields in cases.items():
            with self.subTest(path=path):
                response = self.post_form(path, fields)
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["status"], "created")
                interaction = self.Interaction.browse(response.json()["interaction_id"])
                self.assertRecordValues(
                    interaction,
                    [{"partner_id": self.customer.id, "summary": "قیمت؟", "direction": "inbound"}],
                )
                log = self.Log.browse(response.json()["log_id"])
                # kept as the JSON document of its fields, without the key
                self.assertIn('"قیمت؟"', log.payload)
                self.assertNotIn("api_key", log.payload)
        self.assertEqual(
            self.interactions("sms", "f-1").occurred_at.isoformat(), "2025-03-21T06:30:00"
        )

    def test_query_parameters_sms_and_replay_as_form_is_a_duplicate(self):
        response = self.get("/sms/kavenegar", KAVENEGAR)
        self.assertEqual(response.status_code, 200, response.text)
        first = response.json()
        self.assertEqual(first["status"], "created")
        again = self.post_form("/sms/kavenegar", KAVENEGAR).json()
        self.assertEqual(again["status"], "duplicate")
        self.assertEqual(again["interaction_id"], first["interaction_id"])
        self.assertEqual(len(self.interactions("sms", "f-1")), 1)

    def test_incomplete_form_is_422_and_quarantined_with_its_fields(self):
        fields = dict(KAVENEGAR)
        del fields["from"]
        for send in (self.post_form, self.get):
            with self.subTest(send=send.__name__):
                response = send("/sms/kavenegar", fields)
                self.assertEqual(response.status_code, 422, response.text)
                self.assertIn("from", str(response.json()["detail"]))
                quarantine = self.Log.browse(response.json()["log_id"]).quarantine_id
                self.assertRecordValues(
                    quarantine,
                    [{"external_id": "f-1", "channel_code": "sms", "state": "new"}],
                )
                self.assertIn("قیمت؟", quarantine.payload)
                self.assertNotIn("api_key", quarantine.payload)
        self.assertFalse(self.interactions("sms", "f-1"))

    def test_form_that_is_not_utf8_is_400_and_quarantined(self):
        response = self.post(
            "/sms/kavenegar",
            content=b"from=0912&message=\xff\xfe&messageid=f-9&to=1",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self.assertEqual(response.status_code, 400, response.text)
        log = self.Log.browse(response.json()["log_id"])
        self.assertEqual(log.outcome, "invalid")
        self.assertTrue(log.quarantine_id)
        self.assertFalse(self.interactions("sms", "f-9"))

    def test_form_without_key_is_401(self):
        with self._create_test_client() as client:
            response = client.post("/sms/kavenegar", data=KAVENEGAR)
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self.interactions("sms", "f-1"))

    def test_query_over_the_limit_is_413(self):
        self.endpoint.crm_webhook_max_body_size = 100
        response = self.get("/sms/kavenegar", dict(KAVENEGAR, message="x" * 200))
        self.assertEqual(response.status_code, 413)
        self.assertFalse(self.interactions("sms", "f-1"))

    def test_form_is_refused_on_routes_that_take_json_only(self):
        with self._create_test_client() as client:
            response = client.post(
                "/voip/call", params={"api_key": "test-webhook-key-0123456789"}, data={"a": "b"}
            )
        self.assertEqual(response.status_code, 422)

    def test_openapi_describes_forms_and_query_parameters(self):
        with self._create_test_client() as client:
            spec = client.get("/openapi.json").json()
        for path, model, provider_id in (
            ("/sms/kavenegar", "KavenegarSms", "messageid"),
            ("/sms/ghasedak", "GhasedakSms", "messageid"),
            ("/sms/melipayamak", "MelipayamakSms", "msgid"),
        ):
            with self.subTest(path=path):
                content = spec["paths"][path]["post"]["requestBody"]["content"]
                self.assertEqual(
                    content["application/x-www-form-urlencoded"]["schema"]["$ref"],
                    f"#/components/schemas/{model}",
                )
                self.assertIn("application/json", content)
                get = spec["paths"][path]["get"]
                query = {p["name"] for p in get["parameters"] if p["in"] == "query"}
                self.assertIn(provider_id, query)
                self.assertIn("422", get["responses"])
        self.assertIn("APIKeyQuery", spec["components"]["securitySchemes"])
