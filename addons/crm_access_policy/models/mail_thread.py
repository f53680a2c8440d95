from odoo import models

from ..tools.mask import is_masked, mask_email


class MailThread(models.AbstractModel):
    """Suggested recipients of a document: customers' addresses masked as on their card.

    The composer's suggestions (``/mail/thread/recipients`` and
    ``/mail/thread/recipients/get_suggested_recipients``) list the e-mail of
    each suggested partner; a customer outside the user's portfolio is
    suggested with a masked address (the message still goes to the partner).
    """

    _inherit = "mail.thread"

    def _message_get_suggested_recipients(self, *args, **kwargs):
        recipients = super()._message_get_suggested_recipients(*args, **kwargs)
        partner_ids = {rec["partner_id"] for rec in recipients if rec.get("partner_id")}
        if not partner_ids:
            return recipients
        masked = set(self.env["res.partner"].browse(partner_ids)._crm_access_masked_for().ids)
        for recipient in recipients:
            email = recipient.get("email")
            if recipient.get("partner_id") in masked and email and not is_masked(email):
                recipient["email"] = mask_email(email)
        return recipients
