from odoo import fields, models


class CrmPriceCheck(models.TransientModel):
    _inherit = "crm.price.check"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket")

    def _crm_price_source(self):
        if self.ticket_id:
            return {"model": "helpdesk.ticket", "id": self.ticket_id.id}
        return super()._crm_price_source()

    def _crm_price_create_order(self):
        # from a ticket: the ticket's quotation, linked to it and sold by support
        if self.ticket_id:
            order_id = self.ticket_id.crm_price_create_quotation(
                [{"product_id": self.product_id.id, "qty": self.quantity, "uom_id": self.uom_id.id}]
            )
            return self.env["sale.order"].browse(order_id)
        return super()._crm_price_create_order()
