from datetime import datetime

from odoo.tests import freeze_time, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestResponseTime(InteractionCommon):
    def test_next_outbound_on_any_channel_answers_earlier_inbound(self):
        results = self.Interaction.ingest(
            [
                self.item("rt-1", mobile="09123456789", occurred_at="2025-03-21T08:00:00"),
                self.item(
                    "rt-2",
                    channel="email",
                    email="ali.karimi@example.com",
                    occurred_at="2025-03-21T09:00:00",
                ),
                self.item("rt-3", mobile="09351112233", occurred_at="2025-03-21T08:00:00"),
            ]
        )
        first, second, other = self.Interaction.browse([r["id"] for r in results])
        self.assertFalse(first.first_response_at)
        self.Interaction.ingest(
            [
                self.item(
                    "rt-out",
                    channel="telegram",
                    direction="outbound",
                    mobile="09123456789",
                    occurred_at="2025-03-21T09:30:00",
                )
            ]
        )
        self.assertEqual(first.first_response_at, datetime(2025, 3, 21, 9, 30))
        self.assertEqual(first.response_seconds, 5400)
        self.assertEqual(second.response_seconds, 1800)
        self.assertFalse(other.first_response_at, "another customer's inbound is not answered")

    def test_late_ingested_earlier_reply_wins(self):
        [inbound] = self.Interaction.ingest(
            [self.item("rt-4", mobile="09123456789", occurred_at="2025-03-21T08:00:00")]
        )
        self.Interaction.ingest(
            [
                self.item(
                    "rt-5",
                    direction="outbound",
                    mobile="09123456789",
                    occurred_at="2025-03-21T10:00:00",
                )
            ]
        )
        self.Interaction.ingest(
            [
                self.item(
                    "rt-6",
                    channel="sms",
                    direction="outbound",
                    mobile="09123456789",
                    occurred_at="2025-03-21T08:10:00",
                )
            ]
        )
        self.assertEqual(self.Interaction.browse(inbound["id"]).response_seconds, 600)

    def test_reply_before_the_inbound_does_not_count(self):
        self.Interaction.ingest(
            [
                self.item(
                    "rt-7",
                    direction="outbound",
                    mobile="09123456789",
                    occurred_at="2025-03-20T08:00:00",
                )
            ]
        )
        [inbound] = self.Interaction.ingest(
            [self.item("rt-8", mobile="09123456789", occurred_at="2025-03-21T08:00:00")]
        )
        self.assertFalse(self.Interaction.browse(inbound["id"]).first_response_at)

    def test_marking_handled_is_a_response(self):
        [result] = self.Interaction.ingest(
            [self.item("rt-9", mobile="09123456789", occurred_at="2025-03-21T08:00:00")]
        )
        interaction = self.Interaction.browse(result["id"])
        with freeze_time("2025-03-21 08:20:00"):
            interaction.action_mark_handled()
        self.assertEqual(interaction.response_seconds, 1200)
        self.Interaction.ingest(
            [
                self.item(
                    "rt-10",
                    direction="outbound",
                    mobile="09123456789",
                    occurred_at="2025-03-21T09:00:00",
                )
            ]
        )
        self.assertEqual(interaction.response_seconds, 1200, "the first response is kept")

    def test_linking_later_computes_the_response(self):
        self.Interaction.ingest(
            [
                self.item(
                    "rt-11",
                    direction="outbound",
                    mobile="09123456789",
                    occurred_at="2025-03-21T09:00:00",
                )
            ]
        )
        [result] = self.Interaction.ingest(
            [self.item("rt-12", telegram="@ali_k", occurred_at="2025-03-21T08:00:00")]
        )
        interaction = self.Interaction.browse(result["id"])
        self.assertFalse(interaction.first_response_at)
        self.customer.cid_add_key("telegram", "ali_k")
        self.assertEqual(interaction.partner_id, self.customer)
        self.assertEqual(interaction.response_seconds, 3600)


@tagged("post_install", "-at_install", "crm_interaction")
class TestResponseTimeMeasures(InteractionCommon):
    """Averages and percentiles count answered inbound interactions only."""

    def setUp(self):
        super().setUp()
        self.Interaction.ingest(
            [
                self.item("m-1", mobile="09123456789", occurred_at="2025-03-21T08:00:00"),
                self.item("m-2", mobile="09123456789", occurred_at="2025-03-21T09:00:00"),
                self.item(
                    "m-out",
                    direction="outbound",
                    mobile="09123456789",
                    occurred_at="2025-03-21T09:30:00",
                ),
                # after the reply: still waiting for an answer
                self.item("m-3", mobile="09123456789", occurred_at="2025-03-21T10:00:00"),
            ]
        )
        self.domain = [("partner_id", "=", self.customer.id)]

    def test_average_median_and_p90_skip_outbound_and_unanswered_rows(self):
        [(count, average, median, p90)] = self.Interaction._read_group(
            self.domain,
            [],
            [
                "__count",
                "response_seconds:avg",
                "response_median_seconds:avg",
                "response_p90_seconds:avg",
            ],
        )
        self.assertEqual(count, 4)
        # answered: 5400 s and 1800 s; the outbound and the unanswered rows hold 0
        self.assertEqual(average, 3600)
        self.assertEqual(median, 3600)
        self.assertAlmostEqual(p90, 1800 + 0.9 * 3600)
        [(total,)] = self.Interaction._read_group(self.domain, [], ["response_seconds:sum"])
        self.assertEqual(total, 7200, "other aggregates are Odoo's own")

    def test_pivot_measures_over_rpc_shape(self):
        groups = self.Interaction.formatted_read_group(
            self.domain, ["direction"], ["response_seconds:avg", "response_median_seconds:avg"]
        )
        by_direction = {g["direction"]: g for g in groups}
        self.assertEqual(by_direction["inbound"]["response_seconds:avg"], 3600)
        self.assertFalse(by_direction["outbound"]["response_seconds:avg"])
        self.assertFalse(by_direction["outbound"]["response_median_seconds:avg"])

    def test_measures_are_offered_to_the_pivot(self):
        fields = self.Interaction.fields_get(
            ["response_median_seconds", "response_p90_seconds"], ["aggregator"]
        )
        self.assertEqual(fields["response_median_seconds"]["aggregator"], "avg")
        self.assertEqual(fields["response_p90_seconds"]["aggregator"], "avg")
