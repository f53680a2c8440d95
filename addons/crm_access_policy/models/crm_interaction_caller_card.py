from odoo import api, models
from odoo.tools import html2plaintext


class CrmInteraction(models.Model):
    """The caller card, under the access policy.

    Opening the card of a caller is reading that customer: it is counted in
    the access log as a card read (as the limited card), raises the alarm
    and is refused while the user is suspended. The customer's internal note
    (``comment``) is shown only to users who see the customer in full (their
    portfolio, a temporary grant, every interaction).
    """

    _inherit = "crm.interaction"

    @api.model
    def _caller_card_values(self, partner):
        # logs the opening, raises the alarm, refuses a suspended user
        partner.with_env(self.env(su=False))._crm_access_audit("card")
        values = super()._caller_card_values(partner)
        note = html2plaintext(partner.comment or "").strip()
        if note and partner._crm_access_masked_for():
            # the note is the caution quoting it, in whatever language
            values["cautions"] = [text for text in values["cautions"] if note not in text]
        return values
