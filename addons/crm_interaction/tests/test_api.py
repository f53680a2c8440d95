from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestReconcile(InteractionCommon):
    def test_reconcile_lists_missing_and_quarantined_ids(self):
        self.Interaction.ingest(
            [
                self.item("rc-1"),
                self.item("rc-2"),
                self.item("rc-3", occurred_at="bad"),
                self.item("rc-9", channel="sms"),
            ]
        )
        result = self.Interaction.with_user(self.supervisor).reconcile(
            "mobile", ["rc-1", "rc-2", "rc-3", "rc-4", "rc-9", "rc-1"]
        )
        self.assertEqual(
            result, {"missing": ["rc-4", "rc-9"], "present": 2, "quarantined": ["rc-3"]}
        )

    def test_reconcile_checks_its_arguments(self):
        with self.assertRaises(UserError):
            self.Interaction.reconcile("pigeon", ["1"])
        with self.assertRaises(UserError):
            self.Interaction.reconcile("mobile", "rc-1")


@tagged("post_install", "-at_install", "crm_interaction")
class TestCallerCard(InteractionCommon):
    def test_card_of_a_known_number_in_persian_digits(self):
        self.customer.comment = "<p>Prefers calls after 16:00</p>"
        self.Interaction.ingest(
            [
                self.item(
                    f"cc-{n}",
                    mobile="09123456789",
                    occurred_at=f"2025-03-{n + 10:02d}T10:00:00",
                    subject=f"Call {n}",
                )
                for n in range(7)
            ]
            + [
                self.item(
                    "cc-complaint",
                    mobile="09123456789",
                    reason="complaint",
                    occurred_at="2025-02-01T10:00:00",
                )
            ]
        )
        self.Interaction.search([("external_id", "=", "cc-6")]).action_mark_handled()
        card = self.Interaction.with_user(self.agent).caller_card("۰۹۱۲-۳۴۵-۶۷۸۹")
        self.assertTrue(card["found"])
        self.assertEqual(card["partner_id"], self.customer.id)
        self.assertEqual(card["cid"], self.customer.cid)
        self.assertEqual(card["number"], "+989123456789")
        self.assertEqual(
            [i["subject"] for i in card["last_interactions"]],
            ["Call 6", "Call 5", "Call 4", "Call 3", "Call 2"],
        )
        self.assertEqual(card["last_interactions"][0]["state"], "handled")
        self.assertEqual(card["last_interactions"][0]["channel"], "mobile")
        self.assertEqual(card["open_interactions"], 7)
        self.assertEqual(len(card["cautions"]), 2)
        self.assertIn("Complaint", card["cautions"][0])
        self.assertIn("16:00", card["cautions"][1])

    def test_unknown_and_invalid_numbers(self):
        self.assertFalse(self.Interaction.caller_card("+98 912 000 0000")["found"])
        card = self.Interaction.caller_card("not a number")
        self.assertFalse(card["found"])
        self.assertFalse(card["number"])

    def test_shared_landline_lists_candidates(self):
        self.customer.phone = "021 8888 1234"
        self.company.phone = "021-88881234"
        card = self.Interaction.caller_card("02188881234")
        self.assertFalse(card["found"])
        self.assertEqual(
            {c["partner_id"] for c in card["candidates"]}, {self.customer.id, self.company.id}
        )
