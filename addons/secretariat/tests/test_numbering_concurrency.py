from functools import partial

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_cid.tests.concurrency import run_at_once

SUBJECT = "concurrency-test-"


@tagged("post_install", "-at_install", "secretariat")
class TestNumberingConcurrency(TransactionCase):
    """Registrations on separate, committed transactions, as RPC requests do.

    A registration waiting for another one in the same series fails with a
    serialization error once the other commits; like the RPC layer, each
    client then retries with a fresh transaction.
    """

    RETRIES = 60

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            secretariat = env["secretariat.secretariat"].create(
                {"name": "Concurrency test", "code": "CONC"}
            )
            self.secretariat_id = secretariat.id
            self.partner_id = env["res.partner"].create({"name": "Concurrency customer"}).id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            letters = env["secretariat.letter"].search(
                [("secretariat_id", "=", self.secretariat_id)]
            )
            cr.execute("DELETE FROM secretariat_letter WHERE id = ANY(%s)", [letters.ids])
            secretariat = env["secretariat.secretariat"].browse(self.secretariat_id)
            env["secretariat.counter"].search(
                [("series_id", "in", secretariat.series_ids.ids)]
            ).unlink()
            secretariat.unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _create_drafts(self, count):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            return (
                env["secretariat.letter"]
                .create(
                    [
                        {
                            "kind": "incoming",
                            "subject": f"{SUBJECT}{index}",
                            "secretariat_id": self.secretariat_id,
                            "partner_id": self.partner_id,
                        }
                        for index in range(count)
                    ]
                )
                .ids
            )

    @staticmethod
    def _register(env, letter_id):
        letter = env["secretariat.letter"].browse(letter_id)
        letter.action_register()
        return letter.indicator_number

    def _numbers(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT sequence_number, indicator_number FROM secretariat_letter
                    WHERE secretariat_id = %s AND sequence_number IS NOT NULL
                    ORDER BY sequence_number""",
                [self.secretariat_id],
            )
            return cr.fetchall()

    def test_twenty_parallel_registrations_get_consecutive_numbers(self):
        letter_ids = self._create_drafts(20)
        results, errors = run_at_once(
            self.registry,
            [partial(self._register, letter_id=letter_id) for letter_id in letter_ids],
            tries=self.RETRIES,
            context={"tracking_disable": True},
        )
        self.assertEqual(errors, [])
        self.assertEqual(len(set(results)), 20)
        rows = self._numbers()
        self.assertEqual([seq for seq, _number in rows], list(range(1, 21)))
        self.assertEqual(sorted(results), sorted(number for _seq, number in rows))

    def test_rolled_back_registration_leaves_no_gap(self):
        first, second = self._create_drafts(2)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            letter = env["secretariat.letter"].browse(first)
            letter.action_register()
            self.assertTrue(letter.indicator_number.endswith("/1"))
            cr.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env["secretariat.letter"].browse(second).action_register()
        self.assertEqual([seq for seq, _number in self._numbers()], [1])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env["secretariat.letter"].browse(first).state, "draft")
