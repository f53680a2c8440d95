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
            # the authors of messages just read, to decide the masking
            authors = {
                message.id: message.author_id
                for message in self.browse([row["id"] for row in rows]).sudo()
                if message.author_id
            }
            masked = (
                self.env["res.partner"]
                .browse({author.id for author in authors.values()})
                ._crm_access_masked_for()
            )
            for row in rows:
                author = authors.get(row["id"])
                if author is not None and author in masked and row["email_from"]:
                    row["email_from"] = mask_address_list(row["email_from"])
        return super()._crm_access_mask_address_rows(rows)


class MailNotification(models.Model):
    """The address a notification went to, masked as its customer's e-mail."""

    _name = "mail.notification"
    _inherit = ("mail.notification", "crm.access.addresses")

    def _crm_access_address_fields(self):
        return ("mail_email_address",)

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
        hidden = set(
            contacts._crm_access_masked_for(store.target.get_user(self.env)).mapped(
                "email_normalized"
            )
        )
        for notification_id, address in found.items():
            if (email_normalize(address) or address) in hidden and not is_masked(address):
                entries[(notification_id,)]["mail_email_address"] = mask_email(address)
