from odoo import api, models

from ..tools.mask import mask_key


class CrmCidKey(models.Model):
    _name = "crm.cid.key"
    _inherit = ("crm.cid.key", "crm.access.audited", "crm.access.masked")

    @api.depends_context("uid")
    def _compute_display_name(self):
        result = super()._compute_display_name()
        # computed as superuser for name_search, many2one labels and web_read:
        # masked as the user would read the key
        for key in self.filtered("id")._crm_access_masked_records(real_user=True):
            key.display_name = self.env._(
                "%(type)s: %(value)s",
                type=key.key_type_id.name or "",
                value=mask_key(key.type_code, key.value_normalized or key.value),
            )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_access_check_new_keys(vals_list)
        return super().create(vals_list)

    @api.model
    def _cid_keys_check_values(self, vals_list):
        # keys written in one INSERT (synchronised from contact fields) skip
        # create(): the same checks, before anything is written
        result = super()._cid_keys_check_values(vals_list)
        self._crm_access_check_new_keys(vals_list)
        for vals in vals_list:
            self._crm_access_check_not_masked(vals)
        return result

    @api.model
    def _crm_access_check_new_keys(self, vals_list):
        """Refuse new keys on customers outside the user's portfolio (see
        ``res.partner._crm_access_keys_bound``)."""
        Partner = self.env["res.partner"]
        if Partner._crm_access_keys_bound():
            Partner.browse(
                {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
            )._crm_access_check_key_portfolio()

    def write(self, vals):
        if self and self.env["res.partner"]._crm_access_keys_bound():
            # every field of a key identifies the customer: a change is a
            # change of who the calls carrying the value belong to
            self.partner_id._crm_access_check_key_portfolio()
        return super().write(vals)

    def copy_data(self, default=None):
        # a copy would carry the value, unmasked, to a contact of the user's choice
        if self and self.env["res.partner"]._crm_access_keys_bound():
            self.partner_id._crm_access_check_key_portfolio(copying=True)
        return super().copy_data(default=default)

    def unlink(self):
        if self and self.env["res.partner"]._crm_access_keys_bound():
            self.partner_id._crm_access_check_key_portfolio()
        return super().unlink()

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
