"""Odoo's own price tests that meet a quote of their fixtures, and what the lock does there.

sale's ``SaleCommon`` fixtures create an order for the test customer in
``setUpClass``: with the suite installed it records quotes of its products
for that customer, valid for days. A few stock tests then change a price
(the list price, a pricelist rule) and expect the new price at once for the
same customer. They run here in a variant where the fixtures' quotes have
expired when each test starts (as they would days later), so that all they
check beyond the lock is verified; beside each, a test of ours asserts what
the lock does in the same scenario while the fixtures' quote is still valid.
"""

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.sale.tests import test_product_catalog as sale_catalog_tests
from odoo.addons.sale.tests import test_sale_order as sale_order_tests
from odoo.addons.sale.tests import test_sale_prices as sale_prices_tests
from odoo.addons.sale.tests.common import SaleCommon


def only_tests(*names):
    """Run the named tests of a stock test class in a variant of it.

    Odoo's test loader runs only the tests a class defines itself: the
    named ones are given to the variant, the others run in their own class
    (see scripts/upstream_tags).
    """

    def decorate(cls):
        for name in names:
            setattr(cls, name, getattr(cls, name))
        return cls

    return decorate


class FixtureQuotesExpired:
    """The quotes the class fixtures recorded have expired when each test starts.

    A quote holds for orders dated from the date it was priced for to its
    end of validity: the fixtures' orders are dated when their quotes were
    given, so the quotes end there.
    """

    def setUp(self):
        super().setUp()
        quotes = self.env["crm.price.quote"].sudo().search([])
        for quote in quotes:
            quote.valid_until = quote.date_priced or quote.create_date


@tagged("post_install", "-at_install", "crm_price_consistency")
@only_tests("test_data_with_discounted_lines", "test_update_with_pricelist_rules")
class TestProductCatalogQuotesExpired(FixtureQuotesExpired, sale_catalog_tests.TestProductCatalog):
    """sale's catalogue tests that add a pricelist rule after the fixtures priced the products."""

    @classmethod
    def setUpClass(cls):
        # the stock class replaces its base_url method by the URL it returned
        # once it has run: this class needs the method again
        cls.base_url = classmethod(HttpCase.base_url.__func__)
        super().setUpClass()


@tagged("post_install", "-at_install", "crm_price_consistency")
@only_tests("test_action_recompute_taxes")
class TestSalesTeamQuotesExpired(FixtureQuotesExpired, sale_order_tests.TestSalesTeam):
    """sale's tax recomputation test, which changes the list price of a product quoted before."""


@tagged("post_install", "-at_install", "crm_price_consistency")
@only_tests(
    "test_negative_discounts",
    "test_pricelist_minimal_qty",
    "test_sale_tax_mapping",
    "test_so_tax_mapping",
    "test_update_prices",
)
class TestSalePricesQuotesExpired(FixtureQuotesExpired, sale_prices_tests.TestSalePrices):
    """sale's price tests that change the pricelist of a product the fixtures quoted.

    Surcharges, minimum quantities, discounts shown, taxes mapped by fiscal
    positions on tax-included prices and prices updated from a new pricelist,
    for the fixtures' customer.
    """


