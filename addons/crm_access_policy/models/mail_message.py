from odoo import models

from ..tools.mask import is_masked, mask_formatted_email


class MailMessage(models.Model):
    """The sender address of a customer's message, masked as the customer's e-mail.

    Internal users get the ``email_from`` of every message in the Store
    (chatter, ``/mail/thread/messages``): for a message written by a
    customer outside the recipient's portfolio it is the customer's masked
    address, as on the customer's own card.
    """

    _inherit = "mail.message"

    def _to_store(self, store, fields, **kwargs):
        super()._to_store(store, fields, **kwargs)
        entries = store.data.get("mail.message", {})
        # the author of a message the user may read, to decide the masking
        messages = self.sudo().filtered(
            lambda message: message.author_id and entries.get((message.id,), {}).get("email_from")
        )
        if not messages:
            return
        viewer = store.target.get_user(self.env)
        masked = messages.author_id._crm_access_masked_for(viewer)
        for message in messages.filtered(lambda message: message.author_id in masked):
            entry = entries[(message.id,)]
            if not is_masked(entry["email_from"]):
                entry["email_from"] = mask_formatted_email(entry["email_from"])
