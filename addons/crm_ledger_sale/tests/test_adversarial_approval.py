from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install", "crm_ledger_sale")
class TestAdversarialApproval(AccountTestInvoicingCommon):
    """The approval of an order for a flagged customer comes from its method only.

    Each row of ``ATTACKS`` is ``(name, user, attempt)``: the attempt must
    raise ``AccessError`` and leave the orders' approvals as they were.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        company.write({"ledger_sale_approval": True, "ledger_sale_block_dissatisfied": True})
        user_values = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        cls.salesman = new_test_user(
            cls.env,
            "adv_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
            **user_values,
        )
        cls.manager = new_test_user(
            cls.env, "adv_sale_manager", groups="sales_team.group_sale_manager", **user_values
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "مشتری ناراضی",
                "ledger_is_dissatisfied": True,
                "ledger_dissatisfied_reason": "تأخیر در نصب",
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "پکیج دیواری", "list_price": 100.0, "taxes_id": [], "type": "service"}
        )
        cls.order = cls.make_order(cls.salesman)

    @classmethod
    def make_order(cls, user, context=None, **values):
        return (
            cls.env["sale.order"]
            .with_user(user)
            .with_context(**(context or {}))
            .create(
                {
                    "partner_id": cls.customer.id,
                    "order_line": [Command.create({"product_id": cls.product.id})],
                    **values,
                }
            )
        )

    # (name, user attribute, attempt(test, user))
    ATTACKS = (
        (
            "salesperson approves their own order",
            "salesman",
            lambda t, u: t.order.with_user(u).write(
                {"ledger_approved_by_id": u.id, "ledger_approved_date": fields.Datetime.now()}
            ),
        ),
        (
            "salesperson writes a manager's name as the approver",
            "salesman",
            lambda t, u: t.order.with_user(u).write({"ledger_approved_by_id": t.manager.id}),
        ),
        (
            "salesperson writes only the date of an approval",
            "salesman",
            lambda t, u: t.order.with_user(u).write(
                {"ledger_approved_date": fields.Datetime.now()}
            ),
        ),
        (
            "salesperson creates an order already approved",
            "salesman",
            lambda t, u: t.make_order(u, ledger_approved_by_id=t.manager.id),
        ),
        (
            "salesperson gives the approver as a context default",
            "salesman",
            lambda t, u: t.make_order(u, context={"default_ledger_approved_by_id": t.manager.id}),
        ),
        (
            "salesperson calls the approval method",
            "salesman",
            lambda t, u: t.order.with_user(u).action_ledger_approve(),
        ),
        (
            "sales manager writes the approval without the method",
            "manager",
            lambda t, u: t.order.with_user(u).write({"ledger_approved_by_id": u.id}),
        ),
    )

    def snapshot(self):
        return (
            self.env["sale.order"]
            .search([], order="id")
            .read(["ledger_approved_by_id", "ledger_approved_date", "state"])
        )

    def test_attacks_are_refused_and_write_nothing(self):
        for name, login, attempt in self.ATTACKS:
            with self.subTest(attack=name):
                before = self.snapshot()
                with self.assertRaises(AccessError):
                    attempt(self, getattr(self, login))
                self.assertEqual(self.snapshot(), before)
        self.assertTrue(self.order.ledger_needs_approval)

    def test_the_approval_method_records_and_tracks_the_approver(self):
        # the test environment turns tracking off: close the creation's
        # (untracked) transaction, then track the approval
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked_env = {"tracking_disable": False, "mail_notrack": False}
        self.order.with_user(self.manager).with_context(**tracked_env).action_ledger_approve()
        self.assertEqual(self.order.ledger_approved_by_id, self.manager)
        self.assertTrue(self.order.ledger_approved_date)
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "sale.order"),
                    ("mail_message_id.res_id", "=", self.order.id),
                ]
            )
            .field_id.mapped("name")
        )
        self.assertIn("ledger_approved_by_id", tracked)
        self.order.with_user(self.salesman).action_confirm()
        self.assertEqual(self.order.state, "sale")

    def test_the_customer_change_still_drops_the_approval(self):
        self.order.with_user(self.manager).action_ledger_approve()
        other = self.env["res.partner"].create({"name": "مشتری دیگر"})
        self.order.with_user(self.salesman).write({"partner_id": other.id})
        self.assertFalse(self.order.ledger_approved_by_id)
