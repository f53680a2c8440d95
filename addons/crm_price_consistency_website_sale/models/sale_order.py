from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("website_id") and "crm_price_unit" not in vals:
                vals["crm_price_unit"] = "web"
        return super().create(vals_list)

    def _crm_price_is_anonymous_cart(self):
        """Tell whether the order is the cart of a visitor who has not signed in.

        Reads the website's public user as superuser only to compare its
        partner with the order's: visitors may not read users.
        """
        self.ensure_one()
        public_partner = self.website_id.sudo().user_id.partner_id
        return bool(self.website_id and self.partner_id == public_partner)
