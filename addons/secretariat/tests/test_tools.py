import datetime

import jdatetime

from odoo.tests import BaseCase, tagged

from odoo.addons.secretariat.tools import jalali, numbering


@tagged("secretariat")
class TestJalaliTools(BaseCase):
    def test_days_around_nowruz_of_a_leap_year(self):
        # 1403 is a Jalali leap year: Esfand has 30 days
        cases = [
            (datetime.date(2025, 3, 19), "1403/12/29"),
            (datetime.date(2025, 3, 20), "1403/12/30"),
            (datetime.date(2025, 3, 21), "1404/01/01"),
            (datetime.date(2024, 3, 20), "1403/01/01"),
            (datetime.date(2026, 3, 20), "1404/12/29"),
            (datetime.date(2026, 3, 21), "1405/01/01"),
        ]
        for day, expected in cases:
            with self.subTest(day=day):
                self.assertEqual(jalali.format_date(day), expected)
        self.assertTrue(jdatetime.date(1403, 1, 1).isleap())

    def test_datetime_is_read_in_tehran_time(self):
        # 20:00 UTC on 20 March 2025 is 23:30 in Tehran (Esfand 30);
        # 21:00 UTC is 00:30 on 1 Farvardin 1404
        self.assertEqual(jalali.year_month(datetime.datetime(2025, 3, 20, 20, 0)), (1403, 12))
        self.assertEqual(jalali.year_month(datetime.datetime(2025, 3, 20, 21, 0)), (1404, 1))
        self.assertEqual(
            jalali.format_datetime(datetime.datetime(2025, 3, 20, 21, 0)), "1404/01/01 00:30"
        )
        self.assertEqual(
            jalali.year_month(datetime.datetime(2025, 3, 20, 21, 0), "UTC"), (1403, 12)
        )

    def test_persian_readers_read_persian_digits(self):
        day = datetime.date(2025, 3, 25)
        self.assertEqual(jalali.format_date(day, lang="fa_IR"), "۱۴۰۴/۰۱/۰۵")
        self.assertEqual(jalali.format_date(day, lang="en_US"), "1404/01/05")
        self.assertEqual(jalali.format_date(day), "1404/01/05")
        moment = datetime.datetime(2025, 3, 25, 11, 0)  # UTC
        self.assertEqual(jalali.format_datetime(moment, lang="fa_IR"), "۱۴۰۴/۰۱/۰۵ ۱۴:۳۰")
        self.assertEqual(
            jalali.format_datetime(moment, lang="fa_IR", tz_name="UTC"), "۱۴۰۴/۰۱/۰۵ ۱۱:۰۰"
        )

    def test_empty_values(self):
        self.assertEqual(jalali.format_date(False), "")
        self.assertEqual(jalali.format_datetime(None), "")
        self.assertEqual(jalali.year_month(False), (0, 0))

    def test_month_and_year_bounds(self):
        self.assertEqual(
            jalali.month_bounds(1403, 12), (datetime.date(2025, 2, 19), datetime.date(2025, 3, 21))
        )
        self.assertEqual(
            jalali.month_bounds(1404), (datetime.date(2025, 3, 21), datetime.date(2026, 3, 21))
        )
        self.assertEqual(
            jalali.month_bounds(1404, 1), (datetime.date(2025, 3, 21), datetime.date(2025, 4, 21))
        )
        start, end = jalali.utc_bounds(datetime.date(2025, 3, 21), datetime.date(2025, 3, 22))
        self.assertEqual(start, datetime.datetime(2025, 3, 20, 20, 30))
        self.assertEqual(end, datetime.datetime(2025, 3, 21, 20, 30))

    def test_parse_period(self):
        cases = [
            ("1404", (1404, None)),
            ("1404/05", (1404, 5)),
            ("۱۴۰۴/۱۲", (1404, 12)),
            (" 1403-1 ", (1403, 1)),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(jalali.parse_period(text), expected)
        for text in ("", "14", "1404/13", "1404/0", "Farvardin", None):
            with self.subTest(text=text), self.assertRaises(ValueError):
                jalali.parse_period(text)

    def test_long_date_in_persian(self):
        self.assertEqual(
            jalali.format_date_long(datetime.date(2025, 3, 25), lang="fa_IR"), "۰۵ فروردین ۱۴۰۴"
        )
        self.assertEqual(
            jalali.format_date_long(datetime.date(2025, 3, 25), lang="en_US"), "05 Farvardin 1404"
        )


@tagged("secretariat")
class TestNumberFormat(BaseCase):
    def test_default_format(self):
        self.assertEqual(
            numbering.render(numbering.DEFAULT_FORMAT, jyear=1404, kind="incoming", seq=12),
            "1404/و/12",
        )
        self.assertEqual(
            numbering.render(numbering.DEFAULT_FORMAT, jyear=1404, kind="outgoing", seq=1),
            "1404/ص/1",
        )
        self.assertEqual(
            numbering.render(numbering.DEFAULT_FORMAT, jyear=1404, kind="internal", seq=3),
            "1404/د/3",
        )

    def test_branch_series_and_padding(self):
        self.assertEqual(
            numbering.render(
                "{branch}-{jyy}/{series}/{seq}",
                jyear=1404,
                kind="incoming",
                seq=7,
                padding=4,
                branch="ES",
                series="F",
            ),
            "ES-04/F/0007",
        )

    def test_format_problems(self):
        self.assertEqual(numbering.format_problems("{jyear}/{kind}/{seq}"), [])
        self.assertEqual(numbering.format_problems("{jyear}/{kind}"), ["no_seq"])
        self.assertIn("unknown:year", numbering.format_problems("{year}/{seq}"))
        self.assertIn("spec:seq", numbering.format_problems("{seq:05d}"))
        self.assertEqual(numbering.format_problems("{seq"), ["syntax"])
