from odoo import api, fields, models


class CrmPriceQuote(models.Model):
    _inherit = "crm.price.quote"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", readonly=True, index="btree_not_null"
    )

    @api.model
    def _crm_price_prepare_origin_values(self, request):
        # the ticket the price was given for: the one a quotation was made
        # from, or the ticket named as the source of a price check
        values = super()._crm_price_prepare_origin_values(request)
        source = request.get("source")
        ticket = request.get("origin")
        if not (ticket and ticket._name == "helpdesk.ticket"):
            ticket = source if source is not None and source._name == "helpdesk.ticket" else None
        values["ticket_id"] = ticket.id if ticket else False
        return values
