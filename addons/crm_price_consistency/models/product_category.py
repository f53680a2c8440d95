from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    crm_price_has_tolerance = fields.Boolean(
        string="Own price tolerance",
        help="Use the tolerance below for the products of this category instead of the company's.",
    )
    crm_price_tolerance = fields.Float(string="Price tolerance (%)")

    def _crm_price_get_tolerance(self, company):
        """Return the tolerance (percent) for products of this category in ``company``.

        The nearest category up the tree with its own tolerance decides;
        without one, the company's.
        """
        category = self[:1]
        while category:
            if category.crm_price_has_tolerance:
                return category.crm_price_tolerance
            category = category.parent_id
        return company.crm_price_tolerance
