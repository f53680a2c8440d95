import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import SecretariatCommon


@tagged("post_install", "-at_install", "secretariat")
class TestReferral(SecretariatCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.letter = cls.make_letter(subject="شکایت از تاخیر ارسال")
        cls.letter.action_register()

    def test_referral_gives_the_recipient_a_todo(self):
        ids = self.letter.with_user(self.clerk).refer(
            [self.staff.id, self.staff_other.id], instruction="پاسخ تهیه شود", deadline="2025-06-01"
        )
        referrals = self.env["secretariat.letter.referral"].browse(ids)
        self.assertEqual(referrals.mapped("user_id"), self.staff | self.staff_other)
        self.assertEqual(set(referrals.mapped("state")), {"sent"})
        self.assertEqual(referrals.mapped("referrer_id"), self.clerk)
        self.assertEqual(referrals[0].deadline_jalali, "1404/03/11")
        activities = referrals.mapped("activity_id")
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.mapped("user_id"), self.staff | self.staff_other)
        self.assertEqual(set(activities.mapped("res_id")), {self.letter.id})
        # the recipient's inbox
        mine = self.env["secretariat.letter.referral"].with_user(self.staff).search([])
        self.assertEqual(mine, referrals.filtered(lambda r: r.user_id == self.staff))

    def test_recipient_sees_answers_and_only_they_can(self):
        referral = self.env["secretariat.letter.referral"].browse(
            self.letter.refer([self.staff.id])
        )
        as_staff = referral.with_user(self.staff)
        as_staff.action_mark_seen()
        self.assertEqual(referral.state, "seen")
        with self.assertRaises(UserError):
            referral.with_user(self.clerk).answer("من پاسخ می‌دهم")
        with self.assertRaises(AccessError):
            referral.with_user(self.staff_other).answer("من پاسخ می‌دهم")
        with self.assertRaises(UserError):
            as_staff.answer("  ")
        self.assertEqual(referral.state, "seen")
        as_staff.answer("با مشتری تماس گرفته شد")
        self.assertEqual(referral.state, "answered")
        self.assertEqual(referral.reply, "با مشتری تماس گرفته شد")
        self.assertFalse(referral.activity_id.active)
        with self.assertRaises(UserError):
            as_staff.answer("دوباره")

    def test_forward(self):
        referral = self.env["secretariat.letter.referral"].browse(
            self.letter.refer([self.staff.id], instruction="بررسی")
        )
        new_ids = referral.with_user(self.staff).forward([self.staff_other.id])
        self.assertEqual(referral.state, "forwarded")
        forwarded = self.env["secretariat.letter.referral"].browse(new_ids)
        self.assertEqual(forwarded.user_id, self.staff_other)
        self.assertEqual(forwarded.parent_id, referral)
        self.assertEqual(forwarded.referrer_id, self.staff)
        self.assertEqual(forwarded.instruction, "بررسی")
        self.assertTrue(self.letter.with_user(self.staff_other).read(["subject"]))

    def test_overdue_referral_escalates_to_the_manager_once(self):
        with freeze_time("2025-05-01 08:00:00"):
            ids = self.letter.refer([self.staff.id], deadline="2025-05-03")
        referral = self.env["secretariat.letter.referral"].browse(ids)
        Referral = self.env["secretariat.letter.referral"]
        with freeze_time("2025-05-03 08:00:00"):
            self.assertFalse(Referral._cron_escalate_overdue())
            self.assertFalse(referral.is_overdue)
        with freeze_time("2025-05-05 08:00:00"):
            referral.invalidate_recordset(["is_overdue"])
            self.assertTrue(referral.is_overdue)
            self.assertIn(referral, Referral.search([("is_overdue", "=", True)]))
            escalated = Referral._cron_escalate_overdue()
            self.assertEqual(escalated, referral)
            self.assertEqual(escalated.escalated_at, datetime.datetime(2025, 5, 5, 8, 0))
            to_manager = self.env["mail.activity"].search(
                [
                    ("res_model", "=", "secretariat.letter"),
                    ("res_id", "=", self.letter.id),
                    ("user_id", "=", self.manager.id),
                ]
            )
            self.assertEqual(len(to_manager), 1)
            self.assertFalse(Referral._cron_escalate_overdue())

    def test_answered_referral_is_not_overdue(self):
        with freeze_time("2025-05-01 08:00:00"):
            referral = self.env["secretariat.letter.referral"].browse(
                self.letter.refer([self.staff.id], deadline="2025-05-02")
            )
            referral.with_user(self.staff).answer("انجام شد")
        with freeze_time("2025-05-10 08:00:00"):
            referral.invalidate_recordset(["is_overdue"])
            self.assertFalse(referral.is_overdue)
            self.assertFalse(self.env["secretariat.letter.referral"]._cron_escalate_overdue())
