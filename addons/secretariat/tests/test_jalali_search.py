from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import SecretariatCommon


@tagged("post_install", "-at_install", "secretariat")
class TestJalaliSearch(SecretariatCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2025-03-20 20:00:00"):  # 1403/12/30 23:30 Tehran
            cls.esfand = cls.make_letter(subject="اسفند")
            cls.esfand.action_register()
        with freeze_time("2025-03-20 21:00:00"):  # 1404/01/01 00:30 Tehran
            cls.farvardin = cls.make_letter(subject="فروردین")
            cls.farvardin.action_register()
        with freeze_time("2025-05-10 08:00:00"):  # 1404/02/20
            cls.ordibehesht = cls.make_letter("outgoing", subject="اردیبهشت")
            cls.ordibehesht.action_register()
            cls.draft = cls.make_letter(subject="پیش‌نویس")
        cls.all = cls.esfand | cls.farvardin | cls.ordibehesht | cls.draft

    def find(self, period):
        return self.Letter.search([("id", "in", self.all.ids), ("jalali_period", "=", period)])

    def test_stored_jalali_fields(self):
        self.assertEqual((self.esfand.jalali_year, self.esfand.jalali_month), (1403, "12"))
        self.assertEqual((self.farvardin.jalali_year, self.farvardin.jalali_month), (1404, "1"))
        self.assertEqual(self.draft.letter_date_jalali, "1404/02/20")
        self.assertEqual(self.farvardin.jalali_period, "1404/01")

    def test_search_by_jalali_year_and_month(self):
        self.assertEqual(self.find("1403"), self.esfand)
        self.assertEqual(self.find("1403/12"), self.esfand)
        self.assertEqual(self.find("۱۴۰۴"), self.farvardin | self.ordibehesht | self.draft)
        self.assertEqual(self.find("1404/1"), self.farvardin)
        self.assertEqual(self.find("1404/02"), self.ordibehesht | self.draft)

    def test_relative_periods(self):
        with freeze_time("2025-05-15 08:00:00"):
            self.assertEqual(self.find("this_month"), self.ordibehesht | self.draft)
            self.assertEqual(self.find("last_month"), self.farvardin)
            self.assertEqual(self.find("last_year"), self.esfand)

    def test_bad_period_is_explained(self):
        with self.assertRaises(UserError):
            self.find("Farvardin")

    def test_read_register(self):
        self.esfand.action_cancel()
        lines = self.Letter.read_register(1403, secretariat_id=self.head.id)
        self.assertEqual([line["number"] for line in lines], ["1403/و/1"])
        self.assertTrue(lines[0]["void"])
        self.assertEqual(lines[0]["registered_at_jalali"], "1403/12/30 23:30")
        lines = self.Letter.read_register(1404, kind="outgoing", secretariat_id=self.head.id)
        self.assertEqual([line["number"] for line in lines], ["1404/ص/1"])
        self.assertEqual(lines[0]["correspondent"], "مریم رضایی")
        self.assertEqual(len(self.Letter.read_register(1404, 1, secretariat_id=self.head.id)), 1)

    def test_register_lists_only_readable_letters(self):
        self.farvardin.confidentiality = "secret"
        lines = self.Letter.with_user(self.clerk).read_register(1404, secretariat_id=self.head.id)
        self.assertEqual([line["number"] for line in lines], ["1404/ص/1"])
