from odoo.tests import BaseCase, tagged

from ..models.crm_interaction_webhook_log import PROVIDERS
from ..schemas import BotUpdate, KavenegarSms, VoipCallEvent
from ..tools import providers


@tagged("crm_interaction_webhook")
class TestProviderMapping(BaseCase):
    def test_every_logged_provider_has_a_channel(self):
        self.assertEqual({code for code, _label in PROVIDERS}, set(providers.PROVIDER_CHANNELS))

    def test_call_item(self):
        event = VoipCallEvent(
            uniqueid="1.2",
            caller="09121112233",
            callee="201",
            start="2025-03-21T09:30:00+03:30",
            billsec=40,
            duration=45,
        )
        item = providers.call_item(event)
        self.assertEqual(item["channel"], "mobile")
        self.assertEqual(item["external_id"], "1.2")
        self.assertEqual(item["duration"], 40)
        self.assertEqual(item["mobile"], "09121112233")
        self.assertEqual(item["phone"], "09121112233")
        self.assertEqual(item["occurred_at"], "2025-03-21T09:30:00+03:30")

    def test_call_item_direction_and_disposition(self):
        cases = [
            ("inbound", "ANSWERED", "02188887777", "phone", 30),
            ("outbound", "ANSWERED", "09351112233", "mobile", 30),
            ("inbound", "BUSY", "02188887777", "phone", 0),
        ]
        for direction, disposition, customer, channel, duration in cases:
            with self.subTest(direction=direction, disposition=disposition):
                caller, callee = ("201", customer) if direction == "outbound" else (customer, "201")
                event = VoipCallEvent(
                    uniqueid="9",
                    caller=caller,
                    callee=callee,
                    direction=direction,
                    start="2025-03-21T09:30:00Z",
                    disposition=disposition,
                    duration=30,
                )
                item = providers.call_item(event)
                self.assertEqual(item["channel"], channel)
                self.assertEqual(item["mobile"], customer)
                self.assertEqual(item["duration"], duration)

    def test_sms_item_takes_unix_time_and_defaults_to_now(self):
        sms = KavenegarSms.model_validate(
            {"from": "0912", "to": "1000", "message": "hi", "messageid": 5, "date": 0}
        )
        item = providers.kavenegar_item(sms)
        self.assertEqual(item["external_id"], "5")
        self.assertEqual(item["occurred_at"], "1970-01-01T00:00:00+00:00")
        sms = KavenegarSms.model_validate(
            {"from": "0912", "to": "1000", "message": "hi", "messageid": "a"}
        )
        self.assertTrue(providers.kavenegar_item(sms)["occurred_at"])

    def test_bot_item(self):
        update = BotUpdate.model_validate(
            {
                "update_id": 1,
                "message": {
                    "message_id": 3,
                    "date": 0,
                    "chat": {"id": -100, "type": "private"},
                    "from": {"id": 42, "username": "Reza"},
                    "contact": {"phone_number": "+989121112233", "user_id": 42},
                },
            }
        )
        item = providers.bot_item("telegram", update)
        self.assertEqual(item["external_id"], "-100:3")
        self.assertEqual(item["telegram"], "Reza")
        self.assertEqual(item["keys"], {"external_id": "telegram:42"})
        self.assertEqual(item["mobile"], "+989121112233")
        bale = providers.bot_item("bale", update)
        self.assertNotIn("telegram", bale)
        self.assertEqual(bale["channel"], "bale")
        self.assertIsNone(providers.bot_item("bale", BotUpdate(update_id=2)))

    def test_guess_external_id(self):
        cases = [
            ("voip", {"uniqueid": " 17.1 "}, "17.1"),
            ("sms_kavenegar", {"messageid": 12}, "12"),
            ("sms_melipayamak", {"msgid": True}, None),
            ("telegram", {"message": {"message_id": 4, "chat": {"id": 9}}}, "9:4"),
            ("bale", {"message": "x"}, None),
            ("voip", "not json", None),
        ]
        for provider, data, expected in cases:
            with self.subTest(provider=provider, data=data):
                self.assertEqual(providers.guess_external_id(provider, data), expected)

    def test_decode_body(self):
        self.assertEqual(providers.decode_body(b'{"a": 1}'), {"a": 1})
        self.assertEqual(providers.decode_body(b"\xff{"), "\ufffd{")
