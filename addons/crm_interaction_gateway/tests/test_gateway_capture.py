import importlib.util
import time
from unittest.mock import patch

import telegram
from telegram.ext import ExtBot

from odoo.modules.module import get_module_path
from odoo.tests import BaseCase, TransactionCase, new_test_user, tagged
from odoo.tools import SQL

from ..models.mail_gateway_bale import BALE_API_URL
from ..tools.bot_messages import inbound_item

SENT_MESSAGE_ID = 901


class OfflineBot(ExtBot):
    """A bot that never reaches the network: enough for receiving and sending text."""

    def _validate_token(self, *args, **kwargs):
        return

    async def initialize(self, *args, **kwargs):
        return

    async def get_chat(self, chat_id, *args, **kwargs):
        return telegram.Chat.de_json({"id": chat_id, "type": "private"}, self)

    async def _send_message(self, endpoint, data, *args, **kwargs):
        return telegram.Message.de_json(
            {
                "date": int(time.time()),
                "message_id": SENT_MESSAGE_ID,
                "chat": {"id": data["chat_id"], "type": "private"},
            },
            self,
        )


@tagged("post_install", "-at_install", "crm_interaction_gateway")
class TestGatewayCapture(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.agent = new_test_user(
            cls.env, "gw_agent", groups="base.group_user,mail_gateway.gateway_user"
        )
        cls.bot_user = new_test_user(cls.env, "gw_bot", groups="base.group_user")
        cls.customer = cls.env["res.partner"].create({"name": "نرگس امینی"})
        cls.customer.cid_add_key("telegram", "narges_a")
        cls.gateways = cls.env["mail.gateway"].create(
            [
                {
                    "name": f"{kind} bot",
                    "gateway_type": kind,
                    "token": f"{kind}-token",
                    "webhook_user_id": cls.bot_user.id,
                    "member_ids": [(4, cls.agent.id)],
                }
                for kind in ("telegram", "bale")
            ]
        )
        cls.Interaction = cls.env["crm.interaction"]

    @staticmethod
    def update(message_id=11, username="narges_a", text="سلام، فاکتور من کجاست؟"):
        return {
            "update_id": 500 + message_id,
            "message": {
                "message_id": message_id,
                "date": 1742538600,
                "from": {"id": 7001, "is_bot": False, "first_name": "Narges", "username": username},
                "chat": {"id": 7001, "first_name": "Narges", "type": "private"},
                "text": text,
            },
        }

    def receive(self, gateway, update):
        service = (
            self.env[f"mail.gateway.{gateway.gateway_type}"]
            .with_user(self.bot_user)
            .with_context(no_gateway_notification=True)
        )
        with patch.object(telegram, "Bot", OfflineBot):
            # as the gateway controller does: the gateway in the service's environment
            return service._receive_update(gateway.with_env(service.env).sudo(), update)

    def chat_messages(self, gateway):
        chat = self.env["discuss.channel"].search([("gateway_id", "=", gateway.id)])
        return chat.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_telegram_message_is_one_interaction_on_the_customer(self):
        telegram_gateway = self.gateways[0]
        message = self.receive(telegram_gateway, self.update())
        interaction = self.Interaction.search([("external_id", "=", "7001:11")])
        self.assertRecordValues(
            interaction,
            [
                {
                    "partner_id": self.customer.id,
                    "direction": "inbound",
                    "message_id": message.id,
                    "channel_code": "telegram",
                }
            ],
        )
        self.assertEqual(len(self.chat_messages(telegram_gateway)), 1)

    def test_replayed_update_is_neither_posted_nor_recorded_again(self):
        telegram_gateway = self.gateways[0]
        self.receive(telegram_gateway, self.update())
        self.assertFalse(self.receive(telegram_gateway, self.update()))
        self.assertEqual(self.Interaction.search_count([("external_id", "=", "7001:11")]), 1)
        self.assertEqual(len(self.chat_messages(telegram_gateway)), 1)

    def test_bale_gateway_records_on_the_bale_channel(self):
        bale = self.gateways[1]
        message = self.receive(bale, self.update(message_id=12))
        self.assertEqual(message.gateway_type, "bale")
        interaction = self.Interaction.search([("external_id", "=", "7001:12")])
        self.assertEqual(interaction.channel_code, "bale")
        # Bale has no handle key: the sender waits in the Unidentified queue
        self.assertFalse(interaction.partner_id)
        self.assertIn("bale:7001", interaction.key_ids.mapped("value"))

    def test_bale_bot_talks_to_bale_servers(self):
        bot = self.env["mail.gateway.bale"]._get_telegram_bot("123:abc")
        self.assertEqual(bot.base_url, f"{BALE_API_URL}123:abc")

    def test_reply_from_discuss_is_one_outbound_interaction(self):
        telegram_gateway = self.gateways[0]
        self.receive(telegram_gateway, self.update())
        chat = self.env["discuss.channel"].search([("gateway_id", "=", telegram_gateway.id)])
        with patch.object(telegram, "Bot", OfflineBot):
            chat.with_user(self.agent).message_post(
                body="در حال بررسی است.", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        sent = self.Interaction.search([("external_id", "=", f"7001:{SENT_MESSAGE_ID}")])
        self.assertRecordValues(
            sent,
            [{"direction": "outbound", "partner_id": self.customer.id, "user_id": self.agent.id}],
        )
        chat_interactions = [
            ("channel_id.code", "=", "telegram"),
            ("external_id", "=like", "7001:%"),
        ]
        self.assertEqual(self.Interaction.search_count(chat_interactions), 2)

    def test_two_bots_numbering_a_chat_alike_are_both_stored(self):
        second = self.gateways[0].copy({"name": "second telegram bot", "token": "t2"})
        self.receive(self.gateways[0], self.update())
        self.assertTrue(self.receive(second, self.update()), "posted in the second bot's chat")
        stored = self.Interaction.search([("external_id", "=", "7001:11")])
        self.assertEqual(
            sorted(stored.mapped("provider")),
            sorted([f"telegram:gateway{self.gateways[0].id}", f"telegram:gateway{second.id}"]),
        )
        self.assertFalse(self.receive(second, self.update()), "a replay stays a duplicate")

    def test_migration_gives_former_gateway_messages_their_bot(self):
        path = f"{get_module_path('crm_interaction')}/migrations/19.0.2.0.0/pre-migrate.py"
        spec = importlib.util.spec_from_file_location("crm_interaction_provider_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        self.receive(self.gateways[1], self.update(message_id=12))
        interaction = self.Interaction.search([("external_id", "=", "7001:12")])
        interaction.flush_recordset()
        self.env.cr.execute(
            SQL("UPDATE crm_interaction SET provider = '' WHERE id = %s", interaction.id)
        )
        interaction.invalidate_recordset(["provider"])
        migration.fill_providers(self.env.cr)
        interaction.invalidate_recordset(["provider"])
        self.assertEqual(interaction.provider, f"bale:gateway{self.gateways[1].id}")


@tagged("crm_interaction_gateway")
class TestBotMessages(BaseCase):
    def test_inbound_item(self):
        update = TestGatewayCapture.update()
        item = inbound_item("telegram", update)
        self.assertEqual(item["external_id"], "7001:11")
        self.assertEqual(item["telegram"], "narges_a")
        self.assertEqual(item["keys"], {"external_id": "telegram:7001"})
        self.assertNotIn("telegram", inbound_item("bale", update))
        self.assertIsNone(inbound_item("telegram", {"update_id": 1}))
        self.assertIsNone(inbound_item("telegram", {"message": {"chat": {}}}))
