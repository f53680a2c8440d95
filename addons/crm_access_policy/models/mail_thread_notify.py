from markupsafe import Markup

from odoo import models

from ..tools.mask_text import mask_quoted_values, quoted_values

# The recipients group of the colleagues who see the document masked.
MASKED_GROUP = "crm_access_masked"


class MailThread(models.AbstractModel):
    """The e-mails Odoo sends about a document: masked for colleagues outside need-to-know.

    A message posted on a customer's document goes by e-mail to its
    followers and recipients. An internal user who sees the document masked
    (``crm.access.quoted._crm_access_masked_document_ids``: a contact outside
    their portfolio, a lead or ticket of such a customer, a quotation of
    one) receives it in a recipients group of their own, in which every
    identity value the message quotes (its text and its tracked values) is
    masked, as the chatter shows it to them; the others receive it as
    written. Only documents that may hold a customer are looked at: the
    others cost no query.
    """

    _inherit = "mail.thread"

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=False):
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        user_group = next((group for group in groups if group[0] == "user"), None)
        if user_group is None or not self._crm_access_notify_may_mask():
            return groups
        decided = {}

        def sees_masked(pdata):
            uid = pdata.get("uid")
            if pdata["type"] != "user" or not uid:
                return False
            if uid not in decided:
                # recipients of the document's messages, decided for each
                # of them: whether they may read it is mail's own matter
                user = self.env["res.users"].sudo().browse(uid)
                decided[uid] = bool(
                    self.env["crm.access.quoted"]._crm_access_masked_document_ids(
                        self._name, self.ids, user
                    )
                )
            return decided[uid]

        # the colleagues' group, under a name of its own and with lists of
        # its own (mail fills them while classifying the recipients)
        data = {
            key: value for key, value in user_group[2].items() if key.startswith(("active", "has_"))
        }
        data["notification_group_name"] = MASKED_GROUP
        return [[MASKED_GROUP, sees_masked, data], *groups]

    def _crm_access_notify_may_mask(self):
        """Whether this document may be seen masked by a colleague: a contact,
        a record masking its values, or one with a customer (``partner_id``)."""
        if len(self) != 1 or not isinstance(self.id, int):
            return False
        if self._name == "res.partner" or isinstance(self, self.pool["crm.access.masked"]):
            return True
        field = self._fields.get("partner_id")
        return bool(
            field
            and field.type == "many2one"
            and field.comodel_name == "res.partner"
            # the customer of a document the poster may not read in full:
            # only to decide whether a recipient sees it masked
            and self.sudo().partner_id
        )

    def _notify_by_email_render_layout(
        self, message, recipients_group, msg_vals=False, render_values=None
    ):
        body = super()._notify_by_email_render_layout(
            message, recipients_group, msg_vals=msg_vals, render_values=render_values
        )
        if recipients_group.get("notification_group_name") != MASKED_GROUP or not body:
            return body
        msg_vals = msg_vals or {}
        text = msg_vals["body"] if "body" in msg_vals else message.body
        values = quoted_values(Markup(text or ""))
        tracked = (render_values or {}).get("tracking_values") or []
        if tracked:
            values += quoted_values(repr(tracked))
        if not values:
            return body
        return mask_quoted_values(Markup(body), values)
