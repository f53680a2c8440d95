from odoo import models
from odoo.tools import frozendict

from .crm_lead import PREMADE_CUSTOMERS


class CrmLead2opportunityPartnerMass(models.TransientModel):
    _inherit = "crm.lead2opportunity.partner.mass"

    def _convert_and_allocate(self, leads, user_ids, team_id=False):
        # the leads that would each create their own customer get them at once
        # (crm.lead._interaction_create_customers_at_once); found again by
        # _find_matching_partner when each lead is converted
        self.ensure_one()
        if (
            self.name == "convert"
            and self.action == "each_exist_or_create"
            and not self.commercial_partner_id
        ):
            premade = leads._interaction_create_customers_at_once(self.user_id)
            if premade:
                token = PREMADE_CUSTOMERS.set(frozendict(premade))
                try:
                    return super()._convert_and_allocate(leads, user_ids, team_id=team_id)
                finally:
                    PREMADE_CUSTOMERS.reset(token)
        return super()._convert_and_allocate(leads, user_ids, team_id=team_id)
