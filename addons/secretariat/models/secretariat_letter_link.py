from odoo import fields, models


class SecretariatLetterLink(models.Model):
    """A document a letter concerns: an invoice, a payment, an order, a ticket...

    See ``crm.document.link.mixin`` for the rules every link follows.
    """

    _name = "secretariat.letter.link"
    _inherit = "crm.document.link.mixin"
    _description = "Document concerned by a letter"
    _order = "letter_id, id"

    letter_id = fields.Many2one(
        "secretariat.letter", string="Letter", required=True, index=True, ondelete="cascade"
    )

    _document_uniq = models.UniqueIndex(
        "(letter_id, res_model, res_id)", "This document is already linked to the letter."
    )
