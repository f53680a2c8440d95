from odoo import api, models, tools

from .crm_access_masked_bound import MAIL_LOOKUP


class ResPartner(models.Model):
    """Mail's lookup of the addresses a user writes to, in one search."""

    _inherit = "res.partner"

    @api.model
    def _find_or_create_from_emails(self, emails, *args, **kwargs):
        # A message to 30 new addresses searches them all at once: the search
        # of these addresses is not bound per search (the values still count
        # over the user's alarm window). Set here, by the server, for this
        # private method only: no caller can set it, and what the public
        # routes return of the contacts found is masked as elsewhere.
        addresses = set()
        for email in emails or ():
            if not isinstance(email, str):
                continue
            name, email_normalized = tools.parse_contact_from_email(email)
            addresses.update(value for value in (email_normalized, name.strip()) if value)
        token = MAIL_LOOKUP.set(MAIL_LOOKUP.get() | addresses)
        try:
            return super()._find_or_create_from_emails(emails, *args, **kwargs)
        finally:
            MAIL_LOOKUP.reset(token)
