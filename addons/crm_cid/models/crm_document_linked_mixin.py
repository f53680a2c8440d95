from odoo import api, models


class CrmDocumentLinkedMixin(models.AbstractModel):
    """A document that records of the suite link to (``crm.document.link.mixin``).

    Deleting the document deletes every link to it, in every link model, at
    once. The bridges that give a document a "Letters" or an "Interactions"
    smart button inherit it through the mixins of those buttons.
    """

    _name = "crm.document.linked.mixin"
    _description = "Document that links point to"

    @api.ondelete(at_uninstall=False)
    def _unlink_document_links(self):
        # the link holders' users may not be the one deleting the document,
        # and a link to a deleted document shows nothing: drop them as
        # superuser, only those pointing at the documents being deleted
        for Link in self.env["crm.document.link.mixin"]._document_link_models():
            Link.sudo().search(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)]
            ).unlink()
