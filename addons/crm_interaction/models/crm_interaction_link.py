from odoo import models


class CrmInteractionLink(models.Model):
    """A document an interaction concerns (see ``crm.document.link.mixin``)."""

    _name = "crm.interaction.link"
    _inherit = ("crm.document.link.mixin", "crm.interaction.line.mixin")
    _description = "Document concerned by an interaction"
    _order = "interaction_id, id"

    _document_uniq = models.UniqueIndex(
        "(interaction_id, res_model, res_id)", "This document is already linked to the interaction."
    )
