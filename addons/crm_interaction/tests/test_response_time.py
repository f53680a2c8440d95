from datetime import datetime

from odoo.tests import freeze_time, tagged

from .common import InteractionCommon

MOBILE = "09123456789"


@tagged("post_install", "-at_install", "crm_interaction")
class TestResponseTime(InteractionCommon):
    def ingest_one(self, external_id, occurred_at, **values):
        """Ingest one interaction occurred at ``occurred_at``; return it."""
        [result] = self.Interaction.ingest(
            [self.item(external_id, occurred_at=occurred_at, **values)]
        )
        return self.Interaction.browse(result["id"])

    def test_next_outbound_on_any_channel_answers_earlier_inbound(self):
        results = self.Interaction.ingest(
            [
                self.item("rt-1", mobile=MOBILE, occurred_at="2025-03-21T08:00:00"),
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
        self.ingest_one(
            "rt-out",
            "2025-03-21T09:30:00",
            channel="telegram",
            direction="outbound",
            mobile=MOBILE,
        )
        self.assertEqual(first.first_response_at, datetime(2025, 3, 21, 9, 30))
        self.assertEqual(first.response_seconds, 5400)
        self.assertEqual(second.response_seconds, 1800)
        self.assertFalse(other.first_response_at, "another customer's inbound is not answered")

    def test_late_ingested_earlier_reply_wins(self):
        inbound = self.ingest_one("rt-4", "2025-03-21T08:00:00", mobile=MOBILE)
        self.ingest_one("rt-5", "2025-03-21T10:00:00", direction="outbound", mobile=MOBILE)
        self.ingest_one(
            "rt-6", "2025-03-21T08:10:00", channel="sms", direction="outbound", mobile=MOBILE
        )
        self.assertEqual(inbound.response_seconds, 600)

    def test_reply_before_the_inbound_does_not_count(self):
        self.ingest_one("rt-7", "2025-03-20T08:00:00", direction="outbound", mobile=MOBILE)
        inbound = self.ingest_one("rt-8", "2025-03-21T08:00:00", mobile=MOBILE)
        self.assertFalse(inbound.first_response_at)

    def test_marking_handled_is_a_response(self):
        interaction = self.ingest_one("rt-9", "2025-03-21T08:00:00", mobile=MOBILE)
        with freeze_time("2025-03-21 08:20:00"):
            interaction.action_mark_handled()
        self.assertEqual(interaction.response_seconds, 1200)
        self.ingest_one("rt-10", "2025-03-21T09:00:00", direction="outbound", mobile=MOBILE)
        self.assertEqual(interaction.response_seconds, 1200, "the first response is kept")

    def test_linking_later_computes_the_response(self):
        self.ingest_one("rt-11", "2025-03-21T09:00:00", direction="outbound", mobile=MOBILE)
        interaction = self.ingest_one("rt-12", "2025-03-21T08:00:00", telegram="@ali_k")
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
                self.item("m-1", mobile=MOBILE, occurred_at="2025-03-21T08:00:00"),
                self.item("m-2", mobile=MOBILE, occurred_at="2025-03-21T09:00:00"),
                self.item(
                    "m-out",
                    direction="outbound",
                    mobile=MOBILE,
                    occurred_at="2025-03-21T09:30:00",
                ),
                # after the reply: still waiting for an answer
                self.item("m-3", mobile=MOBILE, occurred_at="2025-03-21T10:00:00"),
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
