import importlib.util
import json

from odoo.fields import Command
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from .common import WEBHOOK_KEY, WebhookCommon, http_api_key

HTTP_KEY = "http-test-provider-ids-key"


def load_provider_migration():
    """Return the module of crm_interaction's migration to per-provider ids."""
    path = f"{get_module_path('crm_interaction')}/migrations/19.0.2.0.0/pre-migrate.py"
    spec = importlib.util.spec_from_file_location("crm_interaction_migration_provider", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestProviderIdsHttp(HttpCase):
    """Two SMS panels numbering their messages alike, through Odoo's HTTP stack."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        http_api_key(cls.env, "wh_ids", "provider ids", HTTP_KEY)
        cls.customer = cls.env["res.partner"].create({"name": "حسن رضایی", "mobile": "09127654321"})

    def post(self, path, document):
        return self.url_open(
            f"/crm_webhook{path}",
            data=json.dumps(document),
            headers={"Content-Type": "application/json", "API-KEY": HTTP_KEY},
        )

    def test_two_panels_sending_the_same_numeric_id_are_both_stored(self):
        kavenegar = {"from": "09127654321", "to": "1000", "message": "سلام", "messageid": 880011}
        ghasedak = {
            "sender": "09127654321",
            "linenumber": "2000",
            "text": "سلام از قاصدک",
            "messageid": 880011,
        }
        first = self.post("/sms/kavenegar", kavenegar)
        second = self.post("/sms/ghasedak", ghasedak)
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(second.status_code, 200, second.text)
        self.assertEqual(first.json()["status"], "created")
        self.assertEqual(second.json()["status"], "created")
        self.assertNotEqual(first.json()["interaction_id"], second.json()["interaction_id"])
        stored = self.env["crm.interaction"].search([("external_id", "=", "880011")])
        self.assertEqual(sorted(stored.mapped("provider")), ["sms_ghasedak", "sms_kavenegar"])
        self.assertEqual(stored.partner_id, self.customer)
        # the same panel sending its id again is still a duplicate
        replay = self.post("/sms/ghasedak", ghasedak)
        self.assertEqual(replay.json()["status"], "duplicate")
        self.assertEqual(replay.json()["interaction_id"], second.json()["interaction_id"])
        self.assertEqual(
            self.env["crm.interaction"].search_count([("external_id", "=", "880011")]), 2
        )


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestProviderIds(WebhookCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second_bot_key = "test-webhook-key-second-bot"
        cls.second_bot = cls.env["auth.api.key"].create(
            {
                "name": "second bot",
                "key": cls.second_bot_key,
                "user_id": cls.sender.id,
                "crm_webhook_provider_ids": [
                    Command.set(cls.env.ref("crm_interaction_webhook.provider_telegram").ids)
                ],
            }
        )
        cls.first_bot = cls.api_keys[0]

    def test_two_bots_numbering_a_chat_alike_are_both_stored(self):
        first = self.post("/telegram", self.bot_update())
        second = self.post("/telegram", self.bot_update(), key=self.second_bot_key)
        self.assertEqual(first.json()["status"], "created")
        self.assertEqual(second.json()["status"], "created")
        stored = self.interactions("telegram", "5551234:77")
        self.assertEqual(
            sorted(stored.mapped("provider")),
            sorted([f"telegram:{self.first_bot.id}", f"telegram:{self.second_bot.id}"]),
        )
        again = self.post("/telegram", self.bot_update(update_id=11), key=self.second_bot_key)
        self.assertEqual(again.json()["status"], "duplicate")
        self.assertEqual(again.json()["interaction_id"], second.json()["interaction_id"])

    def test_quarantined_document_is_reprocessed_under_its_provider(self):
        document = {"from": "09121112233", "to": "1000", "message": "x", "messageid": 9191}
        response = self.post("/sms/melipayamak", document)
        self.assertEqual(response.status_code, 422, response.text)
        log = self.Log.browse(response.json()["log_id"])
        self.assertEqual(log.quarantine_id.provider, "sms_melipayamak")
        payload = json.loads(log.quarantine_id.payload)
        payload["payload"] = {"from": "09121112233", "to": "1000", "body": "x", "msgid": 9191}
        log.quarantine_id.payload = json.dumps(payload)
        [result] = log.quarantine_id.reprocess()
        self.assertEqual(result["status"], "created")
        interaction = self.Interaction.browse(result["interaction_id"])
        self.assertEqual(interaction.provider, "sms_melipayamak")
        # another panel's 9191 is another message
        other = self.post(
            "/sms/kavenegar",
            {"from": "09121112233", "to": "1000", "message": "y", "messageid": 9191},
        )
        self.assertEqual(other.json()["status"], "created")

    def test_migration_fills_providers_from_the_webhook_log_and_keeps_every_row(self):
        migration = load_provider_migration()
        Interaction = self.Interaction
        # rows as they stood before providers were recorded
        results = Interaction.ingest(
            [
                {
                    "channel": "sms",
                    "direction": "inbound",
                    "external_id": ext,
                    "occurred_at": "2025-03-21T09:30:00+03:30",
                }
                for ext in ("m-1", "m-2", "m-3", "m-4")
            ]
        )
        sms_1, sms_2, telegram_row, rpc_row = Interaction.browse([r["id"] for r in results])
        telegram_row.channel_id = self.env.ref("crm_interaction.crm_interaction_channel_telegram")
        key = self.first_bot
        self.Log.create(
            [
                {"provider": "sms_kavenegar", "outcome": "created", "interaction_id": sms_1.id},
                # a replay from another route points at the row it duplicated
                {"provider": "sms_ghasedak", "outcome": "duplicate", "interaction_id": sms_1.id},
                {"provider": "sms_ghasedak", "outcome": "unmatched", "interaction_id": sms_2.id},
                {
                    "provider": "telegram",
                    "outcome": "created",
                    "interaction_id": telegram_row.id,
                    "api_key_id": key.id,
                },
            ]
        )
        # a row already carrying a provider keeps it
        rows = sms_1 | sms_2 | telegram_row | rpc_row
        rows.flush_recordset()
        self.env.cr.execute(
            SQL("UPDATE crm_interaction SET provider = NULL WHERE id = ANY(%s)", rows.ids)
        )
        count = Interaction.search_count([])
        migration.migrate(self.env.cr, "19.0.1.0.0")
        rows.invalidate_recordset(["provider"])
        self.assertEqual(
            rows.mapped("provider"),
            ["sms_kavenegar", "sms_ghasedak", f"telegram:{key.id}", ""],
        )
        self.assertEqual(Interaction.search_count([]), count, "nothing lost nor merged")
        self.env.cr.execute(
            SQL(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'crm_interaction' "
                "AND indexname IN ('crm_interaction_external_id_uniq', %s)",
                migration.NEW_INDEX,
            )
        )
        self.assertEqual(self.env.cr.fetchall(), [(migration.NEW_INDEX,)])
        # running it again changes nothing
        self.assertEqual(migration.fill_providers(self.env.cr), 0)

    def test_migration_replaces_the_index_on_channel_and_id(self):
        migration = load_provider_migration()
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX crm_interaction_external_id_uniq ON crm_interaction "
                "(channel_id, external_id) WHERE external_id IS NOT NULL"
            )
        )
        migration.replace_index(self.env.cr)
        # a second panel's id is accepted once the old index is gone
        first = self.post(
            "/sms/kavenegar",
            {"from": "09121112233", "to": "1", "message": "a", "messageid": 5},
            key=WEBHOOK_KEY,
        )
        second = self.post(
            "/sms/ghasedak",
            {"sender": "09121112233", "linenumber": "1", "text": "b", "messageid": 5},
        )
        self.assertEqual([first.json()["status"], second.json()["status"]], ["created"] * 2)
