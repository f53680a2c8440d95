from odoo import api, fields, models

from odoo.addons.crm_access_policy.tools.readable import readable_targets


class CrmPriceCheck(models.TransientModel):
    """The quote shown by a price check, with the user's rights.

    A price check is the user's own record, and its quote can be set over
    RPC: the discount, currency and validity of the quote are read with the
    user's rights, not as superuser, so that a check pointed at another
    portfolio's quote shows nothing of it.
    """

    _inherit = "crm.price.check"

    discount = fields.Float(
        related=False,
        compute="_compute_crm_access_quote",
        string="Discount (%)",
        digits="Discount",
    )
    currency_id = fields.Many2one(
        "res.currency", related=False, compute="_compute_crm_access_quote", string="Currency"
    )
    valid_until = fields.Datetime(
        related=False, compute="_compute_crm_access_quote", string="Valid Until"
    )

    @api.depends("quote_id.discount", "quote_id.currency_id", "quote_id.valid_until")
    @api.depends_context("uid")
    def _compute_crm_access_quote(self):
        for check, quote in zip(self, readable_targets(self, "quote_id"), strict=True):
            check.discount = quote.discount
            check.currency_id = quote.currency_id
            check.valid_until = quote.valid_until
