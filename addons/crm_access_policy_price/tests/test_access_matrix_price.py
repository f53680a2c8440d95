from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_access_policy.tests.matrix import ROLES, AccessMatrixMixin

from .common import PriceAccessCommon

# Roles in the order of ROLES (agent, lead, manager, auditor, clerk,
# accountant); each cell: on a price of the agent's portfolio / of another
# team's (notation in crm_access_policy/tests/matrix.py). Nobody creates
# quotes or logs on the models: the price service does, within the create
# rules of the caller (tests below).
MATRIX = {
    "crm.price.quote": ("r/-", "r/-", "r", "r", "-", "r"),
    "crm.price.log": ("r/-", "r/-", "r", "r", "-", "-"),
    "crm.price.check": ("rwc", "rwc", "rwc", "-", "-", "-"),
}


@tagged("post_install", "-at_install", "crm_access_policy_price")
class TestAccessMatrixPrice(AccessMatrixMixin, PriceAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checks = {
            partner: cls.env["crm.price.check"].create(
                {"partner_id": partner.id, "product_id": cls.product.id}
            )
            for partner in (cls.north, cls.south)
        }
        pair = (cls.north, cls.south)
        cls.records = {
            "crm.price.quote": tuple(cls.quotes[p] for p in pair),
            "crm.price.log": tuple(cls.logs[p] for p in pair),
            "crm.price.check": tuple(cls.checks[p] for p in pair),
        }

    def test_role_model_operation_matrix(self):
        cases = self.assert_access_matrix(MATRIX, self.records)
        self.assertEqual(cases, len(MATRIX) * len(ROLES) * 2 * 4)

    def test_agents_give_prices(self):
        self.assertTrue(self.agent.has_group("crm_price_consistency.group_price_user"))
        self.assertFalse(self.users["clerk"].has_group("crm_price_consistency.group_price_user"))

    def test_agent_gives_a_price_in_the_portfolio(self):
        result = (
            self.env["crm.price.quote"]
            .with_user(self.agent)
            .get_price(self.own.id, self.product.id, 2.0, "sales")
        )
        quote = self.env["crm.price.quote"].browse(result["quote_id"])
        self.assertEqual(quote.commercial_partner_id, self.own)
        self.assertEqual(quote.user_id, self.agent)
        # the quote of the North team's customer is reused, not duplicated
        result = (
            self.env["crm.price.quote"]
            .with_user(self.agent)
            .get_price(self.north.id, self.product.id, 1.0, "sales")
        )
        self.assertEqual(result["quote_id"], self.quotes[self.north].id)
        self.assertTrue(result["reused"])

    def test_agent_gives_no_price_to_another_team(self):
        Quote = self.env["crm.price.quote"]
        before = Quote.search_count([]), self.env["crm.price.log"].search_count([])
        for quantity in (1.0, 50.0):  # a valid quote to reuse, or a new one
            with self.subTest(quantity=quantity), self.assertRaises(AccessError):
                Quote.with_user(self.agent).get_price(
                    self.south.id, self.product.id, quantity, "sales"
                )
        after = Quote.search_count([]), self.env["crm.price.log"].search_count([])
        self.assertEqual(after, before)

    def test_agent_reads_the_prices_they_gave_to_another_team(self):
        given = self.make_quote(self.south, user_id=self.agent.id, quantity=3.0)
        Quote = self.env["crm.price.quote"].with_user(self.agent)
        self.assertEqual(Quote.search([("commercial_partner_id", "=", self.south.id)]), given)
        with self.assertRaises(AccessError):
            given.with_user(self.agent).check_access("write")

    def test_each_role_lists_its_prices(self):
        all_quotes = self.quotes[self.north] | self.quotes[self.south]
        expected = {
            "agent": self.quotes[self.north],
            "lead": self.quotes[self.north],
            "manager": all_quotes,
            "auditor": all_quotes,
            "accountant": all_quotes,
        }
        for role, quotes in expected.items():
            with self.subTest(role=role):
                found = (
                    self.env["crm.price.quote"]
                    .with_user(self.users[role])
                    .search([("id", "in", all_quotes.ids)])
                )
                self.assertEqual(found, quotes)

    def test_clerk_with_a_sales_group_sees_no_price(self):
        clerk = new_test_user(
            self.env,
            "app_clerk_sales",
            groups="crm_access_policy.group_secretariat_clerk,sales_team.group_sale_salesman",
        )
        Quote = self.env["crm.price.quote"].with_user(clerk)
        # the sales group gives the model right, the clerk's rule hides every row
        self.assertFalse(Quote.search([]))
        for record in (self.quotes[self.north], self.logs[self.north]):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(clerk).read(["price_unit"])

    def test_orders_of_an_agent_who_sells_keep_their_prices(self):
        # the order's own rights govern the prices of its lines: an agent who
        # also sells quotes a walk-in of another team through an order
        seller = new_test_user(
            self.env,
            "app_agent_sales",
            groups="crm_access_policy.group_crm_agent,sales_team.group_sale_salesman",
        )
        order = (
            self.env["sale.order"]
            .with_user(seller)
            .create(
                {
                    "partner_id": self.south.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": 1.0})
                    ],
                }
            )
        )
        line = order.order_line
        self.assertEqual(line.sudo().crm_price_quote_id, self.quotes[self.south])
        self.assertEqual(line.price_unit, 150.0)
        # the quote itself stays with the customer's portfolio
        with self.assertRaises(AccessError):
            self.quotes[self.south].with_user(seller).read(["price_unit"])

    def test_a_temporary_grant_opens_the_prices_of_a_walk_in(self):
        # the agent serves a customer of the South team under a grant from
        # their lead: prices are read and given there for the grant's time
        Grant = self.env["crm.access.grant"]
        grant = Grant.browse(
            Grant.with_user(self.agent).request_access(self.south.id, "walk-in at the counter")
        )
        Quote = self.env["crm.price.quote"].with_user(self.agent)
        self.assertFalse(Quote.search([("id", "=", self.quotes[self.south].id)]))
        grant.with_user(self.lead).action_grant()
        self.assertEqual(
            Quote.search([("id", "=", self.quotes[self.south].id)]), self.quotes[self.south]
        )
        result = Quote.get_price(self.south.id, self.product.id, 1.0, "sales")
        self.assertEqual(result["quote_id"], self.quotes[self.south].id)
        grant.with_user(self.lead).action_revoke()
        self.assertFalse(Quote.search([("id", "=", self.quotes[self.south].id)]))
        with self.assertRaises(AccessError):
            Quote.get_price(self.south.id, self.product.id, 1.0, "sales")
