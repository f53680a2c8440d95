from collections import defaultdict

from odoo import models
from odoo.tools import email_normalize

from ..tools.mask import is_masked, mask_email
from ..tools.mask_addresses import mask_address_list


class MailMessage(models.Model):
    """Senders and recipients of messages, masked on the ORM read paths too.

    The Store (chatter, ``/mail/thread/messages``) masks them in
    ``mail_message.py``; ``read``, ``search_read`` and ``web_read`` of
    messages over RPC hand out the same addresses, and a search on them
    would test them (``crm.access.addresses``).
    """

    _name = "mail.message"
    _inherit = ("mail.message", "crm.access.addresses")

    def _crm_access_address_fields(self):
        return (
            "email_from",
            "incoming_email_to",
            "incoming_email_cc",
            "outgoing_email_to",
            "reply_to",
        )

    def _crm_access_mask_address_rows(self, rows):
        # the sender's address is the author's own, whatever contact it
        # matches; the To and Cc are masked by address
        if rows and "email_from" in rows[0] and self._crm_access_addresses_restricted():
            self.browse([row["id"] for row in rows])._crm_access_mask_author_rows(rows)
        return super()._crm_access_mask_address_rows(rows)

    def _crm_access_mask_author_rows(self, rows):
        """Mask, in place, the sender of the rows of ``self`` whose author the user sees masked."""
        # the authors of messages just read, to decide the masking
        authors = {message.id: message.author_id for message in self.sudo() if message.author_id}
        masked = (
            self.env["res.partner"]
            .browse({author.id for author in authors.values()})
            ._crm_access_masked_for()
        )
        for row in rows:
            author = authors.get(row["id"])
            if author is not None and author in masked and row["email_from"]:
                row["email_from"] = mask_address_list(row["email_from"])

    def _crm_access_copied_hidden(self, user=None):
        # the copies of the messages' documents (crm.access.copied) that the
        # user sees masked: the e-mail of a lead without customer outside the
        # user's portfolio, on the e-mails it sent and received
        if user is None:
            user = self.env.user
        if not user:
            user = self.env.ref("base.public_user")
        if user._is_superuser():
            return {}
        Copied = self.env.registry["crm.access.copied"]
        # the documents of the messages, which the user may not be allowed to
        # read: only to decide the masking
        documents = defaultdict(lambda: defaultdict(list))
        for message in self.sudo():
            if (
                message.model in self.env
                and message.res_id
                and isinstance(self.env[message.model], Copied)
            ):
                documents[message.model][message.res_id].append(message.id)
        env = self.env(user=user, su=False)
        hidden = {}
        for model, messages_of in documents.items():
            found = env[model]._crm_access_copied_hidden_addresses(list(messages_of))
            for res_id, addresses in found.items():
                hidden.update(dict.fromkeys(messages_of[res_id], addresses))
        return hidden


class MailNotification(models.Model):
    """The address a notification went to, masked as its customer's e-mail."""

    _name = "mail.notification"
    _inherit = ("mail.notification", "crm.access.addresses")

    def _crm_access_address_fields(self):
        return ("mail_email_address",)

    def _crm_access_copied_hidden(self, user=None):
        # the addresses hidden on the notified messages
        notifications = self.sudo()
        hidden = notifications.mail_message_id._crm_access_copied_hidden(user)
        return {
            notification.id: hidden[notification.mail_message_id.id]
            for notification in notifications
            if notification.mail_message_id.id in hidden
        }

    def _to_store(self, store, fields, **kwargs):
        # what the Store does for a model without _to_store of its own
        store.add_records_fields(self, fields)
        entries = store.data.get("mail.notification", {})
        found = {
            notification.id: entries[(notification.id,)]["mail_email_address"]
            for notification in self
            if entries.get((notification.id,), {}).get("mail_email_address")
        }
        if not found:
            return
        addresses = {email_normalize(address) or address for address in found.values()}
        # the contacts behind the addresses, which the user may not be allowed
        # to read: only to decide which addresses are masked
        contacts = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("email_normalized", "in", list(addresses))])
        )
        viewer = store.target.get_user(self.env)
        hidden = set(contacts._crm_access_masked_for(viewer).mapped("email_normalized"))
        copied = self._crm_access_copied_hidden(viewer)
        for notification_id, address in found.items():
            normalized = email_normalize(address) or address
            if (
                normalized in hidden or normalized in copied.get(notification_id, ())
            ) and not is_masked(address):
                entries[(notification_id,)]["mail_email_address"] = mask_email(address)
