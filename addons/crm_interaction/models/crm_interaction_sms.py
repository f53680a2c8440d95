from odoo import api, models

from ..tools.ingest import resolve_customer
from .crm_interaction_api import PHONE_KEY_TYPES


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    @api.model
    def _interaction_capture_sms(self, sms_records):
        """Record text messages sent through Odoo's ``sms`` module as interactions.

        Called from ``sms.sms.create``: one interaction per text message,
        outbound, on the ``sms`` channel, with the message's UUID as provider
        id (so a second capture of the same message is a duplicate). The
        interaction points to the ``sms.sms`` and, when the message was sent
        from a document, to its ``mail.message``, which keeps the text once
        Odoo has deleted the sent ``sms.sms``. Only a text message sent from
        no document (nothing else will keep it) has its text kept on the
        interaction.

        The customer is the message's recipient contact, or the owner of the
        number's mobile or phone key. Messages to internal users are left out.

        :param sms_records: ``sms.sms`` records (as superuser)
        """
        channel_id = self._interaction_get_channels().get("sms")
        if not channel_id or not sms_records:
            return
        prepared = []
        for sms in sms_records:
            if sms.partner_id and any(not user.share for user in sms.partner_id.user_ids):
                continue
            value = self._interaction_normalize_value("mobile", sms.number) if sms.number else False
            prepared.append((sms, value))
        pairs = {
            (code, value)
            for sms, value in prepared
            if value and not sms.partner_id
            for code in PHONE_KEY_TYPES
        }
        matches = self.env["res.partner"]._cid_match_keys(pairs) if pairs else {}
        entries = []
        for sms, value in prepared:
            partner_id = sms.partner_id.id
            if not partner_id and value:
                partner_id = resolve_customer([(code, value) for code in PHONE_KEY_TYPES], matches)[
                    0
                ]
            message = sms.mail_message_id
            links, link_names = [], {}
            if message.model and message.res_id and message.model != "res.partner":
                links = [(message.model, message.res_id)]
                link_names = {(message.model, message.res_id): message.record_name}
            author_user = message.author_id.user_ids[:1] if message else self.env.user
            entries.append(
                {
                    "vals": {
                        "channel_id": channel_id,
                        "external_id": sms.uuid,
                        "direction": "outbound",
                        "occurred_at": sms.create_date,
                        "sms_id": sms.id,
                        "message_id": message.id or False,
                        "summary": False if message else sms.body,
                        "user_id": author_user.id if not author_user.share else False,
                        "state": "new",
                    },
                    "keys": [("mobile", sms.number, value)] if value else [],
                    "links": links,
                    "link_names": link_names,
                    "partner_id": partner_id or False,
                }
            )
        self._interaction_store(entries)
