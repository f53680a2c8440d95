import re

from odoo import api, models
from odoo.tools import html2plaintext

from odoo.addons.crm_interaction.tools.ingest import find_phone_number

# An e-mail address typed in a chat line, among words of any script.
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    @api.model
    def _interaction_capture_livechat(self, channel, message):
        """Record a live chat conversation as one interaction on the visitor's CID.

        The visitor's first message opens one inbound ``web_chat``
        interaction for the whole conversation (provider id
        ``discuss.channel/<id>``), linked to the conversation, where the
        transcript is. The visitor is the logged-in customer who wrote, or
        the customer whose mobile or e-mail the visitor types in the chat;
        otherwise the interaction waits unidentified and links itself when a
        customer gets one of those keys. The operator's first reply is its
        response.

        :param channel: the ``discuss.channel`` of type livechat (superuser)
        :param message: the ``mail.message`` just posted in it (superuser)
        """
        channel_id = self._interaction_get_channels().get("web_chat")
        if not channel_id:
            return
        external_id = f"discuss.channel/{channel.id}"
        interaction = self.search(
            [("channel_id", "=", channel_id), ("external_id", "=", external_id)], limit=1
        )
        author = message.author_id
        is_internal = self._interaction_own_partners()
        if author and is_internal(author):
            if interaction:
                interaction._interaction_mark_responded(message.date)
            return
        keys = self._interaction_livechat_keys(message)
        if not interaction:
            self._interaction_store(
                [
                    {
                        "vals": {
                            "channel_id": channel_id,
                            "external_id": external_id,
                            "direction": "inbound",
                            "occurred_at": message.date,
                            "subject": channel.name,
                            "message_id": message.id,
                            "state": "new",
                        },
                        "keys": keys,
                        "links": [("discuss.channel", channel.id)],
                        "link_names": {("discuss.channel", channel.id): channel.name},
                        # a logged-in customer is known; a guest by their keys
                        "partner_id": author.id if author and author.active else None,
                    }
                ]
            )
            return
        known = {(key.type_code, key.value_normalized) for key in interaction.key_ids}
        new_keys = [key for key in keys if (key[0], key[2]) not in known]
        if new_keys:
            self.env["crm.interaction.key"].create(
                [
                    {
                        "interaction_id": interaction.id,
                        "type_code": code,
                        "value": raw,
                        "value_normalized": value,
                    }
                    for code, raw, value in new_keys
                ]
            )
            interaction._interaction_identify()

    @api.model
    def _interaction_livechat_keys(self, message):
        """Return the ``(type, raw, normalised)`` keys a visitor typed in a message."""
        text = html2plaintext(message.body or "")
        keys = [
            ("email", address, value)
            for address in _EMAIL_IN_TEXT.findall(text)
            if (value := self._interaction_normalize_value("email", address))
        ]
        number = find_phone_number(text)
        if number:
            for code in ("mobile", "phone"):
                value = self._interaction_normalize_value(code, number)
                if value:
                    keys.append((code, number, value))
        return keys
