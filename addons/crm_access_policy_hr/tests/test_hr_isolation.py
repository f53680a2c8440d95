from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon, new_user_admin

# Employee data a customer-data role must never reach (those the installed
# hr has: private address, contact and bank, emergency contact, identity,
# contract and wage).
PRIVATE_FIELDS = (
    "private_street",
    "private_city",
    "private_email",
    "private_phone",
    "bank_account_ids",
    "emergency_contact",
    "emergency_phone",
    "identification_id",
    "ssnid",
    "passport_id",
    "birthday",
    "contract_wage",
    "wage",
)


@tagged("post_install", "-at_install", "crm_access_policy_hr", "crm_access_policy")
class TestHrIsolation(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_officer = new_test_user(
            cls.env, login="ap_hr_officer", groups="base.group_user,hr.group_hr_user"
        )
        # one person: a customer of the north team, and an employee
        cls.person = cls.north
        cls.person.mobile = "09111238888"
        cls.bank = cls.env["res.partner.bank"].create(
            {"partner_id": cls.person.id, "acc_number": "IR820540102680020817909002"}
        )
        cls.department = cls.env["hr.department"].create({"name": "Downsized"})
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "North employee",
                "work_contact_id": cls.person.id,
                "private_street": "Private street 1",
                "private_email": "home@example.com",
                "emergency_contact": "Sister",
                "identification_id": "0499370899",
                "bank_account_ids": [(6, 0, cls.bank.ids)],
            }
        )
        cls.staff = cls.env["hr.employee"].create(
            {"name": "Staff", "department_id": cls.department.id, "user_id": cls.agent2.id}
        )
        cls.other_bank = cls.env["res.partner.bank"].create(
            {"partner_id": cls.south.id, "acc_number": "IR062960000000100324200001"}
        )

    def test_crm_roles_cannot_read_employee_private_fields(self):
        fnames = [f for f in PRIVATE_FIELDS if f in self.env["hr.employee"]._fields]
        self.assertGreaterEqual(len(fnames), 8)
        for role in ("agent", "lead", "manager", "auditor", "clerk", "accountant"):
            employee = self.employee.with_user(self.users[role])
            for fname in fnames:
                with self.subTest(role=role, field=fname), self.assertRaises(AccessError):
                    employee.read([fname])
            with self.subTest(role=role, field="employee_ids"), self.assertRaises(AccessError):
                self.person.with_user(self.users[role]).read(["employee_ids"])
        self.assertEqual(
            self.employee.with_user(self.hr_officer).read(["private_street"])[0]["private_street"],
            "Private street 1",
        )

    def test_the_360_shows_the_employee_role_to_hr_only(self):
        Interaction = self.env["crm.interaction"]
        for user, sees in ((self.agent, False), (self.manager, False), (self.hr_officer, True)):
            with self.subTest(user=user.login):
                partner = self.person.with_user(user)
                self.assertEqual(partner.cid_is_employee, sees)
                self.assertEqual("employee" in partner._crm_access_roles(), sees)
        card = Interaction.with_user(self.agent).caller_card("09111238888")
        self.assertEqual(card["partner_id"], self.person.id)
        self.assertNotIn("employee", card["roles"])
        # the employee button of the contact form is for HR officers
        arch = (
            self.env["res.partner"]
            .with_user(self.agent)
            .get_view(self.env.ref("base.view_partner_form").id)["arch"]
        )
        self.assertNotIn("action_open_employees", arch)

    def test_bank_accounts_of_employees_are_hidden_from_crm_roles(self):
        Bank = self.env["res.partner.bank"]
        banks = (self.bank | self.other_bank).ids
        for role in ("agent", "lead", "manager", "auditor"):
            with self.subTest(role=role):
                found = Bank.with_user(self.users[role]).search([("id", "in", banks)])
                self.assertEqual(found, self.other_bank)
                with self.assertRaises(AccessError):
                    self.bank.with_user(self.users[role]).read(["acc_number"])
        self.assertEqual(
            Bank.with_user(self.hr_officer).search([("id", "in", banks)]),
            self.bank | self.other_bank,
        )

    def test_layoff_mode_by_department(self):
        user_admin = new_user_admin(self.env, "ap_hr_user_admin")
        wizard = (
            self.env["crm.access.watch.wizard"]
            .with_user(user_admin)
            .create({"department_ids": [(6, 0, self.department.ids)]})
        )
        wizard.action_apply()
        self.assertTrue(self.agent2.crm_access_watch)
        self.assertFalse(self.agent.crm_access_watch)
        self.assertIn("Layoff mode switched on", self.agent2.partner_id.message_ids[0].body)
