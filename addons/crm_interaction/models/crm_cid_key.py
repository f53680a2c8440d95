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

    def _cid_keys_inserted(self, rows=None):
        # keys written in one INSERT (the bulk import, the keys synchronised
        # from new contacts' fields) skip create(); nothing of them is cached
        # yet: what the linking needs, taken from the values written when the
        # caller gives them, else read as plain values in one query
        result = super()._cid_keys_inserted(rows)
        if not self:
            return result
        if rows is not None:
            pairs = {
                (row["type_code"], row["value_normalized"])
                for row in rows
                if row.get("active", True) and row.get("value_normalized")
            }
        else:
            pairs = set(
                self.env.execute_query(
                    SQL(
                        "SELECT DISTINCT type_code, value_normalized FROM crm_cid_key"
                        " WHERE id IN %s AND active AND value_normalized IS NOT NULL",
                        tuple(self.ids),
                    )
                )
            )
        self.env["crm.interaction"]._interaction_link_unmatched(self, pairs=pairs)
        return result