@tagged("post_install", "-at_install", "crm_price_consistency")
@only_tests("test_price_recomputation_on_readonly_unit_price")
class TestSaleOrderQuotesExpired(FixtureQuotesExpired, sale_order_tests.TestSaleOrder):
    """sale's recomputation of a read-only unit price from a changed pricelist."""


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestLockInStockScenarios(SaleCommon):
    """The same scenarios with the fixtures' quote still valid: the lock holds.

    The lock fixes what the customer pays per unit before taxes; the
    presentation of the price and its taxes stay Odoo's.
    """

    def setUp(self):
        super().setUp()
        self.quote = self.sale_order.order_line.filtered(
            lambda line: line.product_id == self.product
        ).crm_price_quote_id
        self.assertTrue(self.quote.is_valid)

    def test_a_new_discount_rule_does_not_lower_a_quoted_price(self):
        # TestProductCatalog.test_data_with_discounted_lines
        self._enable_discounts()
        self.pricelist.item_ids = [
            Command.create(
                {
                    "min_quantity": 1.0,
                    "product_id": self.product.id,
                    "compute_price": "percentage",
                    "percent_price": 50,
                }
            )
        ]
        self.empty_order.order_line = [Command.create({"product_id": self.product.id})]
        line = self.empty_order.order_line
        self.assertEqual(line.crm_price_quote_id, self.quote)
        # the quoted net price, with the discount Odoo shows against today's list price
        self.assertAlmostEqual(line.price_unit * (1 - line.discount / 100), self.quote.price_net)
        self.assertEqual(line.price_subtotal, self.quote.price_net)

    def test_quantity_rules_and_surcharges_apply_once_the_quote_is_gone(self):
        # TestSalePrices.test_pricelist_minimal_qty and test_negative_discounts
        self._enable_discounts()
        self.pricelist.item_ids = [
            Command.create(
                {"compute_price": "percentage", "percent_price": 10, "min_quantity": 4.0}
            ),
            Command.create(
                {
                    "compute_price": "percentage",
                    "percent_price": -10,
                    "applied_on": "0_product_variant",
                    "product_id": self.product.id,
                    "min_quantity": 20.0,
                }
            ),
        ]
        self.empty_order.order_line = [
            Command.create({"product_id": self.product.id, "product_uom_qty": qty})
            for qty in (3.0, 5.0)
        ]
        # the fixtures' quote (5 units, before the rules) holds for any quantity
        lines = self.empty_order.order_line
        self.assertEqual(lines.crm_price_quote_id, self.quote)
        self.assertEqual(lines.mapped("price_subtotal"), [3 * 20.0, 5 * 20.0])
        # withdrawn, Odoo's rules apply, shown as Odoo shows them: the discount
        # from 4 units, the surcharge in the price from 20
        self.quote.sudo().action_cancel()
        self.empty_order.order_line = [
            Command.create({"product_id": self.product.id, "product_uom_qty": qty})
            for qty in (3.0, 5.0, 20.0)
        ]
        new = self.empty_order.order_line[2:]
        self.assertEqual(new.mapped("discount"), [0.0, 10.0, 0.0])
        self.assertEqual(new.mapped("price_unit"), [20.0, 20.0, 22.0])
        self.assertEqual(new[1].price_subtotal, 90.0)

    def test_a_new_quantity_rule_does_not_change_a_quoted_band(self):
        # TestProductCatalog.test_update_with_pricelist_rules
        service = self.service_product
        quote = self.sale_order.order_line.filtered(
            lambda line: line.product_id == service
        ).crm_price_quote_id
        self.pricelist.item_ids = [
            Command.create(
                {
                    "min_quantity": 2.0,
                    "product_id": service.id,
                    "compute_price": "percentage",
                    "percent_price": 50,
                }
            )
        ]
        self.empty_order.order_line = [
            Command.create({"product_id": service.id, "product_uom_qty": 2.0})
        ]
        line = self.empty_order.order_line
        self.assertEqual(line.crm_price_quote_id, quote)
        self.assertEqual(line.price_unit, service.lst_price)
        # once the quote is withdrawn, the rule applies
        # (a Pricing Manager's action; the fixture user is a sales manager only)
        quote.sudo().action_cancel()
        self.empty_order.order_line = [
            Command.create({"product_id": service.id, "product_uom_qty": 2.0})
        ]
        self.assertEqual(self.empty_order.order_line[-1].price_unit, service.lst_price / 2)

    def test_fiscal_positions_map_the_taxes_of_a_locked_price(self):
        # TestSalesTeam.test_action_recompute_taxes, with taxes included in the price
        special_tax = self.env["account.tax"].create(
            {
                "name": "special_tax_10",
                "amount_type": "percent",
                "amount": 25.0,
                "include_base_amount": True,
                "price_include_override": "tax_included",
            }
        )
        mapping_a = self.env["account.fiscal.position"].create({"name": "Reduction A"})
        self.env["account.tax"].create(
            {
                "name": "tax_a",
                "amount_type": "percent",
                "amount": 12.5,
                "include_base_amount": True,
                "price_include_override": "tax_included",
                "fiscal_position_ids": mapping_a.ids,
                "original_tax_ids": special_tax.ids,
            }
        )
        sales_tax = self.env["account.tax"].create(
            {
                "name": "VAT 20%",
                "amount_type": "percent",
                "amount": 20.0,
                "price_include_override": "tax_included",
            }
        )
        locked = self.quote.price_net
        self.product.write(
            {"lst_price": 300, "taxes_id": [Command.set((special_tax + sales_tax).ids)]}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        # the quoted price (taxes included), not the new list price of 300
        self.assertEqual(order.order_line.crm_price_quote_id, self.quote)
        self.assertEqual(order.amount_total, locked)
        untaxed = order.amount_untaxed
        self.assertAlmostEqual(untaxed, locked * 200 / 300, delta=0.01)
        # the fiscal position maps the taxes and adjusts the tax-included price:
        # the customer pays the same before taxes
        order.fiscal_position_id = mapping_a
        order._recompute_prices()
        order.action_update_taxes()
        self.assertAlmostEqual(order.amount_untaxed, untaxed, delta=0.01)
        self.assertAlmostEqual(order.amount_total, locked * 270 / 300, delta=0.01)
