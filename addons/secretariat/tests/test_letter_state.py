from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SecretariatCommon


@tagged("post_install", "-at_install", "secretariat")
class TestLetterState(SecretariatCommon):
    def test_full_life_of_a_letter(self):
        letter = self.make_letter()
        letter.action_register()
        letter.refer([self.staff.id], instruction="بررسی شود")
        self.assertEqual(letter.state, "referred")
        letter.action_done()
        self.assertEqual(letter.state, "done")
        letter.archive_code = "12-4"
        letter.action_file()
        self.assertEqual(letter.state, "archived")
        with self.assertRaises(UserError):
            letter.action_cancel()
        self.assertEqual(letter.state, "archived")

    def test_steps_out_of_order_are_refused(self):
        letter = self.make_letter()
        for step in (letter.action_done, letter.action_file):
            with self.subTest(step=step.__name__), self.assertRaises(UserError):
                step()
        with self.assertRaises(UserError):
            letter.refer([self.staff.id])
        self.assertEqual(letter.state, "draft")
        self.assertFalse(letter.referral_ids)

    def test_archiving_needs_a_classification(self):
        letter = self.make_letter()
        letter.action_register()
        letter.action_done()
        with self.assertRaises(UserError):
            letter.action_file()
        self.assertEqual(letter.state, "done")

    def test_incoming_and_outgoing_letters_need_a_correspondent(self):
        for kind in ("incoming", "outgoing"):
            letter = self.make_letter(kind, partner_id=False)
            with self.subTest(kind=kind), self.assertRaises(UserError):
                letter.action_register()
            self.assertFalse(letter.indicator_number)
        internal = self.make_letter("internal", internal_user_id=self.staff.id)
        internal.action_register()
        self.assertTrue(internal.indicator_number)

    def test_outgoing_letter_needs_a_text(self):
        letter = self.make_letter("outgoing", body=False)
        with self.assertRaises(UserError):
            letter.action_register()
        self.assertEqual(letter.state, "draft")

    def test_letters_are_created_as_drafts(self):
        with self.assertRaises(UserError):
            self.make_letter(state="registered")

    def test_template_fills_an_outgoing_letter(self):
        template = self.env["secretariat.letter.template"].create(
            {
                "name": "پاسخ شکایت",
                "kind": "outgoing",
                "subject": "پاسخ به شکایت",
                "body": "<p>جناب {partner}، در تاریخ {date}</p>",
            }
        )
        letter = self.Letter.create(
            {
                "kind": "outgoing",
                "secretariat_id": self.head.id,
                "partner_id": self.customer.id,
                "template_id": template.id,
            }
        )
        self.assertEqual(letter.subject, "پاسخ به شکایت")
        self.assertIn("جناب مریم رضایی", letter.body)
        self.assertNotIn("{date}", letter.body)

    def test_related_letters_form_a_thread(self):
        incoming = self.make_letter()
        reply = self.make_letter("outgoing", parent_id=incoming.id, relation_type="reply")
        follow = self.make_letter(parent_id=reply.id, relation_type="follow_up")
        self.assertEqual(incoming.thread_ids, reply | follow)
        self.assertEqual(follow.thread_ids, incoming | reply)
        with self.assertRaises(ValidationError):
            incoming.parent_id = follow

    def test_future_sender_date_is_refused(self):
        with self.assertRaises(ValidationError):
            self.make_letter(sender_date="2999-01-01")

    def test_bad_arguments_over_the_api(self):
        letter = self.make_letter()
        letter.action_register()
        for bad in ([], None, "5", [999999]):
            with self.subTest(user_ids=bad), self.assertRaises(UserError):
                letter.refer(bad)
        with self.assertRaises(UserError):
            letter.action_cancel(reason=5)
        with self.assertRaises(UserError):
            self.Letter.read_register("1404")
        with self.assertRaises(UserError):
            self.Letter.read_register(1404, 13)
        self.assertEqual(letter.state, "registered")
