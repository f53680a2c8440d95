from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crm_price_given_mixin import UNIT_SELECTION


class CrmPriceCheck(models.TransientModel):
    _name = "crm.price.check"
    _description = "Check a price for a customer"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    product_id = fields.Many2one(
        "product.product", string="Product", required=True, domain=[("sale_ok", "=", True)]
    )
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")
    allowed_uom_ids = fields.Many2many("uom.uom", compute="_compute_allowed_uom_ids")
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit of measure",
        compute="_compute_uom_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', allowed_uom_ids)]",
    )
    unit = fields.Selection(selection=UNIT_SELECTION, required=True, default="sales")
    channel_id = fields.Many2one("crm.interaction.channel", string="Channel")
    quote_id = fields.Many2one("crm.price.quote", string="Quote", readonly=True)
    # in the unit of measure asked for, which may differ from the quote's
    price_unit = fields.Float(string="Unit price", readonly=True, digits="Product Price")
    discount = fields.Float(related="quote_id.discount")
    price_net = fields.Float(string="Net unit price", readonly=True, digits="Product Price")
    currency_id = fields.Many2one(related="quote_id.currency_id")
    valid_until = fields.Datetime(related="quote_id.valid_until")
    is_reused = fields.Boolean(string="Quote reused", readonly=True)
    order_id = fields.Many2one("sale.order", string="Quotation", readonly=True)

    @api.depends("product_id")
    def _compute_allowed_uom_ids(self):
        for wizard in self:
            wizard.allowed_uom_ids = wizard.product_id.uom_id | wizard.product_id.uom_ids

    @api.depends("product_id")
    def _compute_uom_id(self):
        for wizard in self:
            wizard.uom_id = wizard.product_id.uom_id

    def action_check(self):
        """Ask the price service for the price and show it."""
        self.ensure_one()
        result = self.env["crm.price.quote"].get_price(
            self.partner_id.id,
            self.product_id.id,
            self.quantity,
            self.unit,
            uom_id=self.uom_id.id,
            channel=self.channel_id.code or False,
            source=self._crm_price_source(),
        )
        self.write(
            {
                "quote_id": result["quote_id"],
                "is_reused": result["reused"],
                "price_unit": result["price_unit"],
                "price_net": result["price_net"],
            }
        )
        return self._reopen()

    def action_create_quotation(self):
        """Create a quotation with the checked product."""
        self.ensure_one()
        if not self.product_id:
            raise UserError(self.env._("Choose a product first."))
        order = self._crm_price_create_order()
        self.order_id = order
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
        }

    def _crm_price_source(self):
        """Return the document the price is checked on, as ``get_price`` names it.

        A hook for the addons that open the check from a document (the
        helpdesk bridge: a ticket); nothing here.

        :return: ``{"model": ..., "id": ...}`` or ``False``
        """
        self.ensure_one()
        return False

    def _crm_price_create_order(self):
        """Create the quotation of the checked product; a hook for documents that sell.

        :return: the new ``sale.order``
        """
        self.ensure_one()
        return self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "crm_price_unit": self.unit,
                "order_line": [
                    fields.Command.create(
                        {
                            "product_id": self.product_id.id,
                            "product_uom_qty": self.quantity,
                            "product_uom_id": self.uom_id.id,
                        }
                    )
                ],
            }
        )

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
