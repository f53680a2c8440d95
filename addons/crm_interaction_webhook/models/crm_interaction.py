import logging

import requests

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import meta as meta_tools

_logger = logging.getLogger(__name__)
# Seconds the Graph API is given to answer a send.
SEND_TIMEOUT = 15
# Longest text WhatsApp and Instagram take in one message.
REPLY_MAX_LENGTH = 4096
META_DELIVERY = [
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("read", "Read"),
    ("failed", "Not delivered"),
]


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    meta_delivery = fields.Selection(
        META_DELIVERY,
        string="Message delivery",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="WhatsApp and Instagram: what Meta reported of the message sent.",
    )
    meta_delivery_error = fields.Char(string="Delivery error", readonly=True, copy=False)
    reply_to_id = fields.Many2one(
        "crm.interaction",
        string="In reply to",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The message this one answers (a reply sent from Odoo).",
    )
    meta_reply_draft = fields.Text(
        string="Reply text", copy=False, help="The text the Reply button sends to the customer."
    )
    meta_can_reply = fields.Boolean(string="Can be answered", compute="_compute_meta_can_reply")

    @api.depends("channel_id", "provider", "direction")
    def _compute_meta_can_reply(self):
        for interaction in self:
            route, _account = meta_tools.account_of(interaction.provider)
            interaction.meta_can_reply = bool(
                route
                and interaction.direction == "inbound"
                and interaction.channel_id.code == route
            )

    def write(self, vals):
        # the link to the message answered is set by reply() only
        if "reply_to_id" in vals and not self.env.su:
            raise AccessError(self.env._("The message answered is set when the reply is sent."))
        return super().write(vals)

    def action_send_reply(self):
        """Send the reply text of the form (the button): see :meth:`reply`."""
        self.ensure_one()
        self.reply(self.meta_reply_draft or "")
        self.meta_reply_draft = False
        return True

    def reply(self, text):
        """Answer a WhatsApp or Instagram message through the account it came to.

        The text goes through the Graph API's send endpoint of the same
        business number (WhatsApp) or Instagram account, to the customer who
        wrote, and is recorded as an outbound interaction on the same
        channel and provider, with Meta's message id as provider id, linked
        to this one (``reply_to_id``) and counted as its response. Meta's
        delivery statuses then update it (``meta_delivery``).

        :param str text: the text, at most 4,096 characters
        :return: the id of the outbound interaction
        :raises AccessError: when the caller may not read this interaction
            or record interactions
        :raises UserError: for an empty text, an interaction that is not an
            inbound WhatsApp or Instagram message received by webhook, a
            missing access token, or a send that Meta refused
        """
        self.ensure_one()
        self.check_access("read")
        self.browse().check_access("create")
        if not isinstance(text, str) or not text.strip():
            raise UserError(self.env._("Write the text of the reply."))
        if len(text) > REPLY_MAX_LENGTH:
            raise UserError(
                self.env._("A reply holds at most %(max)s characters.", max=REPLY_MAX_LENGTH)
            )
        if not self.meta_can_reply:
            raise UserError(
                self.env._(
                    "Only WhatsApp and Instagram messages received through their webhook can be "
                    "answered from Odoo."
                )
            )
        route, account = meta_tools.account_of(self.provider)
        recipient = meta_tools.customer_id(
            route, self.key_ids.filtered(lambda key: key.type_code == "external_id").mapped("value")
        )
        if not recipient:
            raise UserError(
                self.env._("The message does not say who sent it; it cannot be answered.")
            )
        Webhook = self.env["crm.interaction.webhook"]
        # the caller's rights on the interaction were checked above; the token
        # is read for this one request and never shown to them
        token = Webhook._webhook_meta_param(route, "access_token")
        if not token:
            raise UserError(
                self.env._(
                    "Set the access token of %(route)s in Settings > Interactions first.",
                    route=route,
                )
            )
        url, headers, body = meta_tools.send_request(
            route, Webhook._webhook_meta_param(route, "graph_url"), account, token, recipient, text
        )
        try:
            response = requests.post(url, json=body, headers=headers, timeout=SEND_TIMEOUT)
        except requests.RequestException as error:
            _logger.warning("Graph API unreachable for %s: %s", route, type(error).__name__)
            raise UserError(
                self.env._("Meta could not be reached; nothing was sent. Try again later.")
            ) from error
        message_id, error = meta_tools.read_send_answer(route, response.status_code, response.text)
        if error:
            raise UserError(self.env._("Meta refused the reply: %(error)s", error=error))
        now = fields.Datetime.now()
        entry = {
            "vals": {
                "channel_id": self.channel_id.id,
                "provider": self.provider,
                "external_id": message_id,
                "direction": "outbound",
                "occurred_at": now,
                "summary": text,
                "user_id": self.env.uid,
                "state": "new",
            },
            "keys": [(key.type_code, key.value, key.value_normalized) for key in self.key_ids],
            "links": [],
            "link_names": {},
            "partner_id": self.partner_id.id or None,
        }
        [result] = self._interaction_store([entry])
        outbound = self.browse(result["id"])
        # set by this method on the message it has just sent and stored
        outbound.sudo().write({"reply_to_id": self.id, "meta_delivery": "sent"})
        self._interaction_mark_responded(now)
        return outbound.id

    @api.model
    def _interaction_meta_statuses(self, statuses):
        """Record Meta's delivery statuses on the outbound interactions they concern.

        A status only moves forward (sent, delivered, read); ``failed`` is
        kept with its error unless the message was read. Statuses of messages
        not sent from Odoo (nor echoed) find no interaction and are skipped.

        :param list statuses: dicts ``provider``, ``external_id``, ``status``, ``error``
        :return: the number of interactions updated
        """
        wanted = [s for s in statuses if s["status"] in meta_tools.DELIVERY_RANK]
        if not wanted:
            return 0
        found = self.search_fetch(
            [
                ("channel_id.code", "in", list(meta_tools.META_ROUTES)),
                ("direction", "=", "outbound"),
                ("provider", "in", list({s["provider"] for s in wanted})),
                ("external_id", "in", list({s["external_id"] for s in wanted})),
            ],
            ["provider", "external_id", "meta_delivery"],
        )
        by_key = {(rec.provider, rec.external_id): rec for rec in found}
        final = {}
        for status in wanted:
            record = by_key.get((status["provider"], status["external_id"]))
            if not record:
                continue
            current = final.get(record, (record.meta_delivery, False))[0]
            new = status["status"]
            rank = meta_tools.DELIVERY_RANK
            if new == "failed":
                if current == "read":
                    continue
            elif current and current != "failed" and rank[new] <= rank[current]:
                continue
            final[record] = (new, status["error"] if new == "failed" else False)
        for record, (state, error) in final.items():
            record.write({"meta_delivery": state, "meta_delivery_error": error})
        return len(final)
