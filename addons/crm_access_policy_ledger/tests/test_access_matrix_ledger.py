from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon
from odoo.addons.crm_access_policy.tests.matrix import ROLES, AccessMatrixMixin

# Roles in the order of ROLES (agent, lead, manager, auditor, clerk,
# accountant); each cell: on a statement (or line) of a customer of the
# agent's portfolio / of another team's (notation in
# crm_access_policy/tests/matrix.py). The ledger is not bound to portfolios:
# whoever reads it reads every customer's.
MATRIX = {
    "crm.ledger.statement": ("-", "-", "rwcu", "rwcu", "-", "rwcu"),
    "crm.ledger.statement.line": ("-", "-", "rwcu", "rwcu", "-", "rwcu"),
    # crm_ledger_helpdesk, with OCA Helpdesk: the helpdesk's users flag a
    # ticket's customer; none of the roles brings the helpdesk
    "helpdesk.ticket.dissatisfied": ("-", "-", "-", "-", "-", "-"),
}
OPTIONAL = ("helpdesk.ticket.dissatisfied",)
# Who reads the ledger's amounts on the customer, by role.
READS_AMOUNTS = (False, False, True, True, False, True)


@tagged("post_install", "-at_install", "crm_access_policy_ledger")
class TestAccessMatrixLedger(AccessMatrixMixin, AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        pair = (cls.north, cls.south)
        statements = tuple(
            env["crm.ledger.statement"].create(
                {"partner_id": partner.id, "date_from": "2026-01-01", "date_to": "2026-12-31"}
            )
            for partner in pair
        )
        cls.records = {
            "crm.ledger.statement": statements,
            "crm.ledger.statement.line": tuple(
                env["crm.ledger.statement.line"].create(
                    {"statement_id": statement.id, "ref": "INV/1", "debit": 100.0}
                )
                for statement in statements
            ),
        }
        if "helpdesk.ticket.dissatisfied" in env:
            cls.records["helpdesk.ticket.dissatisfied"] = tuple(
                env["helpdesk.ticket.dissatisfied"].create(
                    {
                        "ticket_id": env["helpdesk.ticket"]
                        .create(
                            {
                                "name": f"Complaint of {partner.name}",
                                "description": "<p>late delivery</p>",
                                "partner_id": partner.id,
                            }
                        )
                        .id,
                        "reason": "late delivery",
                    }
                )
                for partner in pair
            )

    def test_role_model_operation_matrix(self):
        cases = self.assert_access_matrix(MATRIX, self.records, optional=OPTIONAL)
        rows = len([model for model in MATRIX if model in self.env])
        self.assertEqual(cases, rows * len(ROLES) * 2 * 4)

    def test_accountant_works_the_ledger(self):
        accountant = self.users["accountant"]
        self.assertTrue(accountant.has_group("account.group_account_invoice"))
        statement = self.north.with_user(accountant).cid_statement("2026-01-01", "2026-12-31")
        self.assertEqual(statement["closing_balance"], 0.0)
        with self.assertRaises(AccessError):
            self.north.with_user(self.agent).cid_statement("2026-01-01", "2026-12-31")

    def test_ledger_amounts_by_role(self):
        for role, allowed in zip(ROLES, READS_AMOUNTS, strict=True):
            for partner in (self.north, self.south):
                customer = partner.with_user(self.users[role])
                with self.subTest(role=role, customer=partner.name):
                    if allowed:
                        self.assertEqual(
                            customer.read(["ledger_receivable"])[0]["ledger_receivable"], 0.0
                        )
                    else:
                        with self.assertRaises(AccessError):
                            customer.read(["ledger_receivable"])
                    # the caution flags are for everyone who serves the customer
                    self.assertFalse(customer.read(["ledger_has_caution"])[0]["ledger_has_caution"])
