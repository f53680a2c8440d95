import json
from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged

from .common import http_api_key

KEY = "http-test-webhook-key"


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestWebhookHttp(HttpCase):
    """Through Odoo's HTTP stack: routing, transaction and answers as providers see them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.api_key = http_api_key(cls.env, "wh_http", "http test", KEY)
        cls.user = cls.api_key.user_id
        cls.customer = cls.env["res.partner"].create({"name": "حسن رضایی", "mobile": "09127654321"})

    def post(self, path, data, key=KEY):
        headers = {"Content-Type": "application/json"}
        if key:
            headers["API-KEY"] = key
        return self.url_open(f"/crm_webhook{path}", data=data, headers=headers)

    def test_sms_is_stored_and_a_replay_is_a_duplicate(self):
        payload = json.dumps(
            {"from": "09127654321", "to": "1000", "message": "سلام", "messageid": "h-1"}
        )
        first = self.post("/sms/kavenegar", payload)
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(first.json()["status"], "created")
        second = self.post("/sms/kavenegar", payload)
        self.assertEqual(second.json()["status"], "duplicate")
        stored = self.env["crm.interaction"].search([("external_id", "=", "h-1")])
        self.assertEqual(stored.partner_id, self.customer)

    def test_form_and_query_callbacks_of_a_panel(self):
        fields = {"from": "09127654321", "to": "1000", "message": "سلام", "messageid": "h-2"}
        form = self.url_open(
            f"/crm_webhook/sms/kavenegar?api_key={KEY}",
            data=fields,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self.assertEqual(form.status_code, 200, form.text)
        self.assertEqual(form.json()["status"], "created")
        query = self.url_open(
            "/crm_webhook/sms/kavenegar?" + urlencode(dict(fields, api_key=KEY)),
            allow_redirects=False,
        )
        self.assertEqual(query.status_code, 200, query.text)
        self.assertEqual(query.json()["status"], "duplicate")
        stored = self.env["crm.interaction"].search([("external_id", "=", "h-2")])
        self.assertEqual(stored.partner_id, self.customer)

    def test_refusals_are_4xx_and_logged(self):
        cases = [
            ("/voip/call", "{}", None, 401),
            ("/voip/call", "{not json", KEY, 422),
            ("/voip/call", json.dumps({"uniqueid": "x" * 70000}), KEY, 413),
        ]
        for path, data, key, status in cases:
            with self.subTest(status=status):
                response = self.post(path, data, key=key)
                self.assertEqual(response.status_code, status, response.text)
                log = self.env["crm.interaction.webhook.log"].browse(response.json()["log_id"])
                self.assertEqual(log.status_code, status)

    def test_openapi_is_served(self):
        response = self.url_open("/crm_webhook/openapi.json")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/telegram", response.json()["paths"])

    def sms(self, messageid):
        return json.dumps(
            {"from": "09127654321", "to": "1000", "message": "سلام", "messageid": messageid}
        )

    def test_an_archived_key_is_refused_on_the_next_request(self):
        # the first request leaves the key in auth_api_key's lookup cache
        self.assertEqual(self.post("/sms/kavenegar", self.sms("h-rev-1")).status_code, 200)
        self.api_key.active = False
        response = self.post("/sms/kavenegar", self.sms("h-rev-2"))
        self.assertEqual(response.status_code, 401, response.text)
        self.assertFalse(self.env["crm.interaction"].search([("external_id", "=", "h-rev-2")]))

    def test_a_key_archived_with_its_user_is_refused_at_once(self):
        # archiving the user archives the key through a stored compute, which
        # does not go through write(): the lookup cache still knows the key
        self.user.company_id.archived_user_disable_auth_api_key = True
        self.assertEqual(self.post("/sms/kavenegar", self.sms("h-rev-3")).status_code, 200)
        self.user.active = False
        self.assertFalse(self.api_key.active)
        response = self.post("/sms/kavenegar", self.sms("h-rev-4"))
        self.assertEqual(response.status_code, 401, response.text)

    def test_a_key_posts_only_to_the_routes_of_its_providers(self):
        self.api_key.crm_webhook_provider_ids = self.env.ref(
            "crm_interaction_webhook.provider_sms_kavenegar"
        )
        self.assertEqual(self.post("/sms/kavenegar", self.sms("h-bind-1")).status_code, 200)
        update = {
            "update_id": 1,
            "message": {"message_id": 1, "date": 1742538600, "chat": {"id": 1}, "text": "x"},
        }
        for path, data in (
            ("/telegram", json.dumps(update)),
            ("/sms/ghasedak", self.sms("h-bind-2")),
            ("/voip/call", "{}"),
        ):
            with self.subTest(path=path):
                response = self.post(path, data)
                self.assertEqual(response.status_code, 403, response.text)
                log = self.env["crm.interaction.webhook.log"].browse(response.json()["log_id"])
                self.assertRecordValues(log, [{"outcome": "forbidden", "payload": False}])
        self.assertFalse(self.env["crm.interaction"].search([("external_id", "=", "h-bind-2")]))
