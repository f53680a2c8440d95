"""The web client's Jalali conversion (JavaScript) checked against jdatetime."""

import datetime
import json
import shutil
import subprocess

import jdatetime

from odoo.tests import BaseCase, tagged
from odoo.tools.misc import file_path

# Runs the conversion module in Node and prints, for every Jalali day of the
# range, [jalali year, month, day, gregorian year, month, day]; then, for every
# Gregorian day of the same span, the Jalali date the module gives.
NODE_SCRIPT = """
const [source, first, last] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const fs = await import("node:fs");
const code = fs.readFileSync(source, "utf8");
const J = await import("data:text/javascript;base64," + Buffer.from(code).toString("base64"));
const toGregorian = [];
for (let y = first; y <= last; y++) {
    for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= J.jalaliMonthLength(y, m); d++) {
            const g = J.toGregorian(y, m, d);
            toGregorian.push([y, m, d, g.year, g.month, g.day]);
        }
    }
}
const start = J.jalaliToDays(first, 1, 1);
const end = J.jalaliToDays(last + 1, 1, 1);
const toJalali = [];
for (let n = start; n < end; n++) {
    const g = J.daysToGregorian(n);
    const j = J.toJalali(g.year, g.month, g.day);
    toJalali.push([g.year, g.month, g.day, j.year, j.month, j.day]);
}
const leap = [];
for (let y = first; y <= last; y++) {
    leap.push([y, J.isJalaliLeapYear(y)]);
}
process.stdout.write(JSON.stringify({ toGregorian, toJalali, leap }));
"""

FIRST_YEAR = 1300
LAST_YEAR = 1500


@tagged("web_jalali")
class TestConversionAgainstJdatetime(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        node = shutil.which("node")
        if not node:
            raise AssertionError("Node.js is needed to run the web client's conversion module")
        source = file_path("web_jalali/static/src/jalali.js")
        out = subprocess.run(
            [
                node,
                "--input-type=module",
                "-e",
                NODE_SCRIPT,
                source,
                str(FIRST_YEAR),
                str(LAST_YEAR),
            ],
            capture_output=True,
            check=True,
            text=True,
            timeout=120,
        )
        cls.result = json.loads(out.stdout)

    def test_every_jalali_day_from_1300_to_1500_converts_like_jdatetime(self):
        rows = self.result["toGregorian"]
        expected_days = (
            jdatetime.date(LAST_YEAR + 1, 1, 1).togregorian()
            - jdatetime.date(FIRST_YEAR, 1, 1).togregorian()
        ).days
        self.assertEqual(len(rows), expected_days)
        wrong = [
            row for row in rows if jdatetime.date(*row[:3]).togregorian() != datetime.date(*row[3:])
        ]
        self.assertEqual(wrong[:10], [], f"{len(wrong)} Jalali days convert differently")

    def test_every_gregorian_day_of_the_span_converts_like_jdatetime(self):
        rows = self.result["toJalali"]
        self.assertEqual(rows[0][:3], [1921, 3, 21])
        self.assertEqual(rows[-1][:3], [2122, 3, 20])
        wrong = []
        for row in rows:
            day = jdatetime.date.fromgregorian(date=datetime.date(*row[:3]))
            if [day.year, day.month, day.day] != row[3:]:
                wrong.append(row)
        self.assertEqual(wrong[:10], [], f"{len(wrong)} Gregorian days convert differently")

    def test_leap_years_are_those_of_jdatetime(self):
        for year, leap in self.result["leap"]:
            with self.subTest(year=year):
                self.assertEqual(leap, jdatetime.date(year, 1, 1).isleap())

    def test_edges_of_the_year(self):
        by_jalali = {tuple(row[:3]): tuple(row[3:]) for row in self.result["toGregorian"]}
        cases = {
            (1404, 1, 1): (2025, 3, 21),
            (1403, 12, 30): (2025, 3, 20),
            (1404, 12, 29): (2026, 3, 20),
            (1399, 12, 30): (2021, 3, 20),
            (1405, 9, 1): (2026, 11, 22),
        }
        for jalali, gregorian in cases.items():
            with self.subTest(jalali=jalali):
                self.assertEqual(by_jalali[jalali], gregorian)
                self.assertEqual(jdatetime.date(*jalali).togregorian(), datetime.date(*gregorian))
        self.assertNotIn((1404, 12, 30), by_jalali)
