import threading
from collections import Counter
from contextvars import ContextVar
from urllib.parse import urlsplit

from odoo import api, models
from odoo.tools import html2plaintext, parse_contact_from_email

# Request paths whose new leads come from outside: the website's forms and
# integrations over XML-RPC, JSON-RPC or JSON-2.
_OUTSIDE_PATHS = ("/website/form", "/xmlrpc", "/jsonrpc", "/json/2")
# Set by a mass conversion around crm's conversion of its leads: {lead id: id
# of the customer created for it}. Not a context key, so no caller can hand
# a lead a customer of their choosing.
PREMADE_CUSTOMERS = ContextVar("crm_interaction_premade_customers", default=None)


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
        premade = (PREMADE_CUSTOMERS.get() or {}).get(self.id)
        if premade and not self.partner_id:
            return self.env["res.partner"].browse(premade)
        partner = super()._find_matching_partner()
        return partner or self.cid_partner_id

    def _interaction_create_customers_at_once(self, salesperson):
        """Create in one go the customers a conversion of ``self`` would create lead by lead.

        Converting leads creates each lead's customer in turn, and a
        customer's creation (CID, identity keys, portfolio, followers) costs
        the same for one customer as for many. The leads that would each get
        one new contact of their own are given it here, all at once: active
        leads without customer or company name, that match no contact (by
        Odoo's e-mail match or by identity key, once their keys are locked)
        and share no e-mail or key with another of ``self``, so that no
        customer made here would have been found for another of them. The
        values are those of :meth:`_create_customer`, in the order of the
        leads; the other leads are converted one by one, as before.

        :param salesperson: the salesperson the conversion gives new customers
        :return: ``{lead id: customer id}`` of the customers created
        """
        Partner = self.env["res.partner"]
        pairs_of, values_of, seen = {}, {}, Counter()
        for lead in self:
            keys = lead._cid_document_key_values()
            pairs_of[lead] = set(Partner._cid_normalize_keys(keys)[0].items()) if keys else set()
            values_of[lead] = {value for _code, value in pairs_of[lead]} | (
                {lead.email_normalized} if lead.email_normalized else set()
            )
            seen.update(values_of[lead])
        leads = self.filtered(
            lambda lead: (
                lead.active
                and not lead.partner_id
                and not lead.partner_name
                and all(seen[value] == 1 for value in values_of[lead])
            )
        )
        leads = leads.filtered(lambda lead: not lead._find_matching_partner())
        if len(leads) < 2:
            return {}
        pairs = {pair for lead in leads for pair in pairs_of[lead]}
        if pairs:
            # as _create_customer: keys locked, then looked up again
            self.env["crm.cid.import.engine"]._import_lock(pairs)
            taken = Partner._cid_match_keys(pairs)
            leads = leads.filtered(lambda lead: not any(pair in taken for pair in pairs_of[lead]))
        if len(leads) < 2:
            return {}
        leads = leads.with_context(default_user_id=salesperson.id)
        vals_list = []
        for lead in leads:
            contact_name = lead.contact_name or (
                parse_contact_from_email(lead.email_from)[0] if lead.email_from else False
            )
            vals_list.append(
                lead._prepare_customer_values(contact_name or lead.name, is_company=False)
            )
        customers = leads.env["res.partner"].create(vals_list)
        return dict(zip(leads.ids, customers.ids, strict=True))

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
