from odoo import models


class CrmInteractionCidMixin(models.AbstractModel):
    """The customer a form's typed e-mail or phone resolves to, kept from
    the users who see that customer masked.

    A lead's or a ticket's form computes, at each round-trip, the customer
    its e-mail or phone belongs to (``cid_partner_id`` and its ``cid``).
    Typed by a user who sees that customer masked, the value would be
    answered with its owner: on the form's new record, such a customer is
    left out, as if the value were nobody's. The customer the user chose on
    the form, and the one the record shown already had, stay; the record
    saved resolves its values as before, whoever saves it.
    """

    _inherit = "crm.interaction.cid.mixin"

    def _compute_cid_partner_id(self):
        super()._compute_cid_partner_id()
        news = self.filtered(lambda document: not isinstance(document.id, int))
        if not news or self.env["res.partner"]._crm_access_user_sees_full_values():
            return
        # the customers resolved for the form, and those of the records it
        # shows, which the user may not be allowed to read: only compared
        found = [
            document
            for document in news.sudo()
            if document.cid_partner_id
            and document.cid_partner_id != document.partner_id
            and document.cid_partner_id != document._origin.cid_partner_id
        ]
        if not found:
            return
        masked = (
            self.env["res.partner"]
            .browse({document.cid_partner_id.id for document in found})
            ._crm_access_masked_for()
        )
        for document in found:
            if document.cid_partner_id.id in masked.ids:
                document.cid_partner_id = False
