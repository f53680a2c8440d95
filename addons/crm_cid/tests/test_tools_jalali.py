from datetime import date, datetime

from odoo.tests import BaseCase, tagged

from odoo.addons.crm_cid.tools import jalali


@tagged("crm_cid")
class TestToolsJalali(BaseCase):
    def test_dates_across_nowruz_and_leap_years(self):
        # 1403 and 1408 are leap years (Esfand has 30 days), 1404 and 1407 are not
        cases = [
            (date(2024, 3, 19), "1402/12/29"),
            (date(2024, 3, 20), "1403/01/01"),
            (date(2025, 3, 20), "1403/12/30"),
            (date(2025, 3, 21), "1404/01/01"),
            (date(2026, 3, 20), "1404/12/29"),
            (date(2026, 3, 21), "1405/01/01"),
            (date(2029, 3, 19), "1407/12/29"),
            (date(2029, 3, 20), "1408/01/01"),
            (date(2030, 3, 20), "1408/12/30"),
            (date(2030, 3, 21), "1409/01/01"),
            (date(2024, 2, 29), "1402/12/10"),
            (date(2026, 11, 23), "1405/09/02"),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(jalali.format_date(value), expected)

    def test_month_bounds_follow_the_leap_years(self):
        cases = [
            ((1403, 12), (date(2025, 2, 19), date(2025, 3, 21))),
            ((1404, 12), (date(2026, 2, 20), date(2026, 3, 21))),
            ((1407, 12), (date(2029, 2, 19), date(2029, 3, 20))),
            ((1408, 12), (date(2030, 2, 19), date(2030, 3, 21))),
            ((1404, 1), (date(2025, 3, 21), date(2025, 4, 21))),
            ((1404, None), (date(2025, 3, 21), date(2026, 3, 21))),
        ]
        for (year, month), expected in cases:
            with self.subTest(year=year, month=month):
                self.assertEqual(jalali.month_bounds(year, month), expected)

    def test_datetimes_are_read_in_the_zone_given(self):
        # Tehran is UTC+3:30 all year: 20:30 UTC is midnight there
        before, at = datetime(2025, 3, 20, 20, 29), datetime(2025, 3, 20, 20, 30)
        cases = [
            (jalali.format_date, (before, None, "Asia/Tehran"), "1403/12/30"),
            (jalali.format_date, (at, None, "Asia/Tehran"), "1404/01/01"),
            (jalali.format_date, (at, None, "UTC"), "1403/12/30"),
            (jalali.format_datetime, (before, None, "Asia/Tehran"), "1403/12/30 23:59"),
            (jalali.format_datetime, (at, None, "Asia/Tehran"), "1404/01/01 00:00"),
            (jalali.format_datetime, (at, None, "UTC"), "1403/12/30 20:30"),
            (jalali.format_datetime, (at, None, "Europe/Berlin"), "1403/12/30 21:30"),
            (jalali.format_reader_date, (at, "en_US", "Asia/Tehran"), "2025-03-21"),
            (jalali.format_reader_date, (at, "en_US", "UTC"), "2025-03-20"),
            (jalali.format_reader_datetime, (at, "en_US", "Asia/Tehran"), "2025-03-21 00:00"),
            (jalali.year_month, (before, "Asia/Tehran"), (1403, 12)),
            (jalali.year_month, (at, "Asia/Tehran"), (1404, 1)),
            (jalali.year_month, (at, "UTC"), (1403, 12)),
        ]
        for function, args, expected in cases:
            with self.subTest(function=function.__name__, args=args):
                self.assertEqual(function(*args), expected)

    def test_one_zone_rule_falls_back_to_tehran(self):
        at = datetime(2025, 3, 20, 20, 30)
        for tz_name in (None, False, "", "Nowhere/Bad"):
            with self.subTest(tz_name=tz_name):
                self.assertEqual(jalali.format_datetime(at, tz_name=tz_name), "1404/01/01 00:00")
                self.assertEqual(
                    jalali.format_reader_datetime(at, "en_US", tz_name), "2025-03-21 00:00"
                )
        cases = [
            ((), "Asia/Tehran"),
            ((None, False, ""), "Asia/Tehran"),
            (("Nowhere/Bad", "Europe/Paris"), "Europe/Paris"),
            (("UTC", "Europe/Paris"), "UTC"),
            ((False, "Asia/Dubai", "Europe/Paris"), "Asia/Dubai"),
        ]
        for names, expected in cases:
            with self.subTest(names=names):
                self.assertEqual(jalali.resolve_tz_name(*names), expected)

    def test_dates_are_never_shifted_by_the_zone(self):
        for tz_name in ("UTC", "Asia/Tehran", "Pacific/Kiritimati", "America/Los_Angeles"):
            with self.subTest(tz_name=tz_name):
                self.assertEqual(jalali.format_date(date(2025, 3, 21), None, tz_name), "1404/01/01")

    def test_persian_readers_get_persian_digits(self):
        day, moment = date(2025, 3, 25), datetime(2025, 3, 25, 11, 0, 5)
        cases = [
            (jalali.format_date, (day, "fa_IR"), "۱۴۰۴/۰۱/۰۵"),
            (jalali.format_date, (day, "fa"), "۱۴۰۴/۰۱/۰۵"),
            (jalali.format_date, (day, "en_US"), "1404/01/05"),
            (jalali.format_date, (day, None), "1404/01/05"),
            (jalali.format_datetime, (moment, "fa_IR"), "۱۴۰۴/۰۱/۰۵ ۱۴:۳۰"),
            (jalali.format_datetime, (moment, "en_US"), "1404/01/05 14:30"),
            (jalali.format_datetime, (moment, "fa_IR", "UTC", True), "۱۴۰۴/۰۱/۰۵ ۱۱:۰۰:۰۵"),
            (jalali.format_datetime, (moment, "en_US", "UTC", True), "1404/01/05 11:00:05"),
            (jalali.format_date_long, (day, "fa_IR"), "۰۵ فروردین ۱۴۰۴"),
            (jalali.format_date_long, (day, "en_US"), "05 Farvardin 1404"),
            (jalali.format_reader_date, (day, "fa_IR"), "۱۴۰۴/۰۱/۰۵"),
            (jalali.format_reader_date, (day, "en_US"), "2025-03-25"),
            (jalali.format_reader_date, (day, "de_DE"), "2025-03-25"),
            (jalali.format_reader_datetime, (moment, "fa_IR"), "۱۴۰۴/۰۱/۰۵ ۱۴:۳۰"),
            (jalali.format_reader_datetime, (moment, "en_US"), "2025-03-25 14:30"),
        ]
        for function, args, expected in cases:
            with self.subTest(function=function.__name__, args=args):
                self.assertEqual(function(*args), expected)

    def test_empty_values_give_empty_text(self):
        functions = (
            jalali.format_date,
            jalali.format_datetime,
            jalali.format_date_long,
            jalali.format_reader_date,
            jalali.format_reader_datetime,
        )
        for function in functions:
            for value in (None, False):
                for lang in ("fa_IR", "en_US"):
                    with self.subTest(function=function.__name__, value=value, lang=lang):
                        self.assertEqual(function(value, lang), "")
        self.assertEqual(jalali.year_month(False), (0, 0))
        self.assertIsNone(jalali.to_jalali_date(None))
        self.assertIsNone(jalali.local_date(False))

    def test_persian_languages(self):
        for lang, expected in (("fa_IR", True), ("fa", True), ("en_US", False), (None, False)):
            with self.subTest(lang=lang):
                self.assertEqual(jalali.is_persian(lang), expected)

    def test_utc_bounds_of_local_days(self):
        start, end = jalali.utc_bounds(date(2025, 3, 21), date(2025, 3, 22))
        self.assertEqual(
            (start, end), (datetime(2025, 3, 20, 20, 30), datetime(2025, 3, 21, 20, 30))
        )
        start, _end = jalali.utc_bounds(date(2025, 3, 21), date(2025, 3, 22), "UTC")
        self.assertEqual(start, datetime(2025, 3, 21, 0, 0))

    def test_periods_typed_by_people(self):
        cases = [
            ("1404", (1404, None)),
            ("1404/05", (1404, 5)),
            (" 1404 - 5 ", (1404, 5)),
            ("۱۴۰۴/۰۵", (1404, 5)),
            ("١٤٠٤.١٢", (1404, 12)),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(jalali.parse_period(text), expected)
        for text in ("", "14", "1404/13", "1404/0", "1404/05/01", "May 2025", None, 1404):
            with self.subTest(text=text), self.assertRaises(ValueError):
                jalali.parse_period(text)
