from markupsafe import Markup

from odoo import models

from ..tools.mask_text import mask_quoted_values


class MailMessage(models.Model):
    """The text of messages: identity values quoted there, masked
    (``crm.access.quoted``) on the ORM read paths and in mail's Store
    (chatter, ``/mail/thread/messages``, inbox, bus notifications), for the
    user the data is for. A message is seen masked when its document is."""

    _name = "mail.message"
    _inherit = ("mail.message", "crm.access.quoted")

    def _crm_access_quoted_fields(self):
        return ("body", "preview")

    def _crm_access_quoted_masked_ids(self, user=None):
        documents = {(message.model, message.res_id) for message in self}
        masked = self._crm_access_masked_documents(documents, user)
        return {message.id for message in self if (message.model, message.res_id) in masked}

    def _to_store(self, store, fields, **kwargs):
        super()._to_store(store, fields, **kwargs)
        entries = store.data.get("mail.message", {})
        bodies = {}
        for message in self:
            body = entries.get((message.id,), {}).get("body")
            # the Store holds a body as ["markup", html]: read as the HTML
            # it is, so that a value split by markup is found
            if isinstance(body, list) and len(body) == 2 and body[1]:
                bodies[message.id] = Markup(body[1])
        if not bodies:
            return
        hidden = self.browse(list(bodies))._crm_access_quoted_hidden(
            bodies, store.target.get_user(self.env)
        )
        for message_id, values in hidden.items():
            entry = entries[(message_id,)]
            entry["body"] = ["markup", mask_quoted_values(Markup(entry["body"][1]), values)]
