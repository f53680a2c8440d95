from odoo import api, models

from ..tools.mask import mask_key


class CrmCidKey(models.Model):
    _name = "crm.cid.key"
    _inherit = ("crm.cid.key", "crm.access.audited", "crm.access.masked")

    @api.depends_context("uid")
    def _compute_display_name(self):
        super()._compute_display_name()
        for key in self._crm_access_masked_records():
            key.display_name = self.env._(
                "%(type)s: %(value)s",
                type=key.key_type_id.name or "",
                value=mask_key(key.type_code, key.value_normalized or key.value),
            )

    def _crm_access_customers(self):
        return self.partner_id.commercial_partner_id.filtered("cid")

    def _crm_access_kind(self, fnames):
        return "sensitive"

    def _crm_access_mask_fields(self):
        return ("value", "value_normalized")

    def _crm_access_mask_owner(self):
        return self.commercial_partner_id

    def _crm_access_mask_values(self, fnames):
        return {fname: mask_key(self.type_code, self[fname]) for fname in fnames if self[fname]}

    def _cid_owner_visible(self):
        # a key the user sees masked (another portfolio's customer) does not
        # name its owner in a uniqueness error either
        return (
            super()._cid_owner_visible()
            and not self.with_env(self.env(su=False))._crm_access_masked_records()
        )
