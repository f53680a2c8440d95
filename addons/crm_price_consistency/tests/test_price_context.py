from datetime import datetime

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged

TODAY = datetime(2026, 3, 10, 9, 0, 0)
PAST = datetime(2025, 6, 1, 0, 0, 0)


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestQuoteContext(TransactionCase):
    """A quote belongs to its company, currency and date.

    Two companies (in two currencies), pricelists in three currencies, orders
    dated today and in the past: every order totals what Odoo prices it at,
    each context gets its own quote, and only a quote of the same company,
    currency and pricelist, valid on the order's date, prices an order.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        currencies = cls.env["res.currency"].with_context(active_test=False)
        cls.usd = currencies.search([("name", "=", "USD")])
        cls.eur = currencies.search([("name", "=", "EUR")])
        cls.ars = currencies.search([("name", "=", "ARS")])
        (cls.usd | cls.eur | cls.ars).active = True
        cls.usd_cmp = cls.env["res.company"].create(
            {"name": "USD Co", "currency_id": cls.usd.id, "crm_price_validity_days": 7}
        )
        cls.eur_cmp = cls.env["res.company"].create(
            {"name": "EUR Co", "currency_id": cls.eur.id, "crm_price_validity_days": 7}
        )
        cls.companies = cls.usd_cmp | cls.eur_cmp
        cls.env.user.company_ids |= cls.companies
        cls.env.user.group_ids |= cls.env.ref("crm_price_consistency.group_price_user")
        Rate = cls.env["res.currency.rate"]
        # rates with long decimals: a price rounded anywhere shows in the totals
        for company, rates in (
            (cls.usd_cmp, {cls.usd: (1.0, 1.0), cls.eur: (0.1, 0.6), cls.ars: (3.0, 101.0)}),
            (cls.eur_cmp, {cls.eur: (1.0, 1.0), cls.usd: (999.0, 2.9), cls.ars: (555.0, 222.0)}),
        ):
            for currency, (past, today) in rates.items():
                Rate.create(
                    [
                        {
                            "name": PAST.date(),
                            "rate": past,
                            "currency_id": currency.id,
                            "company_id": company.id,
                        },
                        {
                            "name": TODAY.date(),
                            "rate": today,
                            "currency_id": currency.id,
                            "company_id": company.id,
                        },
                    ]
                )
        cls.pricelists = cls.env["product.pricelist"].create(
            [
                {"name": f"PL {c.name}", "currency_id": c.id, "company_id": False}
                for c in (cls.usd, cls.eur, cls.ars)
            ]
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "ماشین لباسشویی",
                "list_price": 123.457,
                "taxes_id": [],
                "company_id": False,
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "شرکت بتا", "is_company": True})

    def _order(self, company, pricelist, date, qty):
        return (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": company.id,
                    "pricelist_id": pricelist.id,
                    "date_order": date,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": qty})
                    ],
                }
            )
        )

    def _direct_total(self, company, pricelist, date, qty):
        """What Odoo alone charges for the order: the pricelist on that date and company."""
        price = pricelist.with_company(company)._get_product_price(
            self.product.with_company(company),
            qty,
            currency=pricelist.currency_id,
            date=date,
        )
        return pricelist.currency_id.round(price * qty)

    @freeze_time(TODAY)
    def test_quotes_are_per_company_currency_and_date(self):
        orders = self.env["sale.order"]
        qty = 0
        for company in self.companies:
            for date in (PAST, TODAY):
                for pricelist in self.pricelists:
                    qty += 1
                    order = self._order(company, pricelist, date, qty)
                    orders |= order
                    line = order.order_line
                    quote = line.crm_price_quote_id
                    with self.subTest(company=company.name, date=date, pricelist=pricelist.name):
                        self.assertEqual(
                            order.amount_total, self._direct_total(company, pricelist, date, qty)
                        )
                        self.assertTrue(quote)
                        self.assertEqual(quote.company_id, company)
                        self.assertEqual(quote.currency_id, pricelist.currency_id)
                        self.assertEqual(quote.date_priced, date)
                        # the quote keeps the line's price at full precision
                        self.assertEqual(quote.price_unit, line.price_unit)
        quotes = orders.order_line.crm_price_quote_id
        self.assertEqual(len(quotes), 12, "one quote per company, currency and date")
        # a price of a past date is no price of today
        self.assertFalse(any(quotes.filtered(lambda q: q.date_priced == PAST).mapped("is_valid")))
        self.assertTrue(all(quotes.filtered(lambda q: q.date_priced == TODAY).mapped("is_valid")))

    @freeze_time(TODAY)
    def test_a_quote_prices_orders_of_its_company_currency_and_dates_only(self):
        eur_pl, ars_pl = self.pricelists[1], self.pricelists[2]
        first = self._order(self.usd_cmp, eur_pl, TODAY, 2)
        quote = first.order_line.crm_price_quote_id
        # the price changes: the quote still locks today's orders of its context
        self.product.list_price = 500.0
        again = self._order(self.usd_cmp, eur_pl, TODAY, 3)
        self.assertEqual(again.order_line.crm_price_quote_id, quote)
        self.assertEqual(again.order_line.price_unit, quote.price_unit)
        self.assertEqual(again.amount_total, eur_pl.currency_id.round(3 * quote.price_unit))
        # another company: its own price, never the first company's quote
        other_company = self._order(self.eur_cmp, eur_pl, TODAY, 2)
        self.assertNotEqual(other_company.order_line.crm_price_quote_id, quote)
        self.assertEqual(
            other_company.amount_total, self._direct_total(self.eur_cmp, eur_pl, TODAY, 2)
        )
        # another currency: its own price in its currency, no conversion of the quote
        other_currency = self._order(self.usd_cmp, ars_pl, TODAY, 2)
        self.assertNotEqual(other_currency.order_line.crm_price_quote_id, quote)
        self.assertEqual(other_currency.order_line.crm_price_quote_id.currency_id, self.ars)
        self.assertEqual(
            other_currency.amount_total, self._direct_total(self.usd_cmp, ars_pl, TODAY, 2)
        )
        # an order dated before the quote was given: priced as Odoo prices that date
        past = self._order(self.usd_cmp, eur_pl, PAST, 2)
        self.assertNotEqual(past.order_line.crm_price_quote_id, quote)
        self.assertEqual(past.amount_total, self._direct_total(self.usd_cmp, eur_pl, PAST, 2))
        # after the quote expired, today's price again
        with freeze_time(fields.Datetime.add(TODAY, days=8)):
            later = self._order(self.usd_cmp, eur_pl, fields.Datetime.add(TODAY, days=8), 2)
            self.assertNotEqual(later.order_line.crm_price_quote_id, quote)
            self.assertEqual(
                later.order_line.price_unit,
                self.env["product.pricelist"]
                .browse(eur_pl.id)
                .with_company(self.usd_cmp)
                ._get_product_price(
                    self.product.with_company(self.usd_cmp),
                    2,
                    currency=self.eur,
                    date=fields.Datetime.add(TODAY, days=8),
                ),
            )

    @freeze_time(TODAY)
    def test_a_price_check_in_one_company_does_not_price_the_other(self):
        usd_pl = self.pricelists[0]
        self.customer.with_company(self.usd_cmp).property_product_pricelist = usd_pl
        self.customer.with_company(self.eur_cmp).property_product_pricelist = usd_pl
        given = (
            self.env["crm.price.quote"]
            .with_company(self.usd_cmp)
            .get_price(self.customer.id, self.product.id, 1.0, "sales")
        )
        self.assertEqual(
            self.env["crm.price.quote"].browse(given["quote_id"]).company_id, self.usd_cmp
        )
        order = self._order(self.eur_cmp, usd_pl, TODAY, 1)
        self.assertNotEqual(order.order_line.crm_price_quote_id.id, given["quote_id"])
        # priced with the second company's rates, as Odoo does
        self.assertEqual(order.amount_total, self._direct_total(self.eur_cmp, usd_pl, TODAY, 1))
        # the same company's order is priced by the check's quote
        same = self._order(self.usd_cmp, usd_pl, TODAY, 1)
        self.assertEqual(same.order_line.crm_price_quote_id.id, given["quote_id"])
        self.assertEqual(same.order_line.price_unit, given["price_unit"])
