from odoo import models

from odoo.addons.crm_price_consistency.models.sale_order import PRICE_MANAGER_GROUP


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    def _crm_price_is_price_definition(self):
        """Tell whether one of these definitions asks the Pricing Managers."""
        group = self.env.ref(PRICE_MANAGER_GROUP, raise_if_not_found=False)
        return bool(group) and group in self.mapped("reviewer_group_id")
