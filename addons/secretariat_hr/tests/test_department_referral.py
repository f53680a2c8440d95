from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from odoo.addons.secretariat.tests.common import SecretariatCommon


@tagged("post_install", "-at_install", "secretariat_hr")
class TestDepartmentReferral(SecretariatCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Referral = cls.env["secretariat.letter.referral"]
        cls.head_of_finance = new_test_user(
            cls.env, "sh_finance_head", groups="base.group_user", email="finance@example.com"
        )
        cls.boss = new_test_user(cls.env, "sh_boss", groups="base.group_user")
        Employee = cls.env["hr.employee"]
        cls.boss_employee = Employee.create({"name": "مدیر عامل", "user_id": cls.boss.id})
        cls.finance_employee = Employee.create(
            {"name": "مدیر مالی", "user_id": cls.head_of_finance.id}
        )
        # the clerk reports to the managing director
        cls.clerk_employee = Employee.create(
            {"name": "کارمند دبیرخانه", "user_id": cls.clerk.id, "parent_id": cls.boss_employee.id}
        )
        Department = cls.env["hr.department"]
        cls.finance = Department.create(
            {"name": "امور مالی", "manager_id": cls.finance_employee.id}
        )
        cls.treasury = Department.create(
            {"name": "خزانه‌داری", "manager_id": cls.finance_employee.id}
        )
        cls.headless = Department.create({"name": "بایگانی"})
        cls.letter = cls.make_letter(subject="مطالبه وجه")
        cls.letter.action_register()

    def test_department_referral_goes_to_its_manager(self):
        ids = self.letter.with_user(self.clerk).refer_departments(
            [self.finance.id, self.treasury.id], instruction="بررسی شود", deadline="2025-06-01"
        )
        referral = self.Referral.browse(ids)
        # one manager of two departments: one referral, for the first
        self.assertEqual(len(referral), 1)
        self.assertEqual(referral.user_id, self.head_of_finance)
        self.assertEqual(referral.department_id, self.finance)
        self.assertEqual(referral.referrer_id, self.clerk)
        self.assertEqual(referral.activity_id.user_id, self.head_of_finance)
        self.assertEqual(self.letter.state, "referred")
        # the manager reads the letter referred to them and may forward it
        self.assertEqual(self.letter.with_user(self.head_of_finance).subject, "مطالبه وجه")
        referral.with_user(self.head_of_finance).forward([self.staff.id])
        self.assertEqual(referral.state, "forwarded")

    def test_bad_departments_are_refused_and_nothing_is_written(self):
        for department_ids in ([], [self.headless.id], [self.finance.id, 0], "finance"):
            with self.subTest(department_ids=department_ids), self.assertRaises(UserError):
                self.letter.with_user(self.clerk).refer_departments(department_ids)
        self.assertFalse(self.letter.referral_ids)
        self.assertEqual(self.letter.state, "registered")

    def test_refer_dialog_takes_departments_and_colleagues(self):
        form = Form(
            self.env["secretariat.letter.refer"]
            .with_user(self.clerk)
            .with_context(default_letter_ids=self.letter.ids)
        )
        form.department_ids.add(self.finance)
        form.save().action_confirm()
        self.assertEqual(self.letter.referral_ids.user_id, self.head_of_finance)
        form = Form(
            self.env["secretariat.letter.refer"]
            .with_user(self.clerk)
            .with_context(default_letter_ids=self.letter.ids)
        )
        form.department_ids.add(self.finance)
        form.user_ids.add(self.staff)
        form.save().action_confirm()
        self.assertEqual(self.letter.referral_ids.mapped("department_id"), self.finance)
        self.assertEqual(self.letter.referral_ids.user_id, self.head_of_finance | self.staff)
        # neither departments nor colleagues: refused
        wizard = (
            self.env["secretariat.letter.refer"]
            .with_user(self.clerk)
            .create({"letter_ids": self.letter.ids})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()

    def _escalated_to(self, referral):
        return (
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", "secretariat.letter"),
                    ("res_id", "=", referral.letter_id.id),
                    ("summary", "like", "Overdue"),
                ]
            )
            .user_id
        )

    def test_overdue_referral_escalates_to_the_referrer_manager(self):
        with freeze_time("2025-05-01 08:00:00"):
            mine = self.Referral.browse(
                self.letter.with_user(self.clerk).refer([self.staff.id], deadline="2025-05-03")
            )
            other = self.make_letter(subject="دیگر")
            other.action_register()
            # the secretariat manager has no employee: the secretariat's
            # manager (themselves here) hears of it, as without hr
            theirs = self.Referral.browse(
                other.with_user(self.manager).refer([self.staff.id], deadline="2025-05-03")
            )
        with freeze_time("2025-05-05 08:00:00"):
            escalated = self.Referral._cron_escalate_overdue()
        self.assertEqual(escalated, mine | theirs)
        self.assertEqual(self._escalated_to(mine), self.boss)
        self.assertEqual(self._escalated_to(theirs), self.manager)
        with freeze_time("2025-05-06 08:00:00"):
            self.assertFalse(self.Referral._cron_escalate_overdue())

    def test_referrer_without_manager_falls_back_to_the_secretariat_manager(self):
        self.clerk_employee.parent_id = False
        referral = self.Referral.browse(self.letter.with_user(self.clerk).refer([self.staff.id]))
        self.assertEqual(referral._get_escalation_targets()[referral], self.manager)
        # the branch has no manager either: the referrer hears of it
        letter = self.make_letter(secretariat=self.branch)
        letter.action_register()
        referral = self.Referral.browse(letter.with_user(self.clerk).refer([self.staff.id]))
        self.assertEqual(referral._get_escalation_targets()[referral], self.clerk)
