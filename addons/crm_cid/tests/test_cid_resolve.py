from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import NATIONAL_ID_A, NATIONAL_ID_C, CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidResolve(CidCommon):
    def test_resolve_each_key_type_in_messy_formats(self):
        self.person.cid_add_key("telegram", "@Ali_K")
        self.person.cid_add_key("username", "Ali.Karimi")
        cases = [
            ({"mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹"}, "mobile"),
            ({"mobile": "00989123456789"}, "mobile"),
            ({"mobile_phone": "+98 (912) 345-6789"}, "mobile"),
            ({"email": "  ALI@Example.com "}, "email"),
            ({"national_id": "001-234567-9"}, "national_id"),
            ({"melli_code": "۰۰۱۲۳۴۵۶۷۹"}, "national_id"),
            ({"national_id": 12345679}, "national_id"),
            ({"cid": self.person.cid.lower()}, "cid"),
            ({"telegram": "https://t.me/ali_k"}, "telegram"),
            ({"login": " ali.karimi "}, "username"),
        ]
        for keys, code in cases:
            with self.subTest(keys=keys):
                result = self.Partner.cid_resolve(keys)
                self.assertEqual(result["partner_id"], self.person.id)
                self.assertEqual(result["cid"], self.person.cid)
                self.assertFalse(result["conflict"])
                self.assertEqual(result["errors"], [])
                self.assertEqual([m["type"] for m in result["matched"]], [code])

    def test_contact_key_returns_contact_and_company_cid(self):
        result = self.Partner.cid_resolve({"mobile": "0912 222 2222"})
        self.assertEqual(result["partner_id"], self.contact.id)
        self.assertEqual(result["commercial_partner_id"], self.company.id)
        self.assertEqual(result["cid"], self.company.cid)

    def test_keys_of_one_company_resolve_to_it_without_conflict(self):
        result = self.Partner.cid_resolve(
            {"mobile": "09122222222", "email": "info@alpha.example.com"}
        )
        self.assertFalse(result["conflict"])
        self.assertEqual(result["partner_id"], self.company.id)
        self.assertEqual(len(result["matched"]), 2)

    def test_keys_of_two_customers_are_a_conflict(self):
        result = self.Partner.cid_resolve(
            {"mobile": "09123456789", "email": "reza@alpha.example.com"}
        )
        self.assertTrue(result["conflict"])
        self.assertFalse(result["partner_id"])
        self.assertFalse(result["cid"])
        self.assertEqual(
            {c["cid"] for c in result["candidates"]}, {self.person.cid, self.company.cid}
        )

    def test_unknown_and_invalid_keys_are_reported(self):
        result = self.Partner.cid_resolve(
            {
                "mobile": "09123456789",
                "fax": "021",
                "national_id": "0012345678",
                "email": "not-an-email",
            }
        )
        self.assertEqual(result["partner_id"], self.person.id)
        errors = {e["type"]: e["reason"] for e in result["errors"]}
        self.assertEqual(
            errors, {"fax": "unknown_key", "national_id": "checksum", "email": "invalid"}
        )

    def test_nothing_found(self):
        result = self.Partner.cid_resolve({"mobile": "09350000001"})
        self.assertFalse(result["partner_id"])
        self.assertFalse(result["conflict"])
        self.assertEqual(result["matched"], [])

    def test_keys_must_be_a_dict(self):
        with self.assertRaises(UserError):
            self.Partner.cid_resolve(["09123456789"])

    def test_former_cid_resolves_through_alias(self):
        self.env["crm.cid.alias"].create({"cid": "C0999999", "partner_id": self.person.id})
        result = self.Partner.cid_resolve({"cid": "c-0999999"})
        self.assertEqual(result["partner_id"], self.person.id)
        self.assertEqual(result["cid"], self.person.cid)

    def test_match_keys_batch_helper(self):
        matches = self.Partner._cid_match_keys(
            [
                ("mobile", "+989123456789"),
                ("email", "info@alpha.example.com"),
                ("mobile", "+989350000001"),
            ]
        )
        self.assertEqual(
            matches,
            {
                ("mobile", "+989123456789"): [(self.person.id, self.person.id)],
                ("email", "info@alpha.example.com"): [(self.company.id, self.company.id)],
            },
        )

    def test_resolving_one_key_is_one_query(self):
        keys = {"mobile": "09123456789"}
        self.Partner.cid_resolve(keys)  # warm the key type and rule caches
        with self.assertQueryCount(1):
            self.Partner.cid_resolve(keys)

    def test_find_or_create_creates_once_then_matches(self):
        first = self.Partner.cid_find_or_create(
            {"mobile": "0935 123 4567", "national_code": NATIONAL_ID_C, "telegram": "@newbie"},
            {"name": "مشتری جدید"},
        )
        self.assertTrue(first["created"])
        partner = self.Partner.browse(first["partner_id"])
        self.assertEqual(partner.name, "مشتری جدید")
        self.assertEqual(partner.mobile, "+989351234567")
        self.assertEqual(first["cid"], partner.cid)
        self.assertEqual(self.keys_of(partner, "telegram").source, "rpc")
        self.assertEqual(self.keys_of(partner, "national_id").source, "partner")
        second = self.Partner.cid_find_or_create({"mobile": "+989351234567"}, {"name": "Other"})
        self.assertFalse(second["created"])
        self.assertEqual(second["partner_id"], partner.id)

    def test_find_or_create_refuses_conflicts_and_bad_keys(self):
        count = self.Partner.search_count([])
        for keys in (
            {"mobile": "09123456789", "email": "reza@alpha.example.com"},
            {"mobile": "09350000002", "fax": "1"},
            {"national_id": "0012345678"},
            {},
            {"cid": "C0999998"},
        ):
            with self.subTest(keys=keys), self.assertRaises(UserError):
                self.Partner.cid_find_or_create(keys)
        self.assertEqual(self.Partner.search_count([]), count)

    def test_find_or_create_checks_the_contact_values(self):
        country = self.env.ref("base.ir")
        created = self.Partner.cid_find_or_create(
            {"mobile": "0935 777 1234"},
            {"name": "شرکت نمونه", "is_company": True, "country_id": country.id, "comment": None},
        )
        partner = self.Partner.browse(created["partner_id"])
        self.assertEqual((partner.is_company, partner.country_id), (True, country))
        count = self.Partner.search_count([])
        missing_country = self.env["res.country"].search([], order="id desc", limit=1).id + 1
        for values in (
            {"no_such_field": 1},
            {"cid_own": "C0000001"},
            {"country_id": missing_country},
            {"country_id": "ایران"},
            {"is_company": "yes"},
            {"name": ["a", "b"]},
            {"type": "no-such-type"},
            {"child_ids": [(0, 0, {"name": "x"})]},
        ):
            with self.subTest(values=values), self.assertRaises(UserError) as caught:
                self.Partner.cid_find_or_create({"mobile": "0935 777 9999"}, values)
            self.assertIn(next(iter(values)), str(caught.exception))
        self.assertEqual(self.Partner.search_count([]), count)

    def test_find_or_create_returns_existing_person_by_national_id(self):
        result = self.Partner.cid_find_or_create({"national_id": NATIONAL_ID_A})
        self.assertFalse(result["created"])
        self.assertEqual(result["partner_id"], self.person.id)
