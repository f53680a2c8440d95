from odoo import models
from odoo.tools import email_normalize

from ..tools.mask import is_masked, mask_email, mask_formatted_email

# Store values of a message holding the addresses it was sent to.
RECIPIENT_KEYS = ("incoming_email_to", "incoming_email_cc")


class MailMessage(models.Model):
    """The addresses on a customer's message, masked as the customer's e-mail.

    Internal users get the ``email_from`` of every message in the Store
    (chatter, ``/mail/thread/messages``), and the To and Cc addresses of
    incoming e-mails: the address of a customer outside the portfolio of
    the user the data is for is masked, as on the customer's own card.
    """

    _inherit = "mail.message"

    def _to_store(self, store, fields, **kwargs):
        super()._to_store(store, fields, **kwargs)
        entries = store.data.get("mail.message", {})
        data = {message.id: entries.get((message.id,)) for message in self}
        data = {mid: entry for mid, entry in data.items() if entry}
        if not data:
            return
        viewer = store.target.get_user(self.env)
        # the authors of messages the user may read, to decide the masking
        messages = self.sudo().filtered(
            lambda message: message.author_id and data.get(message.id, {}).get("email_from")
        )
        masked = messages.author_id._crm_access_masked_for(viewer)
        for message in messages.filtered(lambda message: message.author_id in masked):
            entry = data[message.id]
            if not is_masked(entry["email_from"]):
                entry["email_from"] = mask_formatted_email(entry["email_from"])
        self._crm_access_mask_recipients(data.values(), viewer)

    def _crm_access_mask_recipients(self, entries, viewer):
        """Mask, in place, the To and Cc addresses of customers ``viewer`` sees masked."""
        addresses = {}
        for entry in entries:
            for key in RECIPIENT_KEYS:
                for pair in entry.get(key) or ():
                    if isinstance(pair, (list, tuple)) and len(pair) == 2 and pair[1]:
                        addresses.setdefault(email_normalize(pair[1]) or pair[1], pair[1])
        if not addresses:
            return
        # the contacts behind the addresses, which the user may not be allowed
        # to read: only to decide which addresses are masked
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("email_normalized", "in", list(addresses))])
        )
        hidden = set(partners._crm_access_masked_for(viewer).mapped("email_normalized"))
        if not hidden:
            return
        for entry in entries:
            for key in RECIPIENT_KEYS:
                pairs = entry.get(key)
                if not isinstance(pairs, list):
                    continue
                entry[key] = [
                    [pair[0], mask_email(pair[1])]
                    if isinstance(pair, (list, tuple))
                    and len(pair) == 2
                    and (email_normalize(pair[1]) or pair[1]) in hidden
                    else pair
                    for pair in pairs
                ]
