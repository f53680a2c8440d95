from odoo import models
from odoo.exceptions import UserError
from odoo.tools import email_normalize


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def _create_user(self):
        """Refuse an account on a contact whose e-mail another customer holds.

        The invitation proves the address to whoever opens it; an account made
        on a second contact with that address would be a second customer for
        the same person. The duplicates are merged first, and the kept contact
        is invited.
        """
        self._cid_portal_check_email_holder()
        return super()._create_user()

    def _cid_portal_check_email_holder(self):
        """:raises UserError: when the wizard's e-mail is a key of another customer."""
        for wizard_user in self:
            email = email_normalize(wizard_user.email or "")
            if not email:
                continue
            # every employee may resolve keys (cid_resolve); the message names
            # no customer, only the address the inviting user typed
            held = self.env["res.partner"].sudo().cid_resolve({"email": email})
            holder = held["commercial_partner_id"]
            if held["conflict"] or (
                holder and holder != wizard_user.partner_id.commercial_partner_id.id
            ):
                raise UserError(
                    self.env._(
                        "The e-mail %(email)s belongs to another customer. Merge the two "
                        "contacts (or correct the e-mail) before granting portal access.",
                        email=email,
                    )
                )
