import datetime

from odoo.tests import BaseCase, tagged

from ..tools.jalali import format_jalali, is_persian


@tagged("crm_ledger")
class TestJalali(BaseCase):
    def test_gregorian_dates_become_jalali(self):
        cases = [
            (datetime.date(2025, 3, 21), False, "1404/01/01"),
            (datetime.date(2025, 3, 20), False, "1403/12/30"),
            (datetime.date(2026, 11, 23), False, "1405/09/02"),
            (datetime.datetime(2026, 11, 23, 23, 30), False, "1405/09/02"),
            (datetime.date(2025, 3, 21), True, "۱۴۰۴/۰۱/۰۱"),
            (None, False, ""),
            (False, True, ""),
        ]
        for value, persian, expected in cases:
            with self.subTest(value=value, persian=persian):
                self.assertEqual(format_jalali(value, persian_digits=persian), expected)

    def test_persian_languages(self):
        for lang, expected in (("fa_IR", True), ("fa", True), ("en_US", False), (None, False)):
            with self.subTest(lang=lang):
                self.assertEqual(is_persian(lang), expected)
