import threading
from urllib.parse import urlsplit

from odoo import api, models
from odoo.tools import html2plaintext

# Request paths whose new leads come from outside: the website's forms and
# integrations over XML-RPC, JSON-RPC or JSON-2.
_OUTSIDE_PATHS = ("/website/form", "/xmlrpc", "/jsonrpc", "/json/2")


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = (
        "crm.lead",
        "crm.interaction.mixin",
        "crm.cid.fold.mixin",
        "crm.interaction.cid.mixin",
    )
    _cid_fold_fields = ("name",)
    _cid_document_keys = (("email_from", ("email",)), ("phone", ("mobile", "phone")))

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        channel = self._interaction_lead_channel()
        if channel:
            leads._interaction_capture_leads(channel)
        return leads

    @api.model
    def _interaction_lead_channel(self):
        """Return the channel code of the leads created now, or None.

        A lead sent by the website's contact form or by an integration over
        RPC is a contact from the customer (``web_form``). Leads typed by
        employees, created from e-mails (the e-mail is the interaction) or
        imported are not. The context key ``crm_interaction_lead_channel``
        names the channel explicitly (a controller of another addon).
        """
        code = self.env.context.get("crm_interaction_lead_channel")
        if code:
            return code
        # the URL of the HTTP request being served (XML-RPC runs its calls
        # outside the request binding, so odoo.http.request cannot tell)
        path = urlsplit(getattr(threading.current_thread(), "url", "") or "").path
        if path.startswith(_OUTSIDE_PATHS):
            return "web_form"
        return None

    def _interaction_capture_leads(self, channel_code):
        """Record each lead as one inbound interaction on its customer's CID.

        The customer is the lead's contact or the customer its e-mail or
        phone resolves to; otherwise the interaction waits in the
        Unidentified queue with the lead's keys and links itself when a
        customer gets one of them. The provider id is the lead's own
        (``crm.lead/<id>``), so a lead is recorded once.
        """
        Interaction = self.env["crm.interaction"].sudo()
        channel_id = Interaction._interaction_get_channels().get(channel_code)
        if not channel_id:
            return
        entries = []
        for lead in self:
            keys = [
                (code, raw, Interaction._interaction_normalize_value(code, raw))
                for code, raw in lead._cid_document_key_values().items()
            ]
            entries.append(
                {
                    "vals": {
                        "channel_id": channel_id,
                        "external_id": f"crm.lead/{lead.id}",
                        "direction": "inbound",
                        "occurred_at": lead.create_date,
                        "subject": lead.name,
                        "body": html2plaintext(lead.description) if lead.description else False,
                        "team_id": lead.team_id.id,
                        "state": "new",
                    },
                    "keys": keys,
                    "links": [("crm.lead", lead.id)],
                    "link_names": {("crm.lead", lead.id): lead.name},
                    "partner_id": lead.cid_partner_id.id or None,
                }
            )
        # the interaction and the customer are outside the lead creator's
        # rights (a website visitor, an integration user); the lead itself
        # was created with them
        Interaction._interaction_store(entries)

    def _find_matching_partner(self):
        """Also find the customer by the lead's mobile, phone or e-mail, in any format."""
        partner = super()._find_matching_partner()
        return partner or self.cid_partner_id

    def _create_customer(self, with_parent=None):
        """Create the lead's customer only when none holds its keys, as ``cid_find_or_create``.

        The keys are locked and looked up again first, so that two leads of
        the same new customer converted at once make one customer: the second
        waits, then retries and finds the first one's customer.
        """
        keys = self._cid_document_key_values()
        Partner = self.env["res.partner"]
        normalized = Partner._cid_normalize_keys(keys)[0] if keys else {}
        if normalized:
            Partner._cid_lock_keys(normalized)
            result = Partner._cid_resolve_normalized(normalized)
            if result["partner_id"] and not result["conflict"]:
                return Partner.browse(result["partner_id"])
        return super()._create_customer(with_parent=with_parent)
