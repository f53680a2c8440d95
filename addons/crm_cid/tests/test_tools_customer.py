from odoo.tests import BaseCase, tagged

from ..tools.customer import pick_customer, resolve_customer


@tagged("crm_cid")
class TestPickCustomer(BaseCase):
    def test_the_contact_or_the_commercial_entity(self):
        cases = [
            ("no hit", [], (False, False, False)),
            ("one contact", [(7, 5)], (7, 5, False)),
            ("the same contact twice", [(7, 5), (7, 5)], (7, 5, False)),
            ("two contacts of one company", [(7, 5), (8, 5)], (5, 5, False)),
            ("a contact and its company", [(7, 5), (5, 5)], (5, 5, False)),
            ("an individual", [(9, 9)], (9, 9, False)),
            ("two customers", [(7, 5), (9, 9)], (False, False, True)),
            ("two customers, one twice", [(7, 5), (7, 5), (9, 9)], (False, False, True)),
        ]
        for label, hits, expected in cases:
            with self.subTest(label):
                self.assertEqual(pick_customer(hits), expected)
                self.assertEqual(pick_customer(iter(hits)), expected)

    def test_resolve_customer_reads_the_matches_of_the_pairs_only(self):
        mobile, email, phone = ("mobile", "+989121111111"), ("email", "a@b.c"), ("phone", "+98211")
        matches = {mobile: [(7, 5)], email: [(8, 5)], phone: [(9, 9)]}
        cases = [
            ([mobile], (7, 5, False)),
            ([mobile, email], (5, 5, False)),
            ([mobile, phone], (False, False, True)),
            ([("email", "x@y.z")], (False, False, False)),
            ([], (False, False, False)),
        ]
        for pairs, expected in cases:
            with self.subTest(pairs=pairs):
                self.assertEqual(resolve_customer(pairs, matches), expected)
