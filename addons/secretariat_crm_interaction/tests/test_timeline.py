from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.secretariat_crm_interaction import _post_init_hook


@tagged("post_install", "-at_install", "secretariat_crm_interaction")
class TestLetterTimeline(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.clerk = new_test_user(
            cls.env,
            "se_bridge_clerk",
            groups="base.group_user,secretariat.group_secretariat_clerk",
            email="se.bridge.clerk@example.com",
        )
        cls.secretariat = cls.env["secretariat.secretariat"].create(
            {"name": "دبیرخانه آزمون", "code": "BR"}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "حسین مرادی", "mobile": "09124445566"}
        )
        cls.other = cls.env["res.partner"].create({"name": "نسرین کاظمی"})
        cls.channel = cls.env.ref("crm_interaction.crm_interaction_channel_letter")

    def make_letter(self, kind="incoming", **values):
        vals = {
            "kind": kind,
            "subject": "اعتراض به صورتحساب",
            "summary": "متن محرمانه",
            "secretariat_id": self.secretariat.id,
            "partner_id": self.customer.id,
            "body": "<p>متن نامه</p>",
        }
        vals.update(values)
        return self.env["secretariat.letter"].with_user(self.clerk).create(vals)

    def entries(self, letter):
        return self.env["crm.interaction"].search([("secretariat_letter_id", "=", letter.id)])

    def test_registered_letter_shows_once_on_the_customer_timeline(self):
        letter = self.make_letter()
        self.assertFalse(self.entries(letter))  # drafts are not on the timeline
        letter.action_register()
        entry = self.entries(letter)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.channel_id, self.channel)
        self.assertEqual(entry.partner_id, self.customer)
        self.assertEqual(entry.cid, self.customer.cid)
        self.assertEqual(entry.direction, "inbound")
        self.assertEqual(entry.occurred_at, letter.registered_at)
        self.assertIn(letter.indicator_number, entry.subject)
        # a pointer, not a copy: nothing of the letter's content
        self.assertNotIn("اعتراض", entry.subject)
        self.assertFalse(entry.body)
        self.assertFalse(entry.summary)
        self.assertEqual(letter.interaction_id, entry)
        # acting on the letter again keeps one entry
        letter.refer([self.clerk.id])
        letter.action_done()
        letter._interaction_sync()
        self.assertEqual(self.entries(letter), entry)
        self.assertEqual(
            self.env["crm.interaction"].search_count(
                [("partner_id", "=", self.customer.id), ("channel_id", "=", self.channel.id)]
            ),
            1,
        )

    def test_entry_follows_the_letter(self):
        letter = self.make_letter("outgoing")
        letter.action_register()
        entry = self.entries(letter)
        self.assertEqual(entry.direction, "outbound")
        letter.partner_id = self.other
        self.assertEqual(self.entries(letter), entry)
        self.assertEqual(entry.partner_id, self.other)
        letter.action_cancel()
        self.assertEqual(self.entries(letter), entry)
        self.assertIn(letter.indicator_number, entry.subject)
        self.assertNotEqual(entry.subject, f"Letter {letter.indicator_number}")
        letter.partner_id = False
        self.assertFalse(self.entries(letter))

    def test_internal_letters_stay_off_the_timeline(self):
        letter = self.make_letter("internal", partner_id=False)
        letter.action_register()
        self.assertFalse(self.entries(letter))

    def test_batch_registration(self):
        letters = self.make_letter() | self.make_letter("outgoing") | self.make_letter()
        letters.action_register()
        entries = self.env["crm.interaction"].search([("secretariat_letter_id", "in", letters.ids)])
        self.assertEqual(entries.secretariat_letter_id, letters)
        self.assertEqual(len(entries), 3)

    def test_letters_registered_before_the_bridge_are_synced_at_install(self):
        letter = self.make_letter()
        letter.action_register()
        self.entries(letter).unlink()
        _post_init_hook(self.env)
        self.assertEqual(len(self.entries(letter)), 1)


@tagged("post_install", "-at_install", "secretariat_crm_interaction")
class TestFaxToLetter(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            "se_fax_clerk",
            groups="secretariat.group_secretariat_clerk,crm_interaction.group_interaction_manager",
        )
        cls.agent = new_test_user(
            cls.env, "se_fax_agent", groups="crm_interaction.group_interaction_manager"
        )
        cls.env["secretariat.secretariat"].create({"name": "دبیرخانه نمابر", "code": "FX"})
        cls.customer = cls.env["res.partner"].create({"name": "شرکت نمابر"})
        cls.fax = cls.env["crm.interaction"].create(
            {
                "channel_id": cls.env.ref("crm_interaction.crm_interaction_channel_fax").id,
                "direction": "inbound",
                "partner_id": cls.customer.id,
                "subject": "Fax from 02188776655",
            }
        )
        cls.env["ir.attachment"].create(
            {
                "name": "fax.tif",
                "raw": b"pages",
                "res_model": "crm.interaction",
                "res_id": cls.fax.id,
            }
        )

    def test_clerk_registers_a_fax_once_and_it_stays_one_timeline_entry(self):
        action = self.fax.with_user(self.clerk).action_secretariat_register_letter()
        letter = self.env["secretariat.letter"].browse(action["res_id"])
        self.assertRecordValues(
            letter,
            [
                {
                    "kind": "incoming",
                    "partner_id": self.customer.id,
                    "source_interaction_id": self.fax.id,
                }
            ],
        )
        copies = self.env["ir.attachment"].search(
            [("res_model", "=", "secretariat.letter"), ("res_id", "=", letter.id)]
        )
        self.assertEqual(copies.raw, b"pages")
        letter.with_user(self.clerk).action_register()
        self.assertTrue(letter.indicator_number)
        self.assertFalse(
            self.env["crm.interaction"].search([("secretariat_letter_id", "=", letter.id)]),
            "the fax stands for the letter on the timeline",
        )
        with self.assertRaises(UserError):
            self.fax.with_user(self.clerk).action_secretariat_register_letter()

    def test_only_clerks_register_and_nothing_is_written_otherwise(self):
        with self.assertRaises(AccessError):
            self.fax.with_user(self.agent).action_secretariat_register_letter()
        self.assertFalse(
            self.env["secretariat.letter"].search([("source_interaction_id", "=", self.fax.id)])
        )
