from odoo import models

from ..tools.mask_text import mask_quoted_values


class CrmInteraction(models.Model):
    """What was said in an interaction (its subject, text, summary, and the
    texts of the message or SMS it points at): identity values quoted there,
    masked (``crm.access.quoted``) for the users who see the interaction
    masked, or the customer whose value it is (a call of one customer giving
    another's mobile), on the read paths and in the customer's timeline."""

    _name = "crm.interaction"
    _inherit = ("crm.interaction", "crm.access.quoted")

    def _crm_access_quoted_fields(self):
        return ("subject", "body", "summary", "message_body", "sms_body")

    def _timeline_values(self, rows=None):
        items = super()._timeline_values(rows)
        if self.env.su or self.env.user._crm_access_sees_full_values():
            return items
        texts = {item["id"]: f"{item['subject']} {item['preview']}" for item in items}
        hidden = self.browse(list(texts))._crm_access_quoted_hidden(texts, self.env.user)
        for item in items:
            for key in ("subject", "preview") if item["id"] in hidden else ():
                item[key] = mask_quoted_values(item[key], hidden[item["id"]])
        return items
