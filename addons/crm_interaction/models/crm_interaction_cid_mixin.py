from odoo import api, fields, models

from ..tools.ingest import resolve_customer


class CrmInteractionCidMixin(models.AbstractModel):
    """Documents that carry their customer's CID (leads, tickets...).

    The customer is the document's contact when it has one, else the customer
    that the identity values typed on the document (e-mail, phone...) resolve
    to, in any format, as ``res.partner.cid_resolve`` would. Values that point
    at several customers, or at none, leave the document without a CID; it is
    resolved again when those values or the contact change.
    """

    _name = "crm.interaction.cid.mixin"
    _description = "Document carrying its customer's CID"
    # (document field, identity key types its value may be) pairs (hook)
    _cid_document_keys = ()

    cid_partner_id = fields.Many2one(
        "res.partner",
        string="Identified customer",
        compute="_compute_cid_partner_id",
        store=True,
        index="btree_not_null",
        readonly=True,
        help="The document's contact, or the customer its e-mail or phone belongs to.",
    )
    cid = fields.Char(
        string="CID",
        related="cid_partner_id.cid",
        store=True,
        index="btree_not_null",
        help="Customer number of the document's customer.",
    )

    @api.depends(lambda self: ["partner_id", *(fname for fname, _codes in self._cid_document_keys)])
    def _compute_cid_partner_id(self):
        Interaction = self.env["crm.interaction"]
        pairs_of = {}
        for document in self:
            if document.partner_id:
                continue
            pairs_of[document] = [
                (code, value)
                for fname, codes in self._cid_document_keys
                if document[fname]
                for code in codes
                if (value := Interaction._interaction_normalize_value(code, document[fname]))
            ]
        wanted = {pair for pairs in pairs_of.values() for pair in pairs}
        # one lookup for the whole batch; the keys are matched whoever may
        # read the customer, as cid_resolve does for every employee
        matches = self.env["res.partner"].sudo()._cid_match_keys(wanted) if wanted else {}
        for document in self:
            if document.partner_id:
                document.cid_partner_id = document.partner_id
                continue
            partner_id = resolve_customer(pairs_of[document], matches)[0]
            document.cid_partner_id = partner_id or False

    def _cid_document_key_values(self):
        """Return ``{key type: raw value}`` of the identity values typed on the document.

        A value that may be of several types (a phone number: mobile or
        landline) is given under each type it is valid for, so that it finds
        the customer whichever type the customer's key has.
        """
        self.ensure_one()
        Interaction = self.env["crm.interaction"]
        return {
            code: self[fname]
            for fname, codes in self._cid_document_keys
            if self[fname]
            for code in codes
            if Interaction._interaction_normalize_value(code, self[fname])
        }
