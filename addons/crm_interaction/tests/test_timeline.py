from datetime import datetime, timedelta

from markupsafe import Markup

from odoo.exceptions import AccessError, UserError
from odoo.tests import BaseCase, HttpCase, tagged

from odoo.addons.crm_cid.tools.jalali import format_reader_datetime

from ..tools.timeline import parse_cursor, preview_text
from .common import InteractionCommon


@tagged("crm_interaction")
class TestTimelineTools(BaseCase):
    def test_cursor_round_trip_and_bad_cursors(self):
        self.assertIsNone(parse_cursor(None))
        self.assertIsNone(parse_cursor(False))
        self.assertEqual(parse_cursor(["2025-03-21 06:00:00", 7]), (datetime(2025, 3, 21, 6, 0), 7))
        for bad in (["2025-03-21", "7"], [True, 7], "2025-03-21,7", [1, 2, 3], ["x", 1]):
            with self.subTest(cursor=bad), self.assertRaises(ValueError):
                parse_cursor(bad)

    def test_preview_is_one_short_line(self):
        self.assertEqual(preview_text("a\n\n  b"), "a b")
        self.assertEqual(len(preview_text("x" * 1000)), 280)
        self.assertEqual(preview_text(False), "")


@tagged("post_install", "-at_install", "crm_interaction")
class TestTimeline(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_a = cls.env["crm.team"].create({"name": "Sales unit"})
        cls.team_b = cls.env["crm.team"].create({"name": "Support unit"})
        start = datetime(2025, 1, 1, 8, 0)
        vals = []
        for number in range(7):
            vals.append(
                {
                    "channel_id": (cls.channel_mobile if number % 2 else cls.channel_telegram).id,
                    "partner_id": cls.company_contact.id if number % 3 else cls.company.id,
                    "direction": "outbound" if number % 2 else "inbound",
                    "team_id": (cls.team_a if number < 4 else cls.team_b).id,
                    "reason_id": cls.reason_complaint.id if number == 5 else False,
                    # two at the same instant: the id breaks the tie
                    "occurred_at": start + timedelta(hours=min(number, 5)),
                    "subject": f"event {number}",
                    "summary": f"summary {number}",
                }
            )
        cls.events = cls.Interaction.create(vals)
        cls.other = cls.Interaction.create(
            {"channel_id": cls.channel_mobile.id, "partner_id": cls.customer.id, "subject": "x"}
        )

    def _subjects(self, page):
        return [item["subject"] for item in page["items"]]

    def test_pages_follow_each_other_newest_first_across_contacts(self):
        page = self.Interaction.timeline_page(self.company_contact.id, limit=3)
        # events 5 and 6 share a date: the higher id comes first
        self.assertEqual(self._subjects(page), ["event 6", "event 5", "event 4"])
        self.assertTrue(page["next_cursor"])
        second = self.Interaction.timeline_page(
            self.company.id, cursor=page["next_cursor"], limit=3
        )
        self.assertEqual(self._subjects(second), ["event 3", "event 2", "event 1"])
        last = self.Interaction.timeline_page(
            self.company.id, cursor=second["next_cursor"], limit=3
        )
        self.assertEqual(self._subjects(last), ["event 0"])
        self.assertFalse(last["next_cursor"])

    def test_item_values(self):
        page = self.Interaction.with_context(tz="Asia/Tehran", lang="en_US").timeline_page(
            self.company.id, filters={"reason_ids": [self.reason_complaint.id]}
        )
        [item] = page["items"]
        self.assertEqual(item["subject"], "event 5")
        self.assertEqual(item["preview"], "summary 5")
        self.assertEqual(item["date"], "2025-01-01 16:30")
        self.assertEqual(item["channel"]["code"], "mobile")
        self.assertEqual(item["direction"], "outbound")
        self.assertEqual(item["team"], "Support unit")
        self.assertEqual(item["contact"], "Sara Ahmadi")

    def test_date_in_the_user_zone_when_the_context_has_none(self):
        # XML-RPC callers send no context: the user's own time zone applies
        self.agent.tz = "Asia/Tehran"
        page = (
            self.Interaction.with_user(self.agent)
            .with_context(tz=None, lang="en_US")
            .timeline_page(self.customer.id)
        )
        [item] = page["items"]
        expected = format_reader_datetime(
            datetime.fromisoformat(item["occurred_at"]), "en_US", "Asia/Tehran"
        )
        self.assertEqual(item["date"], expected)
        self.agent.tz = "Europe/London"
        page = (
            self.Interaction.with_user(self.agent)
            .with_context(tz=None)
            .timeline_page(self.customer.id)
        )
        self.assertNotEqual(page["items"][0]["date"], expected)
        # no zone anywhere: the suite's default, Tehran
        self.agent.tz = False
        page = (
            self.Interaction.with_user(self.agent)
            .with_context(tz=None, lang="en_US")
            .timeline_page(self.customer.id)
        )
        self.assertEqual(page["items"][0]["date"], expected)

    def test_the_commercial_entity_has_one_index_the_timeline_index(self):
        # a second index on the commercial entity costs every insert, and the
        # planner took the single-column one for customers with many
        # interactions, reading and sorting all of them for one page
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'crm_interaction' "
            "AND indexdef ~ 'USING btree \\(commercial_partner_id'"
        )
        self.assertEqual(
            [row[0] for row in self.env.cr.fetchall()], ["crm_interaction_timeline_idx"]
        )

    def test_filters_by_channel_unit_and_direction(self):
        def subjects(**filters):
            return self._subjects(self.Interaction.timeline_page(self.company.id, filters=filters))

        self.assertEqual(
            subjects(channel_ids=[self.channel_telegram.id]),
            ["event 6", "event 4", "event 2", "event 0"],
        )
        self.assertEqual(subjects(team_ids=[self.team_b.id]), ["event 6", "event 5", "event 4"])
        self.assertEqual(
            subjects(directions=["outbound"], team_ids=[self.team_a.id]), ["event 3", "event 1"]
        )
        self.assertEqual(subjects(directions=[]), subjects())

    def test_email_preview_is_read_from_the_message(self):
        message = self.customer.message_post(
            body=Markup("<p>Please send the <b>catalogue</b></p>"),
            message_type="email",
            author_id=self.customer.id,
            subject="Catalogue",
        )
        page = self.Interaction.timeline_page(
            self.customer.id, filters={"channel_ids": [self.channel_email.id]}
        )
        [item] = page["items"]
        self.assertTrue(item["is_email"])
        self.assertEqual(item["preview"], "Please send the *catalogue*")
        interaction = self.Interaction.browse(item["id"])
        self.assertEqual(interaction.message_id, message)
        self.assertFalse(interaction.body, "the content stays on the message")

    def test_bad_arguments_are_refused_clearly(self):
        for kwargs in (
            {"limit": 0},
            {"limit": 201},
            {"filters": {"colour": [1]}},
            {"filters": {"channel_ids": "1"}},
            {"filters": {"directions": [1]}},
            {"cursor": "yesterday"},
        ):
            with self.subTest(**kwargs), self.assertRaises(UserError):
                self.Interaction.timeline_page(self.company.id, **kwargs)
        with self.assertRaises(UserError):
            self.Interaction.timeline_page(999999999)

    def test_record_rules_apply_and_outsiders_are_refused(self):
        page = self.Interaction.with_user(self.agent).timeline_page(self.customer.id)
        self.assertEqual(self._subjects(page), ["x"])
        # the agent's portfolio does not hold the company's assigned interactions
        self.events.write({"user_id": self.other_agent.id})
        page = self.Interaction.with_user(self.agent).timeline_page(self.company.id)
        self.assertEqual(page["items"], [])
        with self.assertRaises(AccessError):
            self.Interaction.with_user(self.outsider).timeline_page(self.company.id)
        with self.assertRaises(AccessError):
            self.Interaction.with_user(self.outsider).timeline_options()

    def test_options_list_channels_reasons_units_directions(self):
        options = self.Interaction.with_user(self.agent).timeline_options()
        self.assertIn(self.channel_mobile.id, [c["id"] for c in options["channels"]])
        self.assertIn(self.reason_complaint.id, [r["id"] for r in options["reasons"]])
        self.assertIn(self.team_b.id, [t["id"] for t in options["teams"]])
        self.assertEqual([d[0] for d in options["directions"]], ["inbound", "outbound", "internal"])


@tagged("post_install", "-at_install", "crm_interaction")
class TestTimelineTour(HttpCase):
    def test_log_a_call_and_read_it_on_the_timeline(self):
        partner = self.env["res.partner"].create({"name": "Tour Customer", "mobile": "09127770011"})
        self.start_tour(
            f"/odoo/res.partner/{partner.id}", "crm_interaction_log_and_timeline", login="admin"
        )
        interaction = self.env["crm.interaction"].search([("partner_id", "=", partner.id)])
        self.assertRecordValues(
            interaction,
            [
                {
                    "subject": "Tour call about the invoice",
                    "direction": "inbound",
                    "channel_id": self.env.ref("crm_interaction.crm_interaction_channel_phone").id,
                    "user_id": self.env.ref("base.user_admin").id,
                }
            ],
        )
