from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.vcard import Partner


class CrmAccessVcardController(Partner):
    """vCards counted and bounded as reads and exports of customers
    (``res.partner._crm_access_vcard_download``)."""

    @http.route()
    def download_vcard(self, partner_ids=None, partner=None, **kwargs):
        if partner_ids:
            ids = [int(pid) for pid in partner_ids.split(",") if pid.isdigit()]
            partners = request.env["res.partner"].browse(ids)
        else:
            partners = partner or request.env["res.partner"]
        # the contacts the user may read; the others fail in the download itself
        partners.exists()._crm_access_vcard_download()
        return super().download_vcard(partner_ids=partner_ids, partner=partner, **kwargs)
