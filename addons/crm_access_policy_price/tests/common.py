from datetime import timedelta

from odoo import fields

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon


class PriceAccessCommon(AccessPolicyCommon):
    """A product, and a price quote and a price log for a customer of each
    team (``north`` in the agent's portfolio, ``south`` in another team's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Fridge", "list_price": 150.0, "sale_ok": True, "taxes_id": []}
        )
        cls.quotes = {partner: cls.make_quote(partner) for partner in (cls.north, cls.south)}
        cls.logs = {partner: cls.make_log(quote) for partner, quote in cls.quotes.items()}

    @classmethod
    def make_quote(cls, partner, **values):
        return cls.env["crm.price.quote"].create(
            {
                "partner_id": partner.id,
                "product_id": cls.product.id,
                "quantity": 1.0,
                "uom_id": cls.product.uom_id.id,
                "price_unit": 150.0,
                "unit": "sales",
                "valid_until": fields.Datetime.now() + timedelta(days=7),
                **values,
            }
        )

    @classmethod
    def make_log(cls, quote):
        return cls.env["crm.price.log"].create(
            {
                "quote_id": quote.id,
                "partner_id": quote.partner_id.id,
                "commercial_partner_id": quote.commercial_partner_id.id,
                "product_id": quote.product_id.id,
                "quantity": quote.quantity,
                "uom_id": quote.uom_id.id,
                "price_unit": quote.price_unit,
                "unit": quote.unit,
            }
        )
