from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a quotation made from a ticket is sold by support
            if vals.get("ticket_ids") and "crm_price_unit" not in vals:
                vals["crm_price_unit"] = "support"
        return super().create(vals_list)

    def _crm_price_origin(self):
        origin = super()._crm_price_origin()
        return self.ticket_ids[:1] or origin

    def _crm_price_quotation_subject(self, origin):
        if origin and origin._name == "helpdesk.ticket":
            return self.env._(
                "Quotation %(order)s from support ticket %(ticket)s",
                order=self.name,
                ticket=origin.display_name or "-",
            )
        return super()._crm_price_quotation_subject(origin)
