from odoo import models

from ..tools.mask import is_masked, mask_email, mask_phone

# The lines of a vCard holding an identity value, with their masking.
VCARD_MASKS = {"email": mask_email, "tel": mask_phone}


class ResPartner(models.Model):
    """The vCards of contacts (``/web/partner/vcard``), read as the card is.

    Odoo builds a contact's vCard from its fields, whatever the reader sees
    of them on screen, and hands out the vCards of any list of contacts in
    one ZIP file: the customer list with every mobile and e-mail, in one
    request. For an internal user, not as superuser:

    - the e-mail and phone of a contact the user sees masked are masked in
      its vCard, as on its card;
    - downloading one vCard is a read of that customer (counted in the
      access log, refused while the user is suspended or past the layoff
      window); downloading several at once is an export of customer data:
      only for the export group, frozen under watch, counted as an export.
    """

    _inherit = "res.partner"

    def _build_vcard(self):
        vcard = super()._build_vcard()
        if not vcard or self.env.su or not self.env.user._is_internal():
            return vcard
        if not self._crm_access_masked_for():
            return vcard
        for name, mask in VCARD_MASKS.items():
            for line in vcard.contents.get(name) or ():
                if line.value and not is_masked(line.value):
                    line.value = mask(line.value)
        return vcard

    def _crm_access_vcard_download(self):
        """Count the download of the vCards of these contacts.

        :raise AccessError: for several contacts, outside the export group or
            under watch; while the user's reads are suspended, or past the
            layoff window
        """
        if len(self) > 1:
            self._crm_access_check_export()
            self._crm_access_audit("export")
        else:
            self._crm_access_audit("open")
