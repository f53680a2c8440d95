from odoo import models

from ..tools.mask_text import mask_quoted_values

# Tokens mail hands out with an attachment: each serves its file (or its
# thumbnail) to whoever holds it, without a session of their own.
STORE_TOKENS = ("raw_access_token", "thumbnail_access_token")


class IrAttachment(models.Model):
    """Attachments in mail's Store (chatter, ``/mail/thread/messages``,
    inbox, bus notifications), for the user the data is for.

    A user who sees the document of an attachment masked
    (``ir.attachment._crm_access_content_masked``) gets it without the
    tokens that would serve its content to anyone holding them (to a
    browser without session, say); the identity values its name quotes are
    masked, as on the ORM read paths. The portal's chatter hands out the
    same token (``_get_raw_access_token``), withheld alike.
    """

    _inherit = "ir.attachment"

    def _to_store(self, store, fields, **kwargs):
        # what the Store does for a model without _to_store of its own
        store.add_records_fields(self, fields)
        entries = store.data.get("ir.attachment", {})
        shown = self.filtered(lambda attachment: (attachment.id,) in entries)
        if not shown:
            return
        user = store.target.get_user(self.env)
        tokened = shown.filtered(
            lambda attachment: any(entries[(attachment.id,)].get(key) for key in STORE_TOKENS)
        )
        for attachment in tokened._crm_access_content_masked(user):
            entry = entries[(attachment.id,)]
            for key in STORE_TOKENS:
                if key in entry:
                    entry[key] = False
        names = {
            attachment.id: name
            for attachment in shown
            if isinstance(name := entries[(attachment.id,)].get("name"), str)
        }
        hidden = self.browse(list(names))._crm_access_quoted_hidden(names, user)
        for attachment_id, values in hidden.items():
            entries[(attachment_id,)]["name"] = mask_quoted_values(names[attachment_id], values)

    def _get_raw_access_token(self):
        # decided for the user, whatever env.su: the token serves the file
        # to anyone holding it
        if self._crm_access_content_masked(self.env.user):
            return False
        return super()._get_raw_access_token()
