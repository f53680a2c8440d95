from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import SecretariatCommon

# 20 March 2025 is Esfand 30 1403, the last day of a Jalali leap year;
# Nowruz (1 Farvardin 1404) starts at 20:30 UTC that evening
BEFORE_NOWRUZ = "2025-03-20 20:00:00"
AFTER_NOWRUZ = "2025-03-20 21:00:00"


@tagged("post_install", "-at_install", "secretariat")
class TestNumbering(SecretariatCommon):
    def test_draft_has_no_number_registration_gives_one(self):
        with freeze_time("2025-05-10 08:00:00"):
            letter = self.make_letter()
            self.assertFalse(letter.indicator_number)
            self.assertEqual(letter.state, "draft")
            letter.action_register()
        self.assertEqual(letter.state, "registered")
        self.assertEqual(letter.indicator_number, "1404/و/1")
        self.assertEqual(letter.number_year, 1404)
        self.assertEqual(letter.sequence_number, 1)
        self.assertEqual(letter.registered_at_jalali, "1404/02/20 11:30")

    def test_each_kind_counts_on_its_own(self):
        with freeze_time("2025-05-10 08:00:00"):
            letters = (
                self.make_letter("incoming")
                | self.make_letter("outgoing")
                | self.make_letter("incoming")
                | self.make_letter("internal")
            )
            letters.action_register()
        self.assertEqual(
            letters.mapped("indicator_number"), ["1404/و/1", "1404/ص/1", "1404/و/2", "1404/د/1"]
        )

    def test_each_secretariat_keeps_its_own_series(self):
        with freeze_time("2025-05-10 08:00:00"):
            head = self.make_letter() | self.make_letter()
            branch = self.make_letter(secretariat=self.branch)
            (head | branch).action_register()
        self.assertEqual(head.mapped("indicator_number"), ["1404/و/1", "1404/و/2"])
        self.assertEqual(branch.indicator_number, "1404/و/1")
        self.assertNotEqual(head.series_id, branch.series_id)

    def test_numbering_restarts_on_first_farvardin(self):
        with freeze_time(BEFORE_NOWRUZ):
            old = self.make_letter() | self.make_letter()
            old.action_register()
        with freeze_time(AFTER_NOWRUZ):
            new = self.make_letter()
            new.action_register()
        self.assertEqual(old.mapped("indicator_number"), ["1403/و/1", "1403/و/2"])
        self.assertEqual(old[1].registered_at_jalali, "1403/12/30 23:30")
        self.assertEqual(new.indicator_number, "1404/و/1")
        self.assertEqual(new.registered_at_jalali, "1404/01/01 00:30")
        counters = self.env["secretariat.counter"].search([("series_id", "=", old.series_id.id)])
        self.assertEqual(
            sorted(counters.mapped(lambda c: (c.jalali_year, c.last_number))),
            [(1403, 2), (1404, 1)],
        )

    def test_secretariat_time_zone_decides_the_year(self):
        self.branch.tz = "UTC"
        with freeze_time(AFTER_NOWRUZ):
            in_tehran = self.make_letter()
            in_utc = self.make_letter(secretariat=self.branch)
            (in_tehran | in_utc).action_register()
        self.assertEqual(in_tehran.indicator_number, "1404/و/1")
        self.assertEqual(in_utc.indicator_number, "1403/و/1")

    def test_configurable_format_with_branch_and_padding(self):
        series = self.branch.series_ids.filtered(lambda s: s.kind == "outgoing")
        series.write({"number_format": "{branch}/{jyy}/{kind}/{seq}", "padding": 4})
        self.assertEqual(series.example, "TST-ES/04/ص/0007")
        with freeze_time("2025-05-10 08:00:00"):
            letter = self.make_letter("outgoing", secretariat=self.branch)
            letter.action_register()
        self.assertEqual(letter.indicator_number, "TST-ES/04/ص/0001")

    def test_invalid_format_is_refused(self):
        series = self.head.series_ids[:1]
        for bad in ("{jyear}/{kind}", "{year}/{seq}", "{seq:04d}"):
            with self.subTest(format=bad), self.assertRaises(ValidationError):
                series.number_format = bad

    def test_format_of_a_used_series_cannot_change(self):
        letter = self.make_letter()
        letter.action_register()
        with self.assertRaises(ValidationError):
            letter.series_id.number_format = "{seq}/{jyear}"
        self.assertEqual(letter.series_id.number_format, "{jyear}/{kind}/{seq}")

    def test_cancelled_letter_keeps_its_number_and_no_gap_follows(self):
        with freeze_time("2025-05-10 08:00:00"):
            first = self.make_letter()
            first.action_register()
            first.action_cancel(reason="ثبت تکراری")
            second = self.make_letter()
            second.action_register()
        self.assertEqual(first.state, "cancelled")
        self.assertTrue(first.is_void)
        self.assertEqual(first.indicator_number, "1404/و/1")
        self.assertEqual(first.cancel_reason, "ثبت تکراری")
        self.assertEqual(second.indicator_number, "1404/و/2")

    def test_cancelled_draft_has_no_number(self):
        letter = self.make_letter()
        letter.action_cancel()
        self.assertEqual(letter.state, "cancelled")
        self.assertFalse(letter.indicator_number)

    def test_number_cannot_be_typed_in(self):
        with self.assertRaises(UserError):
            self.make_letter(indicator_number="1404/و/99")
        letter = self.make_letter()
        with self.assertRaises(UserError):
            letter.write({"indicator_number": "1404/و/99"})
        with self.assertRaises(UserError):
            letter.write({"state": "registered"})
        self.assertFalse(letter.indicator_number)
        self.assertEqual(letter.state, "draft")

    def test_registered_letter_cannot_be_deleted_or_moved(self):
        letter = self.make_letter()
        letter.action_register()
        with self.assertRaises(UserError):
            letter.unlink()
        with self.assertRaises(UserError):
            letter.write({"kind": "outgoing"})
        with self.assertRaises(UserError):
            letter.write({"secretariat_id": self.branch.id})
        self.assertTrue(letter.exists())
        self.assertEqual(letter.kind, "incoming")
        # a draft may go
        draft = self.make_letter()
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_registering_twice_is_refused(self):
        letter = self.make_letter()
        letter.action_register()
        number = letter.indicator_number
        with self.assertRaises(UserError):
            letter.action_register()
        self.assertEqual(letter.indicator_number, number)
        self.assertEqual(letter.series_id.counter_ids.last_number, 1)

    def test_incomplete_batch_registers_nothing(self):
        good = self.make_letter()
        bad = self.make_letter(partner_id=False)
        with self.assertRaises(UserError):
            (good | bad).action_register()
        self.assertFalse(good.indicator_number)
        self.assertFalse(self.head.series_ids.counter_ids.filtered("last_number"))
