from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers.thread import ThreadController

from ..tools.mask import is_masked, mask_email


class CrmAccessThreadController(ThreadController):
    """Contacts found from typed addresses, masked as on their card."""

    @http.route()
    def mail_thread_partner_from_email(self, thread_model, thread_id, emails):
        partners = super().mail_thread_partner_from_email(thread_model, thread_id, emails)
        ids = [partner["id"] for partner in partners if partner.get("id")]
        masked = set(request.env["res.partner"].browse(ids)._crm_access_masked_for().ids)
        for partner in partners:
            email = partner.get("email")
            if partner.get("id") in masked and email and not is_masked(email):
                partner["email"] = mask_email(email)
        return partners
