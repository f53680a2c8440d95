from contextvars import ContextVar

from odoo import models
from odoo.tools import email_normalize

from ..tools.mask import is_masked, mask_email

# The addresses the composer must not suggest to the user: the own e-mail of
# the document the suggestions are made for, when the user sees it masked.
# Set by _message_get_suggested_recipients around its own lookup only: no
# context key, so no caller can set it.
SUGGESTION_HIDDEN = ContextVar("crm_access_suggestion_hidden", default=frozenset())


def _address_key(email):
    return email_normalize(email, strict=False) or (email or "").strip()


class MailThread(models.AbstractModel):
    """Suggested recipients of a document: customers' addresses masked as on their card.

    The composer's suggestions (``/mail/thread/recipients``,
    ``/mail/thread/recipients/get_suggested_recipients`` and the chatter's
    ``suggestedRecipients``) list the e-mail of each suggested partner; a
    customer outside the user's portfolio is suggested with a masked address
    (the message still goes to the partner), and under the masked address
    when the contact's name holds it.

    A document whose copies the user sees masked (a lead or ticket without
    customer outside the user's portfolio, ``crm.access.copied``) is not
    suggested its own e-mail for that user: a masked address would come
    back from the composer as the masked text, and the real one would make
    a contact the user could read. The address is neither looked up nor
    made a contact for them; the owner and the portfolio get the suggestion
    as Odoo makes it.
    """

    _inherit = "mail.thread"

    def _message_get_suggested_recipients(self, *args, **kwargs):
        hidden = self._crm_access_suggestion_hidden()
        token = SUGGESTION_HIDDEN.set(hidden)
        try:
            recipients = super()._message_get_suggested_recipients(*args, **kwargs)
        finally:
            SUGGESTION_HIDDEN.reset(token)
        if hidden:
            recipients = [
                recipient
                for recipient in recipients
                if recipient.get("partner_id") or _address_key(recipient.get("email")) not in hidden
            ]
        partner_ids = {rec["partner_id"] for rec in recipients if rec.get("partner_id")}
        if not partner_ids:
            return recipients
        masked = set(self.env["res.partner"].browse(partner_ids)._crm_access_masked_for().ids)
        for recipient in recipients:
            email = recipient.get("email")
            if recipient.get("partner_id") in masked and email and not is_masked(email):
                recipient["email"] = mask_email(email)
                # a contact made from an address is named by it
                for key in ("name", "display_name"):
                    name = recipient.get(key)
                    if isinstance(name, str) and email.casefold() in name.casefold():
                        recipient[key] = recipient["email"]
        return recipients

    def _crm_access_suggestion_hidden(self):
        """Return the normalised addresses of this document the user sees
        masked on it (its own e-mail, see ``crm.access.copied``), ``env.su``
        ignored."""
        if len(self) != 1 or not isinstance(self, self.pool["crm.access.copied"]):
            return frozenset()
        # decided from the user, whatever env the route gave the thread in
        document = self.sudo(False)
        return frozenset(document._crm_access_copied_hidden_addresses(self.ids).get(self.id, ()))

    def _partner_find_from_emails(self, records_emails, *args, **kwargs):
        hidden = SUGGESTION_HIDDEN.get()
        if hidden:
            # the suggestions of a document whose own e-mail the user sees
            # masked: that address is neither looked up nor made a contact
            records_emails = {
                record: [email for email in emails if _address_key(email) not in hidden]
                for record, emails in records_emails.items()
            }
        return super()._partner_find_from_emails(records_emails, *args, **kwargs)
