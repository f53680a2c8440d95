from odoo import api, models


class PortalWizard(models.TransientModel):
    """The portal wizard opened only on contacts the user sees in full
    (``portal.wizard.user._crm_access_check_portal_partners``): its lines are
    made by a computation run as superuser, so the wizard checks its own
    contacts."""

    _inherit = "portal.wizard"

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # the contacts the wizard was opened on, some the user may not read:
        # only to decide whether the user may manage their portal access
        self.env["portal.wizard.user"]._crm_access_check_portal_partners(
            wizards.sudo().partner_ids.ids
        )
        return wizards

    def write(self, vals):
        result = super().write(vals)
        if "partner_ids" in vals:
            self.env["portal.wizard.user"]._crm_access_check_portal_partners(
                self.sudo().partner_ids.ids
            )
        return result
