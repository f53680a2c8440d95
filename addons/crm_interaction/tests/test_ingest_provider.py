from unittest.mock import patch

import psycopg2.errors

from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestIngestProvider(InteractionCommon):
    """A provider id is unique per channel and provider (``provider`` of an item)."""

    def test_two_providers_sending_the_same_id_are_both_stored(self):
        results = self.Interaction.ingest(
            [
                self.item("4242", provider="sms_kavenegar", mobile="09123456789"),
                self.item("4242", provider="sms_ghasedak", mobile="09123456789"),
                self.item("4242", mobile="09123456789"),
            ]
        )
        self.assertEqual([r["status"] for r in results], ["created"] * 3)
        self.assertEqual(len({r["id"] for r in results}), 3)
        stored = self.Interaction.browse([r["id"] for r in results])
        self.assertEqual(stored.mapped("provider"), ["sms_kavenegar", "sms_ghasedak", ""])

    def test_same_provider_and_id_is_a_duplicate_in_a_batch_and_replayed(self):
        item = self.item("4243", provider=" sms_kavenegar ", mobile="09123456789")
        first, again = self.Interaction.ingest([item, dict(item)])
        self.assertEqual(first["status"], "created")
        self.assertEqual(again["status"], "duplicate")
        self.assertEqual(again["id"], first["id"])
        [replayed] = self.Interaction.ingest([item])
        self.assertEqual((replayed["status"], replayed["id"]), ("duplicate", first["id"]))
        self.assertEqual(
            self.Interaction.search_count([("external_id", "=", "4243")]), 1, "stored once"
        )

    def test_items_without_provider_stay_unique_per_channel(self):
        [first] = self.Interaction.ingest([self.item("4244", provider=False)])
        [second] = self.Interaction.ingest([self.item("4244", provider="")])
        self.assertEqual(second["status"], "duplicate")
        self.assertEqual(second["id"], first["id"])

    def test_malformed_provider_is_rejected_and_quarantined(self):
        for provider in (7, ["x"], "p" * 129):
            with self.subTest(provider=provider):
                [result] = self.Interaction.ingest([self.item("4245", provider=provider)])
                self.assertEqual(result["status"], "rejected")
                self.assertIn("provider", result["error"])
        self.assertFalse(self.Interaction.search([("external_id", "=", "4245")]))

    def test_reconcile_per_provider_or_any(self):
        self.Interaction.ingest([self.item("4246", provider="sms_ghasedak")])
        self.Interaction.ingest([self.item("bad", provider="sms_ghasedak", occurred_at="x")])
        reconcile = self.Interaction.reconcile
        self.assertEqual(reconcile("mobile", ["4246"])["present"], 1)
        self.assertEqual(reconcile("mobile", ["4246"], "sms_ghasedak")["present"], 1)
        self.assertEqual(reconcile("mobile", ["4246"], "sms_kavenegar")["missing"], ["4246"])
        self.assertEqual(reconcile("mobile", ["4246"], "")["missing"], ["4246"])
        self.assertEqual(reconcile("mobile", ["bad"], "sms_ghasedak")["quarantined"], ["bad"])
        self.assertEqual(reconcile("mobile", ["bad"], "sms_kavenegar")["missing"], ["bad"])
        quarantined = self.Quarantine.search([("external_id", "=", "bad")])
        self.assertEqual(quarantined.provider, "sms_ghasedak")

    def test_the_database_refuses_a_second_row_of_one_provider(self):
        [result] = self.Interaction.ingest([self.item("4247", provider="sms_kavenegar")])
        original = self.Interaction.browse(result["id"])
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.env.cr.savepoint(),
        ):
            original.copy({"external_id": "4247", "provider": "sms_kavenegar"})
            self.env.flush_all()
        other = original.copy({"external_id": "4247", "provider": "sms_melipayamak"})
        self.assertEqual(other.external_id, "4247")

    def stored(self, *items):
        """Store ``items`` and return their ids, in order."""
        return [result["id"] for result in self.Interaction.ingest(list(items))]

    def test_stored_ids_are_found_per_channel_and_provider(self):
        mobile = self.Interaction._interaction_get_channels()["mobile"]
        sms = self.Interaction._interaction_get_channels()["sms"]
        kavenegar, bare = self.stored(
            self.item("4250", provider="sms_kavenegar"), self.item("4250", provider="")
        )
        existing = self.Interaction._interaction_existing(
            [
                (mobile, "sms_kavenegar", "4250"),
                (mobile, "", "4250"),
                (mobile, "sms_ghasedak", "4250"),
                (sms, "", "4250"),
                (mobile, "", "4251"),
            ]
        )
        self.assertEqual(
            {key: found[0] for key, found in existing.items()},
            {(mobile, "sms_kavenegar", "4250"): kavenegar, (mobile, "", "4250"): bare},
        )

    def test_any_provider_tries_each_provider_the_channel_has_stored(self):
        mobile = self.Interaction._interaction_get_channels()["mobile"]
        sms = self.Interaction._interaction_get_channels()["sms"]
        first, _second, third = self.stored(
            self.item("4252", provider="sms_kavenegar"),
            self.item("4252", provider=""),
            self.item("4253", provider="sms_ghasedak"),
        )
        self.stored(self.item("4254", channel="sms", provider="sms_magfa"))
        providers = self.Interaction._interaction_channel_providers({mobile, sms})
        self.assertLessEqual({"", "sms_kavenegar", "sms_ghasedak"}, set(providers[mobile]))
        self.assertNotIn("sms_magfa", providers[mobile])
        self.assertIn("sms_magfa", providers[sms])
        existing = self.Interaction._interaction_existing(
            [(mobile, None, "4252"), (mobile, None, "4253"), (mobile, None, "4254")],
            any_provider=True,
        )
        # the first one stored answers for an id that two providers sent
        self.assertEqual(
            {key: found[0] for key, found in existing.items()},
            {(mobile, None, "4252"): first, (mobile, None, "4253"): third},
        )

    def test_stored_ids_are_probed_with_the_whole_key_of_the_unique_index(self):
        # given the ids and the channels as two lists, PostgreSQL walked every
        # entry of the channel in the index: the probe must bound all three.
        # A channel with a history of 3,000 interactions, so that the planner
        # weighs the plans on real statistics
        mobile = self.Interaction._interaction_get_channels()["mobile"]
        [template] = self.stored(self.item("4255", provider="sms_kavenegar"))
        columns = [
            SQL.identifier(name)
            for name, field in self.Interaction._fields.items()
            if field.store and field.column_type and name not in ("id", "external_id")
        ]
        self.env.cr.execute(
            SQL(
                "INSERT INTO crm_interaction (%(columns)s, external_id)"
                " SELECT %(columns)s, 'history-' || n FROM crm_interaction,"
                " generate_series(1, 3000) AS n WHERE id = %(template)s",
                columns=SQL(", ").join(columns),
                template=template,
            )
        )
        self.env.cr.execute("ANALYZE crm_interaction")
        queries = []
        Env = type(self.env)
        execute_query = Env.execute_query

        def spy(env, query):
            queries.append(query)
            return execute_query(env, query)

        with patch.object(Env, "execute_query", spy):
            existing = self.Interaction._interaction_existing(
                [(mobile, "sms_kavenegar", "4255"), (mobile, "sms_kavenegar", "history-7")]
            )
        self.assertEqual(len(existing), 2)
        [query] = queries
        plan = "\n".join(row[0] for row in self.env.execute_query(SQL("EXPLAIN %s", query)))
        self.assertIn("crm_interaction_provider_external_id_uniq", plan, plan)
        condition = next(line for line in plan.splitlines() if "Index Cond" in line)
        for column in ("channel_id", "provider", "external_id"):
            self.assertIn(column, condition, plan)
