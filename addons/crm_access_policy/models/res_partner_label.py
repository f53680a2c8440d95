from odoo import models

from .res_partner import MASKED_FIELDS, MAY_REVEAL

# Parts of a contact's address that place it (a street, a postcode, a city),
# shown in its label with the context key show_address; the country or the
# province alone places nobody.
LABEL_ADDRESS_FIELDS = ("street", "street2", "zip", "city")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _crm_access_label_reveals(self, label):
        """Whether ``label``, a display name of this contact, carries its data:
        one of its identity values, in full or masked, or, when the context
        asks for them (``show_address``, ``show_vat``), its address or its
        tax ID."""
        self.ensure_one()
        if not label:
            return False
        # the values are read to be looked for in a name already computed
        partner = self.sudo()
        context = self.env.context
        shown = [
            *(LABEL_ADDRESS_FIELDS if context.get("show_address") else ()),
            *(("vat",) if context.get("show_vat") else ()),
        ]
        for fname in shown:
            value = fname in partner._fields and partner[fname]
            if value and isinstance(value, str) and value.strip() in label:
                return True
        # a name without a digit nor an "@" holds no phone, e-mail or ID
        if not MAY_REVEAL.search(label):
            return False
        return any(
            value in label or MASKED_FIELDS[fname](value) in label
            for fname, value in self._crm_access_label_values()
        )
