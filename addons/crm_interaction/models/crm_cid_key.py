from odoo import api, models


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
        # yet: the columns the linking reads, and only those, in one query
        result = super()._cid_keys_inserted()
        self.fetch(["type_code", "value_normalized", "active"])
        self.env["crm.interaction"]._interaction_link_unmatched(self)
        return result
