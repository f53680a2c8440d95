import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .test_report import ReportCase


@tagged("post_install", "-at_install", "secretariat")
class TestRegisterPrint(ReportCase):
    """The printed indicator register of a period, with its filters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 1404/02/20 (10 May 2025) and 1404/02/31 (21 May 2025) at 01:00
        # in Tehran: still the previous Gregorian day in UTC
        with freeze_time("2025-05-09 21:30:00"):
            cls.first = cls.make_letter(subject="Complaint")
            cls.first.action_register()
        with freeze_time("2025-05-20 21:30:00"):
            cls.second = cls.make_letter("outgoing", subject="Answer")
            cls.second.action_register()
            cls.elsewhere = cls.make_letter(secretariat=cls.branch, subject="Branch")
            cls.elsewhere.action_register()
        with freeze_time("2025-05-22 08:00:00"):
            cls.later = cls.make_letter(subject="Too late")
            cls.later.action_register()

    def _wizard(self, user=None, **values):
        Wizard = self.env["secretariat.register.print"].with_user(user or self.clerk)
        form = Form(Wizard)
        form.date_from = datetime.date(2025, 5, 10)
        form.date_to = datetime.date(2025, 5, 21)
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def _print(self, wizard):
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "secretariat.report_register")
        letters = self.env["secretariat.letter"].browse(action["context"]["active_ids"])
        text = self._pdf_text(
            "secretariat.secretariat_letter_register_report", letters, data=action["data"]
        )
        return letters, text

    def test_period_shows_jalali_dates_next_to_gregorian_ones(self):
        wizard = self._wizard()
        self.assertEqual(wizard.date_from_jalali, "1404/02/20")
        self.assertEqual(wizard.date_to_jalali, "1404/02/31")

    def test_register_of_a_period_lists_its_numbers_in_jalali(self):
        letters, text = self._print(self._wizard(secretariat_id=self.head))
        self.assertEqual(letters, self.first | self.second)
        for letter in letters:
            number = letter.indicator_number
            kind = number.split("/")[1]
            self.assertTrue(number in text or f"1/{kind}/1404" in text, (number, text))
        # the period and the registration days, read in Tehran
        self.assertIn("1404/02/20", text)
        self.assertIn("1404/02/31", text)
        self.assertNotIn("TooLate", text)
        self.assertNotIn("Branch", text)

    def test_kind_and_secretariat_filters(self):
        letters, text = self._print(self._wizard(kind="outgoing"))
        self.assertEqual(letters, self.second)
        self.assertIn("Answer", text)
        self.assertNotIn("Complaint", text)
        letters, _text = self._print(self._wizard(secretariat_id=self.branch))
        self.assertEqual(letters, self.elsewhere)
        series = self.head.series_ids.filtered(lambda s: s.kind == "incoming")
        letters, _text = self._print(self._wizard(series_id=series))
        self.assertEqual(letters, self.first)

    def test_empty_or_reversed_period_is_refused(self):
        with self.assertRaises(UserError):
            self._wizard(
                date_from=datetime.date(2025, 6, 1), date_to=datetime.date(2025, 6, 30)
            ).action_print()
        with self.assertRaises(UserError):
            self._wizard(
                date_from=datetime.date(2025, 5, 21), date_to=datetime.date(2025, 5, 10)
            ).action_print()

    def test_reader_only_prints_the_letters_they_may_read(self):
        self.second.confidentiality = "confidential"
        letters = self._wizard(user=self.clerk).action_print()["context"]["active_ids"]
        self.assertEqual(letters, self.first.ids + self.elsewhere.ids)
        letters = self._wizard(user=self.officer).action_print()["context"]["active_ids"]
        self.assertEqual(len(letters), 3)
        with self.assertRaises(AccessError):
            self._wizard(user=self.staff)
