import json
from pathlib import Path

from odoo.tests import BaseCase, tagged

from ..schemas import InstagramWebhook, WhatsappWebhook
from ..tools import meta
from ..tools.providers import guess_external_id, map_document, route_provider

DATA = Path(__file__).parent / "data"


def load(name):
    return json.loads((DATA / name).read_text())


@tagged("crm_interaction_webhook")
class TestMetaTools(BaseCase):
    def test_signature(self):
        body = b'{"object": "instagram"}'
        header = meta.sign("secret", body)
        self.assertTrue(meta.signature_ok("secret", body, header))
        self.assertTrue(
            meta.signature_ok("secret", body, header.upper().replace("SHA256", "sha256"))
        )
        for bad in (None, "", "sha1=abc", meta.sign("other", body), header[:-1] + "0"):
            with self.subTest(header=bad):
                self.assertFalse(meta.signature_ok("secret", body, bad))
        self.assertFalse(meta.signature_ok("secret", body + b" ", header))

    def test_whatsapp_message_texts(self):
        cases = [
            ({"type": "text", "text": {"body": "سلام"}}, "سلام"),
            (
                {"type": "image", "image": {"id": "1", "mime_type": "image/png"}},
                "[image image/png]",
            ),
            ({"type": "audio", "audio": {"id": "1", "voice": True}}, "[audio]"),
            (
                {"type": "document", "document": {"filename": "a.pdf", "mime_type": "x/y"}},
                "[document x/y] a.pdf",
            ),
            (
                {
                    "type": "location",
                    "location": {"latitude": 35.7, "longitude": 51.4, "name": "دفتر"},
                },
                "[location] دفتر · 35.7,51.4",
            ),
            ({"type": "reaction", "reaction": {"message_id": "w", "emoji": "👍"}}, "[reaction] 👍"),
            ({"type": "button", "button": {"text": "بله", "payload": "yes"}}, "بله"),
            (
                {
                    "type": "interactive",
                    "interactive": {
                        "type": "list_reply",
                        "list_reply": {"id": "r", "title": "پشتیبانی"},
                    },
                },
                "پشتیبانی",
            ),
            (
                {
                    "type": "contacts",
                    "contacts": [
                        {"name": {"formatted_name": "Ali"}, "phones": [{"phone": "+98912"}]}
                    ],
                },
                "[contacts] Ali +98912",
            ),
            ({"type": "unsupported"}, "[unsupported]"),
        ]
        document = load("whatsapp_messages.json")
        value = document["entry"][0]["changes"][0]["value"]
        for message, text in cases:
            with self.subTest(type=message["type"]):
                value["messages"] = [
                    dict(message, **{"from": "989121112233", "id": "wamid.X", "timestamp": "1"})
                ]
                [item], _statuses = meta.whatsapp_events(WhatsappWebhook.model_validate(document))
                self.assertEqual(item["summary"], text)

    def test_whatsapp_events(self):
        items, statuses = meta.whatsapp_events(
            WhatsappWebhook.model_validate(load("whatsapp_messages.json"))
        )
        self.assertEqual(len(items), 2)
        self.assertEqual(
            {k: items[0][k] for k in ("channel", "direction", "provider", "occurred_at")},
            {
                "channel": "whatsapp",
                "direction": "inbound",
                "provider": "whatsapp:106540352242922",
                "occurred_at": "2025-03-21T06:30:00+00:00",
            },
        )
        self.assertEqual(
            items[0]["keys"],
            {
                "external_id": "whatsapp:989121112233",
                "whatsapp": "+989121112233",
                "mobile": "+989121112233",
            },
        )
        self.assertEqual(statuses, [])
        _items, statuses = meta.whatsapp_events(
            WhatsappWebhook.model_validate(load("whatsapp_status_failed.json"))
        )
        self.assertEqual(statuses[0]["status"], "failed")
        self.assertEqual(statuses[0]["error"], "131047 Re-engagement message")

    def test_instagram_events(self):
        items, statuses = meta.instagram_events(
            InstagramWebhook.model_validate(load("instagram_messages.json"))
        )
        self.assertEqual([i["direction"] for i in items], ["inbound", "inbound"])
        self.assertEqual(items[0]["provider"], "instagram:17841405793187218")
        self.assertEqual(items[0]["keys"], {"external_id": "instagram:1254459154682919"})
        echo, _statuses = meta.instagram_events(
            InstagramWebhook.model_validate(load("instagram_echo.json"))
        )
        self.assertEqual(echo[0]["direction"], "outbound")
        self.assertEqual(echo[0]["keys"], {"external_id": "instagram:1254459154682919"})
        _items, statuses = meta.instagram_events(
            InstagramWebhook.model_validate(load("instagram_read.json"))
        )
        self.assertEqual(statuses[0]["status"], "read")

    def test_send_requests_and_answers(self):
        url, headers, body = meta.send_request("whatsapp", "", "106", "tok", "98912", "hi")
        self.assertEqual(url, "https://graph.facebook.com/v21.0/106/messages")
        self.assertEqual(headers["Authorization"], "Bearer tok")
        self.assertEqual(body["to"], "98912")
        url, _headers, body = meta.send_request("instagram", "http://x/v1/", "178", "t", "12", "a")
        self.assertEqual(url, "http://x/v1/178/messages")
        self.assertEqual(body, {"recipient": {"id": "12"}, "message": {"text": "a"}})
        answers = [
            ("whatsapp", 200, '{"messages": [{"id": "wamid.1"}]}', ("wamid.1", None)),
            ("instagram", 200, '{"recipient_id": "1", "message_id": "m.1"}', ("m.1", None)),
            ("instagram", 400, '{"error": {"code": 10, "message": "no"}}', (None, "10 no")),
            ("whatsapp", 502, "<html>", (None, "HTTP 502")),
            ("whatsapp", 200, "{}", (None, "no message id in the answer")),
        ]
        for route, status, text, expected in answers:
            with self.subTest(route=route, status=status, text=text):
                self.assertEqual(meta.read_send_answer(route, status, text), expected)

    def test_providers_of_routes_and_accounts(self):
        self.assertEqual(route_provider("sms_ghasedak", 4), "sms_ghasedak")
        self.assertEqual(route_provider("telegram", 4), "telegram:4")
        self.assertEqual(route_provider("rubika"), "rubika")
        self.assertEqual(meta.account_of("whatsapp:106"), ("whatsapp", "106"))
        self.assertEqual(meta.account_of("telegram:4"), (None, None))
        self.assertEqual(meta.account_of(False), (None, None))
        self.assertEqual(meta.customer_id("instagram", ["x", "instagram:12"]), "12")

    def test_quarantined_meta_documents(self):
        document = load("instagram_messages.json")
        self.assertEqual(
            guess_external_id("instagram", document),
            document["entry"][0]["messaging"][0]["message"]["mid"],
        )
        self.assertTrue(guess_external_id("whatsapp", load("whatsapp_messages.json")))
        self.assertIsNone(guess_external_id("whatsapp", {"entry": "x"}))
        with self.assertRaises(ValueError):
            map_document("whatsapp", load("whatsapp_messages.json"))
        item = map_document("whatsapp", load("whatsapp_document_unknown.json"))
        self.assertEqual(item["provider"], "whatsapp:106540352242922")
        self.assertIsNone(map_document("instagram", load("instagram_read.json")))
