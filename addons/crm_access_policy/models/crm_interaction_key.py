from odoo import api, models
from odoo.tools import SQL

from ..tools.mask import mask_key


class CrmInteractionKey(models.Model):
    _name = "crm.interaction.key"
    _inherit = ("crm.interaction.key", "crm.access.audited", "crm.access.masked")

    @api.depends_context("uid")
    def _compute_display_name(self):
        result = super()._compute_display_name()
        # computed as superuser for many2one labels: masked as the user would read the key
        for key in self.filtered("id")._crm_access_masked_records(real_user=True):
            value = mask_key(key.type_code, key.value_normalized or key.value)
            key.display_name = f"{key.type_code}: {value}"
        return result

    # ------------------------------------------------------------------
    # Auditing (crm.access.audited)
    # ------------------------------------------------------------------

    def _crm_access_customers(self):
        # one query for the customers of the keys read, as for the interactions
        self.env["crm.interaction"].flush_model(["commercial_partner_id"])
        self.flush_model(["interaction_id"])
        self.env["res.partner"].flush_model(["cid"])
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT p.id FROM crm_interaction_key k "
                "JOIN crm_interaction i ON i.id = k.interaction_id "
                "JOIN res_partner p ON p.id = i.commercial_partner_id "
                "WHERE k.id = ANY(%s) AND p.cid IS NOT NULL",
                self._origin.ids,
            )
        )
        return self.env["res.partner"].browse(row[0] for row in rows)

    def _crm_access_kind(self, fnames):
        return "sensitive"

    # ------------------------------------------------------------------
    # Masking outside the portfolio (crm.access.masked)
    # ------------------------------------------------------------------

    def _crm_access_mask_fields(self):
        return ("value", "value_normalized")

    def _crm_access_mask_owner(self):
        return self.interaction_id.commercial_partner_id

    @api.model
    def _crm_access_mask_owner_field(self):
        return "interaction_id.commercial_partner_id"

    def _crm_access_mask_values(self, fnames):
        return {fname: mask_key(self.type_code, self[fname]) for fname in fnames if self[fname]}
