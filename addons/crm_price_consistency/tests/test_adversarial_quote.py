from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestAdversarialQuote(PriceCommon):
    """Prices come from the price service only: every way around it, as the wrong user.

    Each row of ``ATTACKS`` is ``(name, user, attempt)``: the attempt must
    raise ``AccessError`` and leave quotes, logs and order lines exactly as
    they were (price reviews: ``crm_price_consistency_tier``). The service's
    own paths still work.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.given = cls.Quote.with_user(cls.sales_agent).get_price(
            cls.customer.id, cls.product.id, 3.0, "sales"
        )
        cls.quote = cls.Quote.browse(cls.given["quote_id"])
        cls.log = cls.Log.browse(cls.given["log_id"])
        # a cheaper quote of another band, the one an attacker would like
        cls.cheap = cls.Quote.browse(
            cls.Quote.with_user(cls.sales_agent).get_price(
                cls.customer.id, cls.product.id, 20.0, "sales"
            )["quote_id"]
        )
        # an order to attack the lines of, and one whose price strays from its quote
        cls.order = cls._order()
        cls.line = cls.order.order_line
        cls.reviewed = cls._order(discount=20.0)

    def quote_vals(self, price):
        return {
            "partner_id": self.customer.id,
            "product_id": self.product.id,
            "quantity": 1.0,
            "uom_id": self.product.uom_id.id,
            "price_unit": price,
            "unit": "sales",
            "valid_until": fields.Datetime.now() + timedelta(days=30),
        }

    def log_vals(self, price):
        return {
            "quote_id": self.quote.id,
            "partner_id": self.customer.id,
            "commercial_partner_id": self.customer.id,
            "product_id": self.product.id,
            "quantity": 1.0,
            "uom_id": self.product.uom_id.id,
            "price_unit": price,
            "unit": "sales",
        }

    # (name, user attribute, attempt(test, user))
    ATTACKS = (
        (
            "price user records a quote at a price of their choosing",
            "sales_agent",
            lambda t, u: t.Quote.with_user(u).create(t.quote_vals(1.0)),
        ),
        (
            "Pricing Manager records a quote by hand",
            "pricing_manager",
            lambda t, u: t.Quote.with_user(u).create(t.quote_vals(1.0)),
        ),
        (
            "price user logs a price given",
            "support_agent",
            lambda t, u: t.Log.with_user(u).create(t.log_vals(1.0)),
        ),
        (
            "Pricing Manager logs a price given",
            "pricing_manager",
            lambda t, u: t.Log.with_user(u).create(t.log_vals(1.0)),
        ),
        (
            "price user rewrites a quote's price",
            "sales_agent",
            lambda t, u: t.quote.with_user(u).write({"price_unit": 1.0}),
        ),
        (
            "Pricing Manager rewrites a quote's price",
            "pricing_manager",
            lambda t, u: t.quote.with_user(u).write({"price_unit": 1.0, "discount": 90.0}),
        ),
        (
            "Pricing Manager moves a quote to another band and customer",
            "pricing_manager",
            lambda t, u: t.quote.with_user(u).write(
                {"qty_band_min": 0.0, "qty_band_max": 0.0, "partner_id": t.contact.id}
            ),
        ),
        (
            "Pricing Manager rewrites a price given",
            "pricing_manager",
            lambda t, u: t.log.with_user(u).write({"price_unit": 1.0}),
        ),
        (
            "user without pricing rights asks for a price",
            "outsider",
            lambda t, u: t.Quote.with_user(u).get_price(t.customer.id, t.product.id, 1.0, "sales"),
        ),
        (
            "salesperson creates a line on a quote of their choosing",
            "sales_agent",
            lambda t, u: (
                t.env["sale.order.line"]
                .with_user(u)
                .create(
                    {
                        "order_id": t.order.id,
                        "product_id": t.product.id,
                        "product_uom_qty": 3,
                        "crm_price_quote_id": t.cheap.id,
                    }
                )
            ),
        ),
        (
            "salesperson gives the line's quote as a context default",
            "sales_agent",
            lambda t, u: (
                t.env["sale.order.line"]
                .with_user(u)
                .with_context(default_crm_price_quote_id=t.cheap.id)
                .create({"order_id": t.order.id, "product_id": t.product.id, "product_uom_qty": 3})
            ),
        ),
        (
            "salesperson points a line at another quote",
            "sales_agent",
            lambda t, u: t.line.with_user(u).write({"crm_price_quote_id": t.cheap.id}),
        ),
        (
            "salesperson points a line at another quote through the order",
            "sales_agent",
            lambda t, u: t.order.with_user(u).write(
                {"order_line": [Command.update(t.line.id, {"crm_price_quote_id": t.cheap.id})]}
            ),
        ),
        (
            "salesperson drops the line's quote",
            "sales_agent",
            lambda t, u: t.line.with_user(u).write({"crm_price_quote_id": False}),
        ),
        (
            "salesperson clears the verdict of a line",
            "sales_agent",
            lambda t, u: t.reviewed.order_line.with_user(u).write(
                {"crm_price_needs_approval": False, "crm_price_deviation": 0.0}
            ),
        ),
        (
            "salesperson clears the verdict of an order",
            "sales_agent",
            lambda t, u: t.reviewed.with_user(u).write({"crm_price_needs_approval": False}),
        ),
    )

    def snapshot(self):
        Quote = self.Quote.with_context(active_test=False)
        quotes = Quote.search([], order="id").read(
            ["price_unit", "discount", "partner_id", "qty_band_min", "qty_band_max", "active"]
        )
        logs = self.Log.search([], order="id").read(["price_unit", "quote_id"])
        lines = (
            self.env["sale.order.line"]
            .search([], order="id")
            .read(["crm_price_quote_id", "crm_price_needs_approval"])
        )
        return quotes, logs, lines

    def test_attacks_are_refused_and_write_nothing(self):
        for name, login, attempt in self.ATTACKS:
            with self.subTest(attack=name):
                before = self.snapshot()
                with self.assertRaises(AccessError):
                    attempt(self, getattr(self, login))
                self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.line.crm_price_quote_id, self.quote)
        self.assertTrue(self.reviewed.crm_price_needs_approval)

    def test_a_forged_service_flag_still_logs_the_price(self):
        # the flag the service writes under is no key for users: a new price
        # is logged and judged against the quote
        logs = len(self.Log.search([]))
        self.reviewed.order_line.with_user(self.sales_agent).with_context(
            crm_price_attaching=True
        ).write({"discount": 30.0})
        self.assertTrue(self.reviewed.crm_price_needs_approval)
        self.assertEqual(len(self.Log.search([])), logs + 1)

    def test_the_service_still_gives_and_logs_prices(self):
        result = self.get_price(self.support_agent, qty=4.0, unit="support")
        self.assertEqual(result["quote_id"], self.quote.id)
        self.assertTrue(result["reused"])
        log = self.Log.browse(result["log_id"])
        self.assertEqual(log.user_id, self.support_agent)
        new = self.get_price(self.sales_agent, product_id=self.other_product.id)
        quote = self.Quote.browse(new["quote_id"])
        self.assertEqual(quote.user_id, self.sales_agent)
        self.assertEqual(quote.price_unit, 40.0)

    def test_order_lines_get_their_quote_from_the_service(self):
        line = (
            self.env["sale.order.line"]
            .with_user(self.sales_agent)
            .create(
                {"order_id": self.order.id, "product_id": self.product.id, "product_uom_qty": 20}
            )
        )
        self.assertEqual(line.crm_price_quote_id, self.cheap)
        line.with_user(self.sales_agent).write({"product_uom_qty": 2})
        self.assertEqual(line.crm_price_quote_id, self.quote)

    def test_pricing_manager_withdraws_and_extends_quotes(self):
        later = fields.Datetime.now() + timedelta(days=60)
        self.quote.with_user(self.pricing_manager).write({"valid_until": later})
        self.assertEqual(self.quote.valid_until, later)
        self.quote.with_user(self.pricing_manager).action_cancel()
        self.assertFalse(self.quote.active)
