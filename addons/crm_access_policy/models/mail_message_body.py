from markupsafe import Markup

from odoo import models

from ..tools.mask_text import mask_quoted_values
from .crm_access_quoted import joined_text


class MailMessage(models.Model):
    """The text of messages (their subject and body): identity values quoted
    there, masked (``crm.access.quoted``) on the ORM read paths and in
    mail's Store (chatter, ``/mail/thread/messages``, inbox, bus
    notifications), for the user the data is for. A message is seen masked
    when its document is."""

    _name = "mail.message"
    _inherit = ("mail.message", "crm.access.quoted")

    def _crm_access_quoted_fields(self):
        return ("body", "preview", "subject")

    def _crm_access_quoted_masked_ids(self, user=None):
        documents = {(message.model, message.res_id) for message in self}
        masked = self._crm_access_masked_documents(documents, user)
        return {message.id for message in self if (message.model, message.res_id) in masked}

    def _to_store(self, store, fields, **kwargs):
        super()._to_store(store, fields, **kwargs)
        entries = store.data.get("mail.message", {})
        texts = {}
        for message in self:
            entry = entries.get((message.id,), {})
            body = _store_body(entry)
            # the Store holds a body as ["markup", html]: read as the HTML
            # it is, so that a value split by markup is found
            parts = [Markup(body)] if body else []
            if entry.get("subject"):
                parts.append(entry["subject"])
            if parts:
                texts[message.id] = joined_text(parts)
        if not texts:
            return
        hidden = self.browse(list(texts))._crm_access_quoted_hidden(
            texts, store.target.get_user(self.env)
        )
        for message_id, values in hidden.items():
            entry = entries[(message_id,)]
            if body := _store_body(entry):
                entry["body"] = ["markup", mask_quoted_values(Markup(body), values)]
            if entry.get("subject"):
                entry["subject"] = mask_quoted_values(entry["subject"], values)


def _store_body(entry):
    """Return the HTML of the body of a message's Store ``entry``, or None."""
    body = entry.get("body")
    if isinstance(body, list) and len(body) == 2 and body[1]:
        return body[1]
    return None
