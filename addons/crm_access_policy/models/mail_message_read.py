from collections import defaultdict

from odoo import models
from odoo.tools import email_normalize

from ..tools.mask import PHONE_TYPES, is_masked, mask_email, mask_phone
from ..tools.mask_addresses import mask_address_list
from .crm_access_quoted import target_user


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

    def _crm_access_counted_address_fields(self):
        # a whole address searched in a sender or a list of recipients is a
        # customer's e-mail tested: bounded and counted, never ordered by
        return self._crm_access_address_fields()

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
        user = target_user(self.env, user)
        if user._is_superuser():
            return {}
        documents = self._crm_access_documents(self.env.registry["crm.access.copied"])
        env = self.env(user=user, su=False)
        hidden = {}
        for model, messages_of in documents.items():
            found = env[model]._crm_access_copied_hidden_addresses(list(messages_of))
            for res_id, addresses in found.items():
                hidden.update(dict.fromkeys(messages_of[res_id], addresses))
        return hidden

    def _crm_access_documents(self, mixin):
        """Return ``{model: {res_id: [message ids]}}``: the documents of the
        messages of ``self`` whose model inherits the class ``mixin``."""
        # the documents of the messages, which the user may not be allowed to
        # read: only to decide the masking
        documents = defaultdict(lambda: defaultdict(list))
        for message in self.sudo():
            if (
                message.model in self.env
                and message.res_id
                and isinstance(self.env[message.model], mixin)
            ):
                documents[message.model][message.res_id].append(message.id)
        return documents


class MailNotification(models.Model):
    """The address a notification went to, masked as its customer's e-mail,
    and the number an SMS went to, masked as its customer's phone or as the
    document's it was sent from."""

    _name = "mail.notification"
    _inherit = ("mail.notification", "crm.access.addresses")

    def _crm_access_address_fields(self):
        return ("mail_email_address",)

    def _crm_access_number_fields(self):
        return ("sms_number",)

    def _crm_access_counted_address_fields(self):
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

    def _crm_access_mask_number_rows(self, rows):
        if not rows or "sms_number" not in rows[0]:
            return
        numbered = self.browse([row["id"] for row in rows if row["sms_number"]])
        if not numbered:
            return
        contacts = numbered._crm_access_number_customers()
        numbered._crm_access_audit_numbers(contacts)
        if not self._crm_access_addresses_restricted():
            return
        hidden = numbered._crm_access_hidden_numbers(contacts=contacts)
        for row in rows:
            if row["id"] in hidden and not is_masked(row["sms_number"]):
                row["sms_number"] = mask_phone(row["sms_number"])

    def _crm_access_number_customers(self):
        """Return the contacts whose phone number the SMS of these
        notifications went to: the partner notified, and the customers whose
        identity keys are the numbers (an SMS sent to a number alone)."""
        # the partners and keys behind the numbers, which the user may not be
        # allowed to read: only to decide the masking and the counting
        notifications = self.sudo()
        numbers = {notification.sms_number for notification in notifications}
        numbers.discard(False)
        keys = self.env["crm.cid.key"].sudo().with_context(active_test=False)
        if numbers:
            keys = keys.search(
                [("type_code", "in", list(PHONE_TYPES)), ("value_normalized", "in", list(numbers))]
            )
        owners = {}
        for key in keys:
            owners.setdefault(key.value_normalized, self.env["res.partner"])
            owners[key.value_normalized] |= key.commercial_partner_id
        return {
            notification.id: notification.res_partner_id
            | owners.get(notification.sms_number, self.env["res.partner"])
            for notification in notifications
        }

    def _crm_access_hidden_numbers(self, user=None, contacts=None):
        """Return the ids of the notifications of ``self`` whose SMS number
        ``user`` sees masked: the number of a contact the user sees masked
        (the partner notified, the customer whose key it is), and any number
        an SMS went to from a document the user sees masked (a customer's
        card, a lead of a customer outside the user's portfolio, one without
        customer outside its own portfolio: see
        ``crm.access.quoted._crm_access_masked_document_ids``), whether or not it
        matches a contact, a key or a copy of the document (a number typed
        in the composer).

        :param user: the user the data is for (default: the current user,
            ``env.su`` ignored); an empty recordset stands for a recipient
            who is no known user
        :param contacts: :meth:`_crm_access_number_customers` of ``self``,
            when the caller has it already
        """
        if contacts is None:
            contacts = self._crm_access_number_customers()
        partners = self.env["res.partner"].browse()
        for found in contacts.values():
            partners |= found
        masked = partners._crm_access_masked_for(user)
        hidden = {notification_id for notification_id, found in contacts.items() if found & masked}
        # the messages notified, read to decide the masking only
        notifications = self.sudo()
        documents = notifications.mail_message_id._crm_access_quoted_masked_ids(user)
        hidden.update(
            notification.id
            for notification in notifications
            if notification.mail_message_id.id in documents
        )
        return hidden

    def _crm_access_audit_numbers(self, contacts=None):
        """Count the reading of the numbers SMS went to as reading the
        customers they belong to (``contacts``, computed when not given: see
        :meth:`_crm_access_number_customers`).

        :raise AccessError: when the user is suspended, or past the layoff limit
        """
        if self.env.su or not self.env["res.partner"]._crm_access_user_is_audited():
            return
        customers = self.env["res.partner"].sudo().browse()
        if contacts is None:
            contacts = self._crm_access_number_customers()
        for found in contacts.values():
            customers |= found
        customers = customers.commercial_partner_id.filtered("cid").with_env(self.env)
        if customers:
            customers._crm_access_audit(customers._crm_access_kind(["mobile"]))

    def _to_store(self, store, fields, **kwargs):
        # what the Store does for a model without _to_store of its own
        store.add_records_fields(self, fields)
        entries = store.data.get("mail.notification", {})
        self._crm_access_mask_store_numbers(store, entries)
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

    def _crm_access_mask_store_numbers(self, store, entries):
        """Mask, in the Store ``entries``, the SMS numbers the viewer sees masked."""
        numbered = self.filtered(
            lambda notification: entries.get((notification.id,), {}).get("sms_number")
        )
        if not numbered:
            return
        contacts = numbered._crm_access_number_customers()
        if store.target.is_current_user(self.env):
            # the data is for the user reading it: a read of the customers
            numbered.with_env(self.env(su=False))._crm_access_audit_numbers(contacts)
        hidden = numbered._crm_access_hidden_numbers(store.target.get_user(self.env), contacts)
        for notification_id in hidden:
            entry = entries[(notification_id,)]
            if not is_masked(entry["sms_number"]):
                entry["sms_number"] = mask_phone(entry["sms_number"])
