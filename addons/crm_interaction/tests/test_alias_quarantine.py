from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_cid.tests.concurrency import run_at_once

from .common import InteractionCommon

PREFIX = "race-test-"


@tagged("post_install", "-at_install", "crm_interaction")
class TestFormerCid(InteractionCommon):
    def test_former_cid_of_a_merged_customer_is_matched(self):
        self.env["crm.cid.alias"].create({"cid": "C0999999", "partner_id": self.customer.id})
        [result] = self.Interaction.ingest([self.item("alias-1", cid="c 0999999")])
        self.assertEqual(result["status"], "created")
        self.assertEqual(result["partner_id"], self.customer.id)
        self.assertEqual(result["cid"], self.customer.cid)

    def test_former_cid_of_a_company_gives_the_company(self):
        self.env["crm.cid.alias"].create({"cid": "C0888888", "partner_id": self.company.id})
        [result] = self.Interaction.ingest(
            [self.item("alias-2", keys={"cid": "C0888888", "email": "sara@beta.example.com"})]
        )
        # the contact's e-mail and the company's former number agree
        self.assertEqual(result["status"], "created")
        self.assertEqual(self.Interaction.browse(result["id"]).commercial_partner_id, self.company)

    def test_unknown_former_cid_stays_unidentified(self):
        [result] = self.Interaction.ingest([self.item("alias-3", cid="C0777777")])
        self.assertEqual(result["status"], "unmatched")

    def test_unidentified_interaction_links_through_an_alias_later(self):
        [result] = self.Interaction.ingest([self.item("alias-4", cid="C0666666")])
        self.env["crm.cid.alias"].create({"cid": "C0666666", "partner_id": self.customer.id})
        interaction = self.Interaction.browse(result["id"])
        interaction._interaction_identify()
        self.assertEqual(interaction.partner_id, self.customer)


@tagged("post_install", "-at_install", "crm_interaction")
class TestQuarantineRace(TransactionCase):
    """Two clients replaying the same bad item at once leave one quarantine row."""

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.interaction.quarantine"].search(
                [("external_id", "=like", f"{PREFIX}%")]
            ).unlink()

    def test_two_simultaneous_replays_of_a_bad_item_give_one_quarantine_row(self):
        self._cleanup()
        self.addCleanup(self._cleanup)
        bad = [
            {
                "channel": "sms",
                "direction": "sideways",
                "external_id": f"{PREFIX}{number}",
                "occurred_at": "2025-03-21T09:30:00",
            }
            for number in range(50)
        ]
        results, errors = run_at_once(
            self.registry, [lambda env: env["crm.interaction"].ingest(bad)] * 2
        )
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 2)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT external_id), min(attempt_count), "
                "max(attempt_count) FROM crm_interaction_quarantine WHERE external_id LIKE %s",
                [f"{PREFIX}%"],
            )
            self.assertEqual(cr.fetchone(), (50, 50, 2, 2))
        self.assertEqual(
            [r["quarantine_id"] for r in results[0]], [r["quarantine_id"] for r in results[1]]
        )
