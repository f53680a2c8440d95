from odoo import api, models
from odoo.exceptions import AccessError


class PortalWizardUser(models.TransientModel):
    """Portal access managed only for contacts the user sees in full.

    Odoo's portal wizard lists, for each contact, the e-mail its portal
    login would take, and grants, revokes or re-sends the access from
    there; granting writes the e-mail typed in the wizard on the contact and
    makes a login of it. For a colleague who sees a customer masked, the
    list would show the customer's e-mail as stored, and a line typed over
    XML-RPC would give a login to a customer of another portfolio, under an
    e-mail of the colleague's choice. A line of the wizard is therefore
    created, or moved to a contact, only for contacts the user sees in full
    (their portfolio; a Manager sees all): opening the wizard on another
    portfolio's customer is refused with the name of the contact.
    """

    _inherit = "portal.wizard.user"

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_access_check_portal_partners(
            vals.get("partner_id") for vals in vals_list if vals.get("partner_id")
        )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id"):
            self._crm_access_check_portal_partners([vals["partner_id"]])
        return super().write(vals)

    @api.model
    def _crm_access_check_portal_partners(self, partner_ids):
        """Refuse portal access managed for contacts the user sees masked.

        :raise AccessError: naming the first such contact
        """
        if self.env.su:
            return
        partners = self.env["res.partner"].browse(set(partner_ids))
        # existence and names of contacts the user may not read: the wizard
        # names them, and names are not masked
        masked = partners.sudo().exists().with_env(self.env)._crm_access_masked_for()
        if masked:
            raise AccessError(
                self.env._(
                    "Portal access of %(contact)s is managed by the team whose customer "
                    "it is: you see this customer's details masked.",
                    contact=masked[:1].sudo().display_name,
                )
            )
