from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class PriceCommon(TransactionCase):
    """Users per role, a pricelist with a quantity break, customers and products."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Quote = cls.env["crm.price.quote"]
        cls.Log = cls.env["crm.price.log"]
        cls.Interaction = cls.env["crm.interaction"]
        # customers get their pricelist only when pricelists are enabled
        cls.env.ref("base.group_user")._apply_group(cls.env.ref("product.group_product_pricelist"))
        cls.company = cls.env.company
        cls.company.write(
            {"crm_price_tolerance": 5.0, "crm_price_validity_days": 7, "crm_price_window_days": 30}
        )
        sales_groups = "sales_team.group_sale_salesman,crm_price_consistency.group_price_user"
        cls.sales_agent = new_test_user(
            cls.env, "pr_sales", groups=sales_groups, email="pr.sales@example.com"
        )
        cls.support_agent = new_test_user(
            cls.env, "pr_support", groups=sales_groups, email="pr.support@example.com"
        )
        cls.pricing_manager = new_test_user(
            cls.env,
            "pr_manager",
            groups="sales_team.group_sale_salesman,crm_price_consistency.group_price_manager",
            email="pr.manager@example.com",
        )
        cls.outsider = new_test_user(
            cls.env, "pr_outsider", groups="base.group_user", email="pr.outsider@example.com"
        )
        cls.category = cls.env["product.category"].create({"name": "لوازم خانگی"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "یخچال ساید",
                "list_price": 150.0,
                "categ_id": cls.category.id,
                "type": "consu",
                "invoice_policy": "order",
                "taxes_id": [],
            }
        )
        cls.other_product = cls.env["product.product"].create(
            {"name": "جاروبرقی", "list_price": 40.0, "taxes_id": [], "invoice_policy": "order"}
        )
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "عمده‌فروشی",
                "currency_id": cls.company.currency_id.id,
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.product.id,
                            "compute_price": "fixed",
                            "fixed_price": 100.0,
                            "min_quantity": 0,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.product.id,
                            "compute_price": "fixed",
                            "fixed_price": 90.0,
                            "min_quantity": 10,
                        },
                    ),
                ],
            }
        )
        cls.item_small = cls.pricelist.item_ids.filtered(lambda i: i.min_quantity == 0)
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "شرکت آلفا",
                "is_company": True,
                "mobile": "09121234567",
                "property_product_pricelist": cls.pricelist.id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "مریم رضایی", "parent_id": cls.customer.id}
        )

    @classmethod
    def _order(cls, price_unit=None, discount=0.0, partner=None):
        """A quotation of 3 units by the sales agent, with a price or discount typed over,
        for ``partner`` (the customer by default)."""
        line = {"product_id": cls.product.id, "product_uom_qty": 3}
        partner = partner or cls.customer
        order = (
            cls.env["sale.order"]
            .with_user(cls.sales_agent)
            .create({"partner_id": partner.id, "order_line": [Command.create(line)]})
        )
        if price_unit is not None or discount:
            values = {"discount": discount}
            if price_unit is not None:
                values["price_unit"] = price_unit
            order.order_line.with_user(cls.sales_agent).write(values)
        return order.with_user(cls.sales_agent)

    def assert_price_interaction(self, result, source_model):
        """The price of ``result`` is on the customer's timeline: an outbound
        price request by Telegram, linked to the quote and to ``source_model``."""
        interaction = self.Interaction.browse(result["interaction_id"])
        self.assertEqual(interaction.commercial_partner_id, self.customer)
        self.assertEqual(interaction.reason_id.code, "price_request")
        self.assertEqual(interaction.channel_id.code, "telegram")
        self.assertEqual(interaction.direction, "outbound")
        self.assertEqual(
            set(interaction.link_ids.mapped("res_model")), {"crm.price.quote", source_model}
        )

    def get_price(self, user, qty=3.0, unit="sales", **kwargs):
        partner_id = kwargs.pop("partner_id", self.customer.id)
        product_id = kwargs.pop("product_id", self.product.id)
        return self.Quote.with_user(user).get_price(partner_id, product_id, qty, unit, **kwargs)

    def expire(self, quote_id):
        quote = self.Quote.browse(quote_id)
        quote.valid_until = quote.create_date.replace(year=quote.create_date.year - 1)
