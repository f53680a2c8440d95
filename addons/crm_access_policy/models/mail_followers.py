from odoo import models

from ..tools.mask import is_masked, mask_email


class MailFollowers(models.Model):
    """Followers in mail's Store: a customer's address masked as on their card.

    The follower list of a document (``/mail/data``, the chatter) carries
    each follower's e-mail: a customer outside the portfolio of the user the
    data is for gets the masked address.
    """

    _inherit = "mail.followers"

    def _to_store(self, store, fields, **kwargs):
        store.add_records_fields(self, fields)
        if "email" not in fields:
            return
        entries = store.data.get("mail.followers", {})
        # the followed partners, which the user may not be allowed to read in
        # full, to decide the masking
        followers = self.sudo()
        masked = followers.partner_id._crm_access_masked_for(store.target.get_user(self.env))
        for follower in followers.filtered(lambda follower: follower.partner_id in masked):
            entry = entries.get((follower.id,))
            if entry and entry.get("email") and not is_masked(entry["email"]):
                entry["email"] = mask_email(entry["email"])
