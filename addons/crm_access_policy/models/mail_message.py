from odoo import models
from odoo.tools import email_normalize

from ..tools.mask import is_masked, mask_email, mask_formatted_email
from ..tools.mask_addresses import mask_address_list

# Store values of a message holding the addresses it was sent to.
RECIPIENT_KEYS = ("incoming_email_to", "incoming_email_cc")


class MailMessage(models.Model):
    """The addresses on a customer's message, masked as the customer's e-mail.

    Internal users get the ``email_from`` of every message in the Store
    (chatter, ``/mail/thread/messages``), and the To and Cc addresses of
    incoming e-mails: the address of a customer outside the portfolio of
    the user the data is for is masked, as on the customer's own card; the
    own e-mail of a lead or ticket without customer, outside the viewer's
    portfolio, is masked on its messages as on the record.
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
        # the own e-mail of a document whose copies the viewer sees masked
        for message_id, hidden in self.browse(list(data))._crm_access_copied_hidden(viewer).items():
            entry = data[message_id]
            if entry.get("email_from"):
                entry["email_from"] = mask_address_list(entry["email_from"], hidden)
            _mask_pairs(entry, hidden)
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
            _mask_pairs(entry, hidden)


def _mask_pairs(entry, hidden):
    """Mask, in place, the To and Cc pairs of a message's Store ``entry``
    whose address is in ``hidden`` (normalised addresses)."""
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
