from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_price_tolerance = fields.Float(
        string="Price tolerance (%)",
        default=5.0,
        help="A sale order line whose net price strays further than this from its quote "
        "needs a Pricing Manager's approval.",
    )
    crm_price_validity_days = fields.Integer(
        string="Quote validity (days)",
        default=7,
        help="How long a price given to a customer holds for every unit.",
    )
    crm_price_window_days = fields.Integer(
        string="Consistency window (days)",
        default=30,
        help="Two different prices given to the same customer for the same product within "
        "this many days count as an inconsistency.",
    )

    _crm_price_tolerance_positive = models.Constraint(
        "CHECK(crm_price_tolerance >= 0)", "The price tolerance cannot be negative."
    )
    _crm_price_validity_positive = models.Constraint(
        "CHECK(crm_price_validity_days >= 0)", "The quote validity cannot be negative."
    )
