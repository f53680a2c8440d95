"""The pure helpers computing Jalali periods."""

import datetime

from odoo.tests import BaseCase, tagged

from odoo.addons.web_jalali.tools.periods import (
    period_parts,
    period_range,
    period_start,
    shift_period,
    to_persian_digits,
)

D = datetime.date


@tagged("web_jalali")
class TestJalaliPeriods(BaseCase):
    def test_period_start_on_both_sides_of_the_edges(self):
        cases = [
            # day, granularity, first day of its Jalali period
            (D(2026, 3, 20), "month", D(2026, 2, 20)),  # 29 Esfand 1404
            (D(2026, 3, 21), "month", D(2026, 3, 21)),  # 1 Farvardin 1405
            (D(2026, 11, 21), "month", D(2026, 10, 23)),  # 30 Aban 1405
            (D(2026, 11, 22), "month", D(2026, 11, 22)),  # 1 Azar 1405
            (D(2026, 11, 22), "quarter", D(2026, 9, 23)),  # autumn 1405 starts 1 Mehr
            (D(2026, 9, 22), "quarter", D(2026, 6, 22)),  # 31 Shahrivar: summer
            (D(2026, 3, 20), "year", D(2025, 3, 21)),
            (D(2026, 3, 21), "year", D(2026, 3, 21)),
            (D(2025, 3, 20), "month", D(2025, 2, 19)),  # 30 Esfand 1403 (leap year)
            (datetime.datetime(2026, 11, 22, 23, 59), "month", D(2026, 11, 22)),
        ]
        for day, granularity, expected in cases:
            with self.subTest(day=day, granularity=granularity):
                self.assertEqual(period_start(day, granularity), expected)

    def test_shift_and_range(self):
        self.assertEqual(shift_period(D(2026, 11, 22), "month"), D(2026, 12, 22))  # 1 Dey
        self.assertEqual(shift_period(D(2026, 3, 21), "month", -1), D(2026, 2, 20))
        self.assertEqual(shift_period(D(2026, 2, 20), "quarter"), D(2026, 3, 21))
        self.assertEqual(shift_period(D(2026, 3, 21), "year", -2), D(2024, 3, 20))
        self.assertEqual(
            period_range(D(2026, 3, 1), D(2026, 5, 1), "month"),
            [D(2026, 2, 20), D(2026, 3, 21), D(2026, 4, 21)],
        )
        self.assertEqual(period_range(D(2026, 5, 1), D(2026, 3, 1), "month"), [])

    def test_parts_and_digits(self):
        self.assertEqual(period_parts(D(2026, 11, 22), "month"), (1405, 9))
        self.assertEqual(period_parts(D(2026, 11, 22), "quarter"), (1405, 3))
        self.assertEqual(period_parts(D(2026, 3, 20), "year"), (1404, 1))
        self.assertEqual(to_persian_digits(1405), "۱۴۰۵")

    def test_other_granularities_are_refused(self):
        for granularity in ("week", "day", "month_number", "", None):
            with self.subTest(granularity=granularity), self.assertRaises(ValueError):
                period_start(D(2026, 1, 1), granularity)
