from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

from odoo.addons.crm_interaction.tools.ingest import resolve_customer

# Recipient models that are the customer or stand for one, not documents
# worth linking: the mailing itself is the document.
_RECIPIENT_MODELS = ("res.partner", "mailing.contact")


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    is_mass_mailing = fields.Boolean(
        string="Mass mailing",
        readonly=True,
        copy=False,
        help="An e-mail of a mass mailing: it answers no message of the customer and does "
        "not count in response times.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._interaction_check_mass_mailing(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._interaction_check_mass_mailing([vals])
        return super().write(vals)

    @api.model
    def _interaction_check_mass_mailing(self, vals_list):
        """Refuse to set the mass mailing mark by hand.

        The mark takes an outbound interaction out of the response times:
        only the capture of mailings (as superuser) sets it.
        """
        if not self.env.su and any("is_mass_mailing" in vals for vals in vals_list):
            raise AccessError(
                self.env._("Only the mailings themselves mark interactions as mass mailings.")
            )

    @api.model
    def _interaction_get_response_domain(self):
        # a mass mailing goes to many customers at once: it is no reply to any of them
        return super()._interaction_get_response_domain() & Domain("is_mass_mailing", "=", False)

    @api.model
    def _interaction_capture_mailing(self, traces):
        """Record the e-mails of mass mailings sent to customers as outbound interactions.

        Odoo's mass mailings do not post messages on the recipients'
        documents: each e-mail is a ``mail.mail`` with a ``mailing.trace``,
        marked *sent* once the mail server took it. Each customer who
        received a mailing gets one outbound interaction on the ``email``
        channel, with the mailing's subject, the *marketing* reason, the
        mailing's responsible and the mailing (and the recipient's document,
        such as a lead) as linked documents, with
        ``mailing.mailing/<mailing id>/<partner id>`` as provider id: one
        interaction per mailing and customer, however many times the mailing
        is sent to them. It is stored as handled (nobody has to act on it)
        and answers no message of the customer (:attr:`is_mass_mailing`).

        The customer is the recipient contact itself, or the customer of
        the recipient document (its ``partner_id``), or else the customer
        who holds the e-mail address as a key (a mailing-list contact);
        recipients no customer holds, employees and the company itself are
        left out, and so are test mailings.

        One lookup per recipient model, one key lookup, one insert for the
        whole batch of traces.

        :param traces: ``mailing.trace`` records (as superuser)
        :return: the results of :meth:`_interaction_store` for the stored items
        """
        channel_id = self._interaction_get_channels().get("email")
        traces = traces.filtered(
            lambda t: t.trace_type == "mail" and not t.is_test_trace and t.mass_mailing_id
        )
        if not channel_id or not traces:
            return []
        customers, names = self._interaction_mailing_recipients(traces)
        reason_id = self._interaction_get_reasons().get("marketing") or False
        now = fields.Datetime.now()
        entries = []
        seen = set()
        for trace in traces:
            partner = customers.get(trace.id)
            mailing = trace.mass_mailing_id
            if not partner or (mailing.id, partner.id) in seen:
                continue
            seen.add((mailing.id, partner.id))
            value = (
                self._interaction_normalize_value("email", trace.email) if trace.email else False
            )
            links = [("mailing.mailing", mailing.id)]
            link_names = {("mailing.mailing", mailing.id): mailing.subject or mailing.name}
            if trace.model not in _RECIPIENT_MODELS and (trace.model, trace.res_id) in names:
                links.append((trace.model, trace.res_id))
                link_names[(trace.model, trace.res_id)] = names[(trace.model, trace.res_id)]
            entries.append(
                {
                    "vals": {
                        "channel_id": channel_id,
                        "external_id": f"mailing.mailing/{mailing.id}/{partner.id}",
                        "direction": "outbound",
                        "occurred_at": trace.sent_datetime or now,
                        "subject": mailing.subject or mailing.name or False,
                        "reason_id": reason_id,
                        "user_id": (mailing.user_id or mailing.create_uid).id,
                        "state": "handled",
                        "is_mass_mailing": True,
                    },
                    "keys": [("email", trace.email, value)] if value else [],
                    "links": links,
                    "link_names": link_names,
                    "partner_id": partner.id,
                }
            )
        results = self._interaction_store(entries)
        # the received keys are inserted in SQL after create() (which the
        # extra field goes through) cached the new interactions without any
        self.invalidate_model(["key_ids"])
        return results

    @api.model
    def _interaction_mailing_recipients(self, traces):
        """Return the customers who received some mailing traces.

        :param traces: ``mailing.trace`` records (as superuser)
        :return: ``({trace id: res.partner}, {(model, res_id): document name})``;
            traces whose recipient is no customer are absent
        """
        # traces name their recipient by model and id, as messages name their
        # document: the same lookup (one read per model) finds the contact
        # itself or the document's customer
        documents = self._interaction_thread_partners(traces)
        names = {}
        by_model = {}
        for trace in traces:
            if trace.model not in _RECIPIENT_MODELS and (trace.model, trace.res_id) in documents:
                by_model.setdefault(trace.model, []).append(trace.res_id)
        for model, ids in by_model.items():
            for record in self.env[model].browse(ids):
                names[(model, record.id)] = record.display_name
        values = {
            trace.id: self._interaction_normalize_value("email", trace.email)
            for trace in traces
            if trace.email and not documents.get((trace.model, trace.res_id))
        }
        pairs = {("email", value) for value in values.values() if value}
        matches = self._interaction_match_keys(pairs) if pairs else {}
        found = {
            trace_id: resolve_customer([("email", value)], matches)[0]
            for trace_id, value in values.items()
            if value
        }
        Partner = self.env["res.partner"]
        by_email = {
            partner.id: partner
            for partner in Partner.browse(
                {partner_id for partner_id in found.values() if partner_id}
            )
        }
        is_internal = self._interaction_own_partners()
        customers = {}
        for trace in traces:
            partner = documents.get((trace.model, trace.res_id)) or by_email.get(
                found.get(trace.id)
            )
            if partner and not is_internal(partner):
                customers[trace.id] = partner
        return customers, names
