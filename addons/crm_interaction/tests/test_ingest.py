import json
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestIngest(InteractionCommon):
    def test_known_mobile_in_persian_digits_is_created_for_the_customer(self):
        [result] = self.Interaction.ingest(
            [
                self.item(
                    "call-1",
                    mobile="۰۹۱۲ ۳۴۵ ۶۷۸۹",
                    subject="Invoice",
                    reason="complaint",
                    duration=75,
                )
            ]
        )
        self.assertEqual(result["status"], "created")
        self.assertEqual(result["partner_id"], self.customer.id)
        self.assertEqual(result["cid"], self.customer.cid)
        self.assertFalse(result["error"])
        interaction = self.Interaction.browse(result["id"])
        self.assertRecordValues(
            interaction,
            [
                {
                    "channel_id": self.channel_mobile.id,
                    "partner_id": self.customer.id,
                    "commercial_partner_id": self.customer.id,
                    "cid": self.customer.cid,
                    "direction": "inbound",
                    "occurred_at": datetime(2025, 3, 21, 6, 0),
                    "reason_id": self.reason_complaint.id,
                    "duration": 75,
                    "external_id": "call-1",
                    "match_state": "matched",
                    "state": "new",
                }
            ],
        )
        self.assertEqual(interaction.key_ids.mapped("value_normalized"), ["+989123456789"])
        self.assertFalse(interaction.message_ids, "batch creation must not log messages")

    def test_nested_keys_of_a_company_contact_give_the_contact(self):
        [result] = self.Interaction.ingest(
            [self.item("m-2", channel="email", keys={"email": "SARA@beta.example.com"})]
        )
        self.assertEqual(result["status"], "created")
        self.assertEqual(result["partner_id"], self.company_contact.id)
        interaction = self.Interaction.browse(result["id"])
        self.assertEqual(interaction.commercial_partner_id, self.company)
        self.assertEqual(interaction.cid, self.company.cid)

    def test_same_external_id_twice_gives_one_interaction(self):
        first = self.Interaction.ingest([self.item("dup-1", mobile="09123456789")])
        second = self.Interaction.ingest(
            [self.item("dup-1", mobile="09123456789", subject="changed")]
        )
        self.assertEqual(second[0]["status"], "duplicate")
        self.assertEqual(second[0]["id"], first[0]["id"])
        self.assertEqual(second[0]["partner_id"], self.customer.id)
        self.assertEqual(self.Interaction.search_count([("external_id", "=", "dup-1")]), 1)
        self.assertFalse(self.Interaction.browse(first[0]["id"]).subject, "nothing is written")

    def test_same_external_id_on_another_channel_is_another_interaction(self):
        results = self.Interaction.ingest(
            [self.item("x-1"), self.item("x-1", channel="sms"), self.item("x-1")]
        )
        self.assertEqual([r["status"] for r in results], ["unmatched", "unmatched", "duplicate"])
        self.assertEqual(results[2]["id"], results[0]["id"])
        self.assertNotEqual(results[1]["id"], results[0]["id"])

    def test_unknown_keys_are_stored_unmatched(self):
        [result] = self.Interaction.ingest(
            [self.item("u-1", channel="telegram", telegram="@Somebody_New")]
        )
        self.assertEqual(result["status"], "unmatched")
        self.assertFalse(result["partner_id"])
        interaction = self.Interaction.browse(result["id"])
        self.assertEqual(interaction.match_state, "unmatched")
        self.assertEqual(interaction.key_ids.value_normalized, "somebody_new")

    def test_keys_of_two_customers_are_a_conflict(self):
        [result] = self.Interaction.ingest(
            [self.item("c-1", mobile="09123456789", email="sara@beta.example.com")]
        )
        self.assertEqual(result["status"], "unmatched")
        self.assertEqual(self.Interaction.browse(result["id"]).match_state, "conflict")

    def test_invalid_items_are_rejected_and_quarantined(self):
        cases = {
            "bad-date": self.item("r-1", occurred_at="1404/01/01 10:00"),
            "bad-channel": self.item("r-2", channel="pigeon"),
            "no-external-id": self.item(""),
            "bad-key": self.item("r-4", mobile="12"),
            "unknown-field": self.item("r-5", colour="red"),
            "bad-direction": self.item("r-6", direction="sideways"),
            "bad-reason": self.item("r-7", reason="nothing"),
            "negative-duration": self.item("r-8", duration=-5),
            "missing-link": self.item("r-9", links=[{"model": "res.partner", "id": 999999999}]),
            "bad-link-model": self.item("r-10", links=[{"model": "no.such.model", "id": 1}]),
            "not-a-dict": "call me",
        }
        results = self.Interaction.ingest(list(cases.values()))
        for name, result in zip(cases, results, strict=True):
            with self.subTest(name=name):
                self.assertEqual(result["status"], "rejected")
                self.assertFalse(result["id"])
                self.assertTrue(result["error"])
                quarantine = self.Quarantine.browse(result["quarantine_id"])
                self.assertEqual(quarantine.state, "new")
                self.assertEqual(quarantine.error, result["error"])
        self.assertIn("Jalali", results[0]["error"])
        self.assertFalse(
            self.Interaction.search_count([("external_id", "in", [f"r-{i}" for i in range(1, 11)])])
        )

    def test_mixed_batch_keeps_order_and_quarantines_exactly_the_rejected(self):
        self.Interaction.ingest([self.item("mix-dup")])
        items = [
            self.item("mix-1", mobile="09123456789"),
            self.item("mix-bad", occurred_at="tomorrow"),
            self.item("mix-dup"),
            self.item("mix-2", email="nobody@example.org"),
            self.item("mix-1"),
            self.item("mix-bad-2", duration=-1),
        ]
        before = self.Quarantine.search_count([])
        results = self.Interaction.ingest(items)
        self.assertEqual(
            [r["status"] for r in results],
            ["created", "rejected", "duplicate", "unmatched", "duplicate", "rejected"],
        )
        self.assertEqual(results[4]["id"], results[0]["id"])
        quarantined = self.Quarantine.search([], order="id desc", limit=2)
        self.assertEqual(self.Quarantine.search_count([]), before + 2)
        self.assertEqual(set(quarantined.mapped("external_id")), {"mix-bad", "mix-bad-2"})
        self.assertEqual(
            json.loads(quarantined.filtered(lambda q: q.external_id == "mix-bad").payload), items[1]
        )

    def test_replaying_a_batch_changes_nothing(self):
        items = [
            self.item("rp-1", mobile="09123456789"),
            self.item("rp-2"),
            self.item("rp-3", occurred_at="not a date"),
        ]
        first = self.Interaction.ingest(items)
        count = self.Interaction.search_count([])
        quarantined = self.Quarantine.search_count([])
        second = self.Interaction.ingest(items)
        self.assertEqual([r["status"] for r in second], ["duplicate", "duplicate", "rejected"])
        self.assertEqual([r["id"] for r in second], [r["id"] for r in first])
        self.assertEqual(second[2]["quarantine_id"], first[2]["quarantine_id"])
        self.assertEqual(self.Interaction.search_count([]), count)
        self.assertEqual(self.Quarantine.search_count([]), quarantined)

    def test_links_point_to_any_document(self):
        [result] = self.Interaction.ingest(
            [
                self.item(
                    "l-1",
                    links=[
                        {"model": "res.partner", "id": self.company.id},
                        {"model": "res.users", "id": self.agent.id},
                    ],
                )
            ]
        )
        interaction = self.Interaction.browse(result["id"])
        self.assertEqual(
            sorted(interaction.link_ids.mapped(lambda link: (link.res_model, link.res_id))),
            [("res.partner", self.company.id), ("res.users", self.agent.id)],
        )
        self.assertIn(self.company.name, interaction.link_ids.mapped("name"))
        self.assertEqual(interaction.link_count, 2)

    def test_quarantine_reprocess_after_correction(self):
        [result] = self.Interaction.ingest([self.item("q-1", occurred_at="1404-13-45")])
        quarantine = self.Quarantine.browse(result["quarantine_id"]).with_user(self.manager)
        payload = json.loads(quarantine.payload)
        payload["occurred_at"] = "2025-04-01T08:00:00Z"
        quarantine.payload = json.dumps(payload)
        quarantine.action_reprocess()
        self.assertEqual(quarantine.state, "reprocessed")
        self.assertEqual(quarantine.interaction_id.external_id, "q-1")
        self.assertEqual(quarantine.interaction_id.occurred_at, datetime(2025, 4, 1, 8, 0))

    def test_quarantine_reprocess_still_invalid_keeps_it_new(self):
        [result] = self.Interaction.ingest([self.item("q-2", duration=-3)])
        quarantine = self.Quarantine.browse(result["quarantine_id"]).with_user(self.manager)
        quarantine.action_reprocess()
        self.assertEqual(quarantine.state, "new")
        self.assertEqual(quarantine.attempt_count, 2)
        self.assertEqual(self.Quarantine.search_count([("external_id", "=", "q-2")]), 1)

    def test_arguments_are_checked(self):
        with self.assertRaises(UserError):
            self.Interaction.ingest({"channel": "sms"})
        with self.assertRaises(AccessError):
            self.Interaction.with_user(self.outsider).ingest([self.item("a-1")])
        self.assertFalse(self.Interaction.search_count([("external_id", "=", "a-1")]))
