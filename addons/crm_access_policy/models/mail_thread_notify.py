from contextlib import contextmanager

from markupsafe import Markup

from odoo import models

from ..tools.mask_text import mask_quoted_values, quoted_values

# Key of the notifications being e-mailed in the cursor's cache: for each
# message, its subject and the subjects masked for some of its recipients.
_NOTIFY_SCOPE = "crm_access_policy.notify_by_email"


class MailThread(models.AbstractModel):
    """The e-mails Odoo sends about a document: masked for colleagues outside need-to-know.

    A message posted on a customer's document goes by e-mail to its
    followers and recipients. When the message quotes identity values (a
    mobile, an e-mail, a national ID, in its text, its tracked values or its
    subject), the internal users among the recipients are grouped by what
    they must not see (``crm.access.quoted._crm_access_quoted_hidden_by_user``):

    - a colleague who sees the document masked (a contact outside their
      portfolio, a lead or ticket of such a customer, a quotation of one)
      must see none of the values quoted, whoever's;
    - a colleague who sees the document in full (their own customer) must
      not see the values of the other customers they see masked.

    Colleagues with the same values to hide receive the e-mail in a
    recipients group of their own, in which those values are masked in the
    body and in the subject, as the chatter shows them; the others receive it
    as written. The message itself is never changed: the masked subject is
    kept on the group's ``mail.mail`` (``crm_access_subject``).

    Only documents that may hold a customer are looked at, and only messages
    quoting some value cost a query.
    """

    _inherit = "mail.thread"

    def _notify_thread_by_email(self, message, recipients_data, **kwargs):
        if not self._crm_access_notify_may_mask():
            return super()._notify_thread_by_email(message, recipients_data, **kwargs)
        with self._crm_access_notify_scope(message):
            return super()._notify_thread_by_email(message, recipients_data, **kwargs)

    def _notify_by_email_get_base_mail_values(
        self, message, recipients_data, additional_values=None
    ):
        values = super()._notify_by_email_get_base_mail_values(
            message, recipients_data, additional_values=additional_values
        )
        scope = self._crm_access_notify_scope_of(message.id)
        if scope is not None:
            # the subject mail sends: the message's, or the one computed
            scope["subject"] = values["subject"] if "subject" in values else message.subject
        return values

    def _notify_get_classified_recipients_iterator(
        self, message, recipients_data, msg_vals=False, **kwargs
    ):
        groups = super()._notify_get_classified_recipients_iterator(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )
        scope = self._crm_access_notify_scope_of(message.id)
        if scope is None:
            yield from groups
            return
        for lang, render_values, group in groups:
            for part in self._crm_access_notify_split(
                message, group, render_values, msg_vals, scope
            ):
                yield lang, render_values, part

    def _notify_by_email_render_layout(
        self, message, recipients_group, msg_vals=False, render_values=None
    ):
        body = super()._notify_by_email_render_layout(
            message, recipients_group, msg_vals=msg_vals, render_values=render_values
        )
        hidden = recipients_group.get("crm_access_hidden")
        if not hidden or not body:
            return body
        return mask_quoted_values(Markup(body), hidden)

    def _notify_by_email_get_final_mail_values(
        self, recipient_ids, mail_values, additional_values=None
    ):
        values = super()._notify_by_email_get_final_mail_values(
            recipient_ids, mail_values, additional_values=additional_values
        )
        scope = self._crm_access_notify_scope_of(mail_values.get("mail_message_id"))
        # the recipients of one e-mail are of one group: the first one tells
        if scope and recipient_ids and recipient_ids[0] in scope["subjects"]:
            values["crm_access_subject"] = scope["subjects"][recipient_ids[0]]
        return values

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_notify_may_mask(self):
        """Whether this document may hold a customer, whose colleagues may
        then see some values masked
        (``crm.access.quoted._crm_access_model_may_mask``)."""
        if len(self) != 1 or not isinstance(self.id, int):
            return False
        return self.env["crm.access.quoted"]._crm_access_model_may_mask(self._name)

    @contextmanager
    def _crm_access_notify_scope(self, message):
        """Within this block (the e-mails of ``message`` being made), what the
        grouping of its recipients decides is kept for the e-mails made
        after it (:meth:`_crm_access_notify_scope_of`)."""
        scopes = self.env.cr.cache.setdefault(_NOTIFY_SCOPE, {})
        outer = message.id not in scopes
        if outer:
            scopes[message.id] = {"subject": None, "subjects": {}, "hidden": {}}
        try:
            yield
        finally:
            if outer:
                scopes.pop(message.id, None)

    def _crm_access_notify_scope_of(self, message_id):
        """Return the scope of the e-mails of the message ``message_id``
        being made (:meth:`_crm_access_notify_scope`), or None: ``subject``,
        the subject sent, ``subjects``, ``{partner id: subject masked}``, and
        ``hidden``, the decisions made (``{values: {user id: values}}``)."""
        return self.env.cr.cache.get(_NOTIFY_SCOPE, {}).get(message_id)

    def _crm_access_notify_split(self, message, group, render_values, msg_vals, scope):
        """Yield the recipients ``group`` split by what its colleagues must
        not see: each part with the values to mask (``crm_access_hidden``),
        the part of those who see every value as it was; the subjects masked
        are kept in ``scope``.

        No query unless the message quotes some value and the group holds
        colleagues.
        """
        uids = {
            pdata["uid"]
            for pdata in group["recipients_data"]
            if pdata["type"] == "user" and pdata["uid"]
        }
        values = uids and self._crm_access_notify_quoted(message, render_values, msg_vals, scope)
        if not values:
            yield group
            return
        decided = scope["hidden"].setdefault(tuple(values), {})
        undecided = uids - decided.keys()
        if undecided:
            # the recipients of the document's messages, whom mail chose, and
            # the document of the message sent: read to decide what each of
            # them must not see, nothing of them is handed to the author
            users = self.env["res.users"].sudo().browse(sorted(undecided))
            found = message.sudo()._crm_access_quoted_hidden_by_user(values, users)
            decided.update({uid: tuple(found.get(uid, ())) for uid in undecided})
        parts = {}
        for pdata in group["recipients_data"]:
            hidden = decided.get(pdata["uid"], ()) if pdata["type"] == "user" else ()
            parts.setdefault(hidden, []).append(pdata)
        if list(parts) == [()]:
            yield group
            return
        subject = scope["subject"] or ""
        for hidden, members in parts.items():
            part = {
                **group,
                "recipients_data": members,
                "recipients_ids": [pdata["id"] for pdata in members if pdata["id"]],
                "recipients_emails": [
                    pdata["email_normalized"]
                    for pdata in members
                    if not pdata["id"] and pdata["email_normalized"]
                ],
            }
            if hidden:
                part["crm_access_hidden"] = list(hidden)
                masked = mask_quoted_values(subject, hidden)
                if masked != subject:
                    scope["subjects"].update(dict.fromkeys(part["recipients_ids"], masked))
            yield part

    def _crm_access_notify_quoted(self, message, render_values, msg_vals, scope):
        """Return the identity values the e-mail of ``message`` quotes: in
        its text, its tracked values (as the e-mail shows them) and its
        subject. No query."""
        msg_vals = msg_vals or {}
        text = msg_vals["body"] if "body" in msg_vals else message.body
        values = quoted_values(Markup(text or ""))
        tracked = render_values.get("tracking_values") or []
        if tracked:
            values += quoted_values(repr(tracked))
        if scope["subject"]:
            values += quoted_values(scope["subject"])
        return list(dict.fromkeys(values))
