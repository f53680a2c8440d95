from pydantic import ValidationError

from odoo.tests import BaseCase, tagged

from ..models.crm_interaction_webhook_log import PROVIDERS
from ..schemas import BotUpdate, EitaaUpdate, KavenegarSms, RubikaUpdate, VoipCallEvent
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
            ("eitaa", {"edited_message": {"message_id": 5, "chat": {"id": -3}}}, "-3:5"),
            ("rubika", {"update": {"chat_id": "b0x", "new_message": {"message_id": "7"}}}, "b0x:7"),
            ("rubika", {"update": {"chat_id": True, "new_message": {"message_id": 7}}}, None),
            ("rubika", {"inline_message": {"message_id": "7"}}, None),
            ("voip", "not json", None),
        ]
        for provider, data, expected in cases:
            with self.subTest(provider=provider, data=data):
                self.assertEqual(providers.guess_external_id(provider, data), expected)

    def test_decode_body(self):
        self.assertEqual(providers.decode_body(b'{"a": 1}'), {"a": 1})
        self.assertEqual(providers.decode_body(b"\xff{"), "\ufffd{")
        self.assertEqual(providers.decode_body(b"a\x00b"), "a\ufffdb")

    def test_eitaa_item_is_the_telegram_mapping_on_its_own_channel(self):
        update = EitaaUpdate.model_validate(
            {
                "update_id": 1,
                "message": {
                    "message_id": 3,
                    "date": 0,
                    "chat": {"id": 42},
                    "from": {"id": 42, "username": "reza"},
                    "text": "سلام",
                },
            }
        )
        item = providers.bot_item("eitaa", update)
        self.assertEqual(item["channel"], "eitaa")
        self.assertEqual(item["external_id"], "42:3")
        self.assertEqual(item["keys"], {"external_id": "eitaa:42"})
        self.assertNotIn("telegram", item)

    def test_rubika_item(self):
        document = RubikaUpdate.model_validate(
            {
                "update": {
                    "type": "NewMessage",
                    "chat_id": "b0abc",
                    "new_message": {
                        "message_id": 204215121115944300,
                        "time": "1643122902",
                        "sender_type": "User",
                        "sender_id": "u0xyz",
                        "contact_message": {"phone_number": "989121112233", "first_name": "Ali"},
                    },
                }
            }
        )
        item = providers.rubika_item(document)
        self.assertEqual(item["external_id"], "b0abc:204215121115944300")
        self.assertEqual(item["keys"], {"external_id": "rubika:u0xyz"})
        self.assertEqual(item["occurred_at"], "2022-01-25T15:01:42+00:00")
        # a shared contact is kept in the text, not taken for the sender's number
        self.assertEqual(item["summary"], "Ali 989121112233")
        self.assertNotIn("mobile", item)
        cases = [
            {"inline_message": {"message_id": "1", "chat_id": "b0abc"}},
            {"update": {"type": "StartedBot", "chat_id": "b0abc"}},
            {
                "update": {
                    "type": "NewMessage",
                    "chat_id": "b0abc",
                    "new_message": {"message_id": 1, "time": 0, "sender_type": "Bot"},
                }
            },
        ]
        for data in cases:
            with self.subTest(data=data):
                self.assertIsNone(providers.rubika_item(RubikaUpdate.model_validate(data)))

    def test_map_document_validates_like_the_route(self):
        item = providers.map_document(
            "sms_kavenegar", {"from": "0912", "to": "1", "message": "x", "messageid": "9"}
        )
        self.assertEqual(item["external_id"], "9")
        with self.assertRaises(ValidationError):
            providers.map_document("sms_kavenegar", {"to": "1"})
        with self.assertRaises(ValidationError):
            providers.map_document("rubika", "not a document")
        self.assertEqual(set(providers.provider_mappings()), set(providers.PROVIDER_CHANNELS))

    def test_sms_forms_send_blank_dates(self):
        sms = KavenegarSms.model_validate(
            {"from": "0912", "to": "1", "message": "", "messageid": "5", "date": " "}
        )
        self.assertIsNone(sms.date)
        self.assertEqual(sms.messageid, "5")
