from odoo import models

from .res_partner import DISPLAY_NAME_FIELDS, MASKED_FIELDS


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _crm_access_label_reveals(self, label):
        """Whether ``label``, a display name of this contact, carries one of
        its identity values, in full or masked."""
        self.ensure_one()
        # a name without a digit nor an "@" holds no phone, e-mail or ID
        if not label or not ("@" in label or any(char.isdigit() for char in label)):
            return False
        # the values are read to be looked for in a name already computed
        partner = self.sudo()
        for fname in DISPLAY_NAME_FIELDS:
            value = fname in partner._fields and partner[fname]
            if value and isinstance(value, str):
                if value in label or MASKED_FIELDS[fname](value) in label:
                    return True
        return False
