from odoo import models


class CrmInteractionLink(models.Model):
    """A document an interaction concerns (see ``crm.document.link.mixin``)."""

    _name = "crm.interaction.link"
    # the interaction's rules first: a user who may not write the
    # interaction learns nothing of the document named
    _inherit = ("crm.interaction.line.mixin", "crm.document.link.mixin")
    _description = "Document concerned by an interaction"
    _order = "interaction_id, id"

    _document_uniq = models.UniqueIndex(
        "(interaction_id, res_model, res_id)", "This document is already linked to the interaction."
    )
