from odoo import api, models
from odoo.tools import SQL


class CrmCidKey(models.Model):
    _inherit = "crm.cid.key"

    @api.model_create_multi
    def create(self, vals_list):
        keys = super().create(vals_list)
        self.env["crm.interaction"]._interaction_link_unmatched(keys)
        return keys

    def write(self, vals):
        result = super().write(vals)
        if {"value", "active", "partner_id", "key_type_id"} & vals.keys():
            self.env["crm.interaction"]._interaction_link_unmatched(self)
        return result

    def _cid_keys_inserted(self):
        # keys written in one INSERT (the bulk import, the keys synchronised
        # from new contacts' fields) skip create(); nothing of them is cached
        # yet: what the linking needs, read as plain values in one query
        result = super()._cid_keys_inserted()
        if self:
            rows = self.env.execute_query(
                SQL(
                    "SELECT DISTINCT type_code, value_normalized FROM crm_cid_key"
                    " WHERE id IN %s AND active AND value_normalized IS NOT NULL",
                    tuple(self.ids),
                )
            )
            self.env["crm.interaction"]._interaction_link_unmatched(self, pairs=set(rows))
        return result
