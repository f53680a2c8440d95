from odoo import fields, models

from ..tools.bot_messages import inbound_item, message_external_id, outbound_item


class MailGatewayTelegramService(models.AbstractModel):
    _inherit = "mail.gateway.telegram"

    def _interaction_channel_code(self):
        """Code of the interaction channel this gateway feeds."""
        return "telegram"

    def _interaction_provider(self, gateway):
        """The ``provider`` of the interactions of a gateway: one per bot.

        Two bots number the messages of their chats each on their own, so
        their provider ids are kept apart (``telegram:gateway<id>``).
        """
        return f"{self._interaction_channel_code()}:gateway{gateway.id}"

    def _receive_update(self, gateway, update):
        """Record an incoming message as an interaction, once.

        A message already recorded (the bot platform delivering an update
        again) is not posted in Discuss a second time either.
        """
        channel = self._interaction_channel_code()
        item = inbound_item(channel, update)
        if not item:
            return super()._receive_update(gateway, update)
        # capture is a side effect of a message the gateway accepted; the
        # gateway's user need not have rights on interactions
        Interaction = self.env["crm.interaction"].sudo()
        item["provider"] = self._interaction_provider(gateway)
        known = Interaction.reconcile(channel, [item["external_id"]], item["provider"])
        if item["external_id"] not in known["missing"]:
            return False
        message = super()._receive_update(gateway, update)
        if not message:
            return message
        author = message.author_id
        if author and author.cid:
            item["keys"]["cid"] = author.cid
        [result] = Interaction.ingest([item])
        if result["id"]:
            Interaction.browse(result["id"]).message_id = message
        return message

    def _send(self, gateway, record, auto_commit=False, raise_exception=False, parse_mode=False):
        """Record a message sent from Discuss once the platform accepted it."""
        result = super()._send(
            gateway,
            record,
            auto_commit=auto_commit,
            raise_exception=raise_exception,
            parse_mode=parse_mode,
        )
        if record.notification_status == "sent" and record.gateway_message_id:
            self._interaction_capture_sent(record)
        return result

    def _interaction_capture_sent(self, notification):
        """Store the outbound interaction of a sent gateway notification.

        The customer is the one of the chat's last identified interaction.
        """
        channel = self._interaction_channel_code()
        chat_id = notification.gateway_channel_id.gateway_channel_token
        provider = self._interaction_provider(notification.gateway_channel_id.gateway_id)
        # side effect of a message the user was allowed to send (see above)
        Interaction = self.env["crm.interaction"].sudo()
        last = Interaction.search(
            [
                ("channel_id.code", "=", channel),
                ("provider", "in", [provider, ""]),
                ("external_id", "=like", message_external_id(chat_id, "%")),
                ("partner_id", "!=", False),
            ],
            limit=1,
        )
        keys = {"cid": last.cid} if last.cid else {}
        item = outbound_item(
            channel, chat_id, notification.gateway_message_id, fields.Datetime.now(), keys
        )
        item["provider"] = provider
        [result] = Interaction.ingest([item])
        if result["status"] in ("created", "unmatched"):
            Interaction.browse(result["id"]).write(
                {
                    "message_id": notification.mail_message_id.id,
                    "user_id": notification.mail_message_id.author_id.user_ids[:1].id,
                }
            )
