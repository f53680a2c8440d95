from odoo import api, fields, models

from ..tools.pricing import net_price

UNIT_SELECTION = [("sales", "Sales"), ("support", "Support"), ("web", "Web"), ("api", "API")]


class CrmPriceGivenMixin(models.AbstractModel):
    """What a price given to a customer says, as a quote holds it and as each log of it does.

    The product, quantity and unit of measure asked for, the price, its
    discount and the net price, who gave it, from which unit and channel,
    and the document it was given on. Only the price service writes them
    (``crm.price.quote.get_price``): users read them.
    """

    _name = "crm.price.given.mixin"
    _description = "Figures of a price given to a customer"

    product_id = fields.Many2one(
        "product.product", string="Product", required=True, readonly=True, index=True
    )
    quantity = fields.Float(required=True, readonly=True, digits="Product Unit")
    uom_id = fields.Many2one("uom.uom", string="Unit of measure", required=True, readonly=True)
    # stored at full precision, as an order line stores its unit price: an
    # order priced from it totals what the same order priced directly does
    price_unit = fields.Float(
        string="Unit price", readonly=True, min_display_digits="Product Price", aggregator="avg"
    )
    discount = fields.Float(
        string="Discount (%)", readonly=True, digits="Discount", aggregator="avg"
    )
    price_net = fields.Float(
        string="Net unit price",
        compute="_compute_price_net",
        store=True,
        min_display_digits="Product Price",
        aggregator="avg",
    )
    currency_id = fields.Many2one(
        "res.currency",
        string="Currency",
        required=True,
        readonly=True,
        default=lambda s: s.env.company.currency_id,
    )
    unit = fields.Selection(
        selection=UNIT_SELECTION,
        required=True,
        readonly=True,
        index=True,
        help="The unit that gave the price.",
    )
    user_id = fields.Many2one(
        "res.users", string="Given by", readonly=True, index=True, default=lambda s: s.env.user
    )
    channel_id = fields.Many2one("crm.interaction.channel", string="Channel", readonly=True)
    res_model = fields.Char(string="Source model", readonly=True)
    res_id = fields.Many2oneReference(string="Source ID", model_field="res_model", readonly=True)
    source_name = fields.Char(string="Source", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, default=lambda s: s.env.company
    )

    @api.depends("price_unit", "discount")
    def _compute_price_net(self):
        for record in self:
            record.price_net = net_price(record.price_unit, record.discount)
