from datetime import datetime

from odoo.tests import BaseCase, tagged

from ..tools.ingest import (
    IngestError,
    check_storable,
    find_phone_number,
    is_absent,
    parse_datetime,
    parse_direction,
    parse_duration,
    parse_external_id,
    parse_links,
    payload_text,
    resolve_customer,
    split_keys,
)


@tagged("crm_interaction")
class TestToolsIngest(BaseCase):
    def test_parse_datetime_converts_to_naive_utc(self):
        cases = [
            ("2025-03-21T09:30:00+03:30", datetime(2025, 3, 21, 6, 0)),
            ("2025-03-21T06:00:00Z", datetime(2025, 3, 21, 6, 0)),
            ("2025-03-21T06:00:00", datetime(2025, 3, 21, 6, 0)),
            ("2025-03-21 06:00:00.250", datetime(2025, 3, 21, 6, 0, 0, 250000)),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(parse_datetime(text), expected)

    def test_parse_datetime_rejects_jalali_and_garbage(self):
        for value in ("1404/01/01 10:00", "2025-03-21", "yesterday", "", None, 1711000000):
            with self.subTest(value=value), self.assertRaises(IngestError):
                parse_datetime(value)

    def test_parse_scalars(self):
        self.assertEqual(parse_external_id(" abc "), "abc")
        self.assertEqual(parse_external_id(42), "42")
        self.assertEqual(parse_direction("outbound"), "outbound")
        self.assertEqual(parse_duration(None), 0)
        self.assertEqual(parse_duration(61.6), 62)
        for call, value in (
            (parse_external_id, ""),
            (parse_external_id, None),
            (parse_external_id, True),
            (parse_external_id, "x" * 256),
            (parse_direction, "in"),
            (parse_duration, -1),
            (parse_duration, "10"),
            (parse_duration, True),
        ):
            with self.subTest(call=call.__name__, value=value), self.assertRaises(IngestError):
                call(value)

    def test_parse_links(self):
        self.assertEqual(
            parse_links([{"model": "res.partner", "id": 3}, {"model": "res.partner", "id": 3}]),
            [("res.partner", 3)],
        )
        for value in ("x", [{"model": "res.partner"}], [{"model": "a", "id": 0}], [{"m": 1}]):
            with self.subTest(value=value), self.assertRaises(IngestError):
                parse_links(value)

    def test_split_keys_merges_flat_and_nested(self):
        def is_key(name):
            return name in {"mobile", "email", "telegram"}

        item = {"channel": "sms", "mobile": "0912", "keys": {"email": "a@b.c"}, "telegram": ""}
        self.assertEqual(split_keys(item, is_key), {"mobile": "0912", "email": "a@b.c"})
        with self.assertRaises(IngestError):
            split_keys({"colour": "red"}, is_key)
        with self.assertRaises(IngestError):
            split_keys({"mobile": "1", "keys": {"mobile": "2"}}, is_key)

    def test_resolve_customer(self):
        matches = {
            ("mobile", "+989121111111"): [(7, 5)],
            ("email", "a@b.c"): [(8, 5)],
            ("phone", "+982188888888"): [(9, 9), (10, 10)],
        }
        self.assertEqual(resolve_customer([("mobile", "+989121111111")], matches), (7, 5, False))
        # two contacts of one company: the company
        self.assertEqual(
            resolve_customer([("mobile", "+989121111111"), ("email", "a@b.c")], matches),
            (5, 5, False),
        )
        self.assertEqual(
            resolve_customer([("phone", "+982188888888")], matches), (False, False, True)
        )
        self.assertEqual(resolve_customer([("email", "x@y.z")], matches), (False, False, False))

    def test_only_null_false_and_empty_text_are_absent(self):
        for value in (None, False, ""):
            self.assertTrue(is_absent(value))
        for value in (0, [], {}, " ", "x"):
            self.assertFalse(is_absent(value))
        with self.assertRaises(IngestError):
            parse_links(0)

    def test_check_storable_refuses_nul_and_lone_surrogates(self):
        check_storable({"body": "سلام", "keys": {"mobile": "0912"}, "links": [{"id": 1}]})
        for item, field in (
            ({"body": "a\x00b"}, "body"),
            ({"keys": {"email": "x\ud800@y.ir"}}, "keys.email"),
            ({"links": [{"model": "\x00"}]}, "links.model"),
        ):
            with self.subTest(field=field), self.assertRaises(IngestError) as caught:
                check_storable(item)
            self.assertIn(field, caught.exception.message._translate("en_US"))

    def test_payload_text_can_be_stored(self):
        text = payload_text({"body": "a\x00b", "subject": "\ud800"})
        self.assertNotIn("\x00", text)
        text.encode("utf-8")  # no lone surrogate left
        self.assertIn("\\ud800", text)

    def test_find_phone_number_in_a_gateway_subject(self):
        cases = [
            ("Fax from +98 21 8877 6655 (2 pages)", "+98 21 8877 6655"),
            ("نمابر از ۰۲۱-۸۸۷۷۶۶۵۵", "021-88776655"),
            ("FAX (021) 8877-6655", "(021) 8877-6655"),
            ("Voicemail 09121234567 at 10:30", "09121234567"),
            ("Invoice 12-34 of 2025", False),
            ("", False),
            (None, False),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(find_phone_number(text), expected)
