import datetime
import decimal

from psycopg2.extras import Json

from odoo.tests import BaseCase, tagged

from odoo.addons.crm_cid.tools.pg_copy import NULL, copy_line, copy_text, copy_value


@tagged("crm_cid")
class TestToolsPgCopy(BaseCase):
    def test_values_in_copy_text_format(self):
        cases = [
            (None, NULL),
            (True, "t"),
            (False, "f"),
            (0, "0"),
            (42, "42"),
            (1.5, "1.5"),
            (decimal.Decimal("2.50"), "2.50"),
            ("سارا", "سارا"),
            ("نام\u200cخانوادگی", "نام\u200cخانوادگی"),
            ("", ""),
            ("a\tb", "a\\tb"),
            ("line\nbreak\r", "line\\nbreak\\r"),
            ("back\\slash", "back\\\\slash"),
            ("\\N", "\\\\N"),
            (datetime.datetime(2026, 1, 2, 3, 4, 5, 6), "2026-01-02 03:04:05.000006"),
            (datetime.date(2026, 1, 2), "2026-01-02"),
            (Json({"en_US": "a\tb", "fa_IR": "ب"}), '{"en_US": "a\\\\tb", "fa_IR": "ب"}'),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(copy_value(value), expected)

    def test_copy_text_escapes_only_the_format_characters(self):
        self.assertEqual(copy_text("x\\y\tz\n"), "x\\\\y\\tz\\n")
        self.assertEqual(copy_text("C0001234 +989123456789"), "C0001234 +989123456789")

    def test_unknown_types_are_refused(self):
        for value in (b"bytes", [1, 2], {"a": 1}, object()):
            with self.subTest(value=value), self.assertRaises(TypeError):
                copy_value(value)

    def test_copy_line_joins_with_tabs(self):
        self.assertEqual(copy_line(["1", NULL, "t"]), "1\t\\N\tt\n")
