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

    def test_documents_and_customer_show_their_letters(self):
        document = self.env["res.partner"].create({"name": "صورتحساب ۱۲", "is_company": True})
        letter = self.make_letter()
        other = self.make_letter("outgoing")
        ids = letter.link_documents("res.partner", [document.id, document.id])
        self.assertEqual(len(ids), 1)
        self.assertEqual(letter.link_documents("res.partner", [document.id]), ids)
        self.assertEqual(letter.link_ids.name, "صورتحساب ۱۲")
        self.assertEqual(self.Letter.letters_of_document("res.partner", document.id), letter.ids)
        self.assertEqual(self.customer.secretariat_letter_count, 2)
        action = self.customer.action_open_secretariat_letters()
        self.assertEqual(self.Letter.search(action["domain"]), letter | other)
        self.assertEqual(letter.cid, self.customer.cid)

    def test_bad_documents_are_refused(self):
        letter = self.make_letter()
        for model, ids in (("no.such.model", [1]), ("res.partner", [0]), ("res.partner", [])):
            with self.subTest(model=model, ids=ids), self.assertRaises(UserError):
                letter.link_documents(model, ids)
        self.assertFalse(letter.link_ids)
