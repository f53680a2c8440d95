from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SecretariatCommon


@tagged("post_install", "-at_install", "secretariat")
class TestLinks(SecretariatCommon):
    def test_correspondent_found_by_any_key(self):
        cid = self.customer.cid
        self.assertTrue(cid)
        for keys in ({"mobile": "۰۹۱۲ ۱۱۱ ۲۲۳۳"}, {"cid": cid}, {"email": "Maryam@Example.com"}):
            with self.subTest(keys=keys):
                self.assertEqual(self.Letter.find_correspondent(keys), self.customer.id)
        with self.assertRaises(UserError):
            self.Letter.find_correspondent({"mobile": "09350000000"})
        created = self.Letter.find_correspondent({"mobile": "09350000000"}, name="کاوه نادری")
        self.assertEqual(self.env["res.partner"].browse(created).name, "کاوه نادری")

    def test_correspondent_typed_as_a_key_in_the_many2one(self):
        found = self.env["res.partner"].name_search("0912 111 2233")
        self.assertIn(self.customer.id, [partner_id for partner_id, _name in found])

    def test_invoice_and_customer_show_their_letters(self):
        move = self.env["account.move"].create(
            {"move_type": "entry", "partner_id": self.customer.id}
        )
        letter = self.make_letter(move_ids=[move.id])
        other = self.make_letter("outgoing")
        self.assertEqual(move.secretariat_letter_ids, letter)
        self.assertEqual(move.secretariat_letter_count, 1)
        self.assertEqual(self.customer.secretariat_letter_count, 2)
        action = move.action_open_secretariat_letters()
        self.assertEqual(self.Letter.search(action["domain"]), letter)
        action = self.customer.action_open_secretariat_letters()
        self.assertEqual(self.Letter.search(action["domain"]), letter | other)
        self.assertEqual(letter.cid, self.customer.cid)
