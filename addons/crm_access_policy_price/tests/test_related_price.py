from odoo.tests import tagged

from .common import PriceAccessCommon


@tagged("post_install", "-at_install", "crm_access_policy_price")
class TestRelatedPrice(PriceAccessCommon):
    """Prices reached through a related field, read with the user's rights."""

    def test_conflict_of_another_portfolio_is_not_shown(self):
        # a price the agent gave, in conflict with the price of a customer of
        # another team's (the agent reads their own prices wherever they are)
        own_log = self.logs[self.north]
        own_log.write({"user_id": self.agent.id, "conflict_log_id": self.logs[self.south].id})
        self.logs[self.south].write({"price_unit": 99.0, "user_id": self.agent2.id})
        as_agent = own_log.with_user(self.agent)
        self.assertEqual(
            (as_agent.conflict_price_net, as_agent.conflict_unit, as_agent.conflict_user_id),
            (0.0, False, self.env["res.users"]),
        )
        [row] = as_agent.read(["conflict_price_net", "conflict_user_id"])
        self.assertEqual((row["conflict_price_net"], row["conflict_user_id"]), (0.0, False))
        as_manager = own_log.with_user(self.manager)
        self.assertEqual(as_manager.conflict_price_net, 99.0)
        self.assertEqual(as_manager.conflict_user_id, self.agent2)
        # a conflict within the portfolio is shown
        own_log.conflict_log_id = self.make_log(self.quotes[self.north])
        self.assertEqual(own_log.with_user(self.agent).conflict_unit, "sales")

    def test_quoted_price_of_an_order_line_needs_the_quote(self):
        order = self.env["sale.order"].create({"partner_id": self.north.id})
        line = self.env["sale.order.line"].create(
            {"order_id": order.id, "product_id": self.product.id, "product_uom_qty": 1.0}
        )
        line.crm_price_quote_id = self.quotes[self.south]
        self.assertEqual(line.with_user(self.agent).crm_price_reference, 0.0)
        self.assertEqual(line.with_user(self.manager).crm_price_reference, 150.0)
        line.crm_price_quote_id = self.quotes[self.north]
        self.assertEqual(line.with_user(self.agent).crm_price_reference, 150.0)

    def test_price_check_pointed_at_another_portfolio_shows_nothing(self):
        south_quote = self.quotes[self.south]
        south_quote.discount = 7.0
        check = (
            self.env["crm.price.check"]
            .with_user(self.agent)
            .create(
                {
                    "partner_id": self.north.id,
                    "product_id": self.product.id,
                    "quote_id": south_quote.id,
                }
            )
        )
        [row] = check.read(["discount", "currency_id", "valid_until"])
        self.assertEqual(
            (row["discount"], row["currency_id"], row["valid_until"]), (0.0, False, False)
        )
        check.sudo().quote_id = self.quotes[self.north]
        self.assertTrue(check.valid_until)
        self.assertEqual(check.currency_id, self.quotes[self.north].currency_id)
