from odoo.tests import tagged

from .common import NATIONAL_ID_A, CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidSearch(CidCommon):
    def _found_ids(self, text, user=None):
        Partner = self.Partner.with_user(user) if user else self.Partner
        return [pid for pid, _name in Partner.name_search(text, limit=20)]

    def test_name_search_finds_customer_by_any_key(self):
        cases = [
            ("۰۹۱۲ ۳۴۵ ۶۷۸۹", self.person),
            ("00989123456789", self.person),
            ("ALI@EXAMPLE.COM", self.person),
            ("001-234567-9", self.person),
            (self.person.cid, self.person),
            (self.person.cid.lower(), self.person),
            ("0912-222-2222", self.contact),
        ]
        for text, partner in cases:
            with self.subTest(text=text):
                self.assertIn(partner.id, self._found_ids(text, self.user_sensitive))

    def test_name_search_by_company_cid_finds_company_and_contacts(self):
        found = self._found_ids(self.company.cid)
        self.assertIn(self.company.id, found)
        self.assertIn(self.contact.id, found)
        self.assertNotIn(self.person.id, found)

    def test_persian_name_matches_any_keyboard_variant(self):
        for text in ("علي كريمي", "علی کریمی", "كريمي", "علي\u200cكريمي"[:3]):
            with self.subTest(text=text):
                self.assertIn(self.person.id, self._found_ids(text))

    def test_key_like_input_uses_key_index_not_name_ilike(self):
        domain = self.Partner._search_display_name("ilike", "۰۹۱۲ ۳۴۵ ۶۷۸۹")
        fields_used = {condition.field_expr for condition in domain.iter_conditions()}
        self.assertIn("id", fields_used)
        self.assertNotIn("complete_name", fields_used)
        self.assertNotIn("cid_name_folded", fields_used)

    def test_name_words_scan_the_folded_name_instead_of_the_complete_name(self):
        cases = [
            ("ilike", {"cid_name_folded"}, {"complete_name"}),
            ("=ilike", {"cid_name_folded", "complete_name"}, set()),
            ("like", {"cid_name_folded", "complete_name"}, set()),
        ]
        for operator, present, absent in cases:
            with self.subTest(operator=operator):
                domain = self.Partner._search_display_name(operator, "کریمی")
                fields_used = {condition.field_expr for condition in domain.iter_conditions()}
                self.assertLessEqual(present, fields_used)
                self.assertFalse(absent & fields_used)
                # the other fields of the display name are still searched
                self.assertIn("email", fields_used)

    def test_every_complete_name_match_is_still_found(self):
        company = self.Partner.create({"name": "Parsian  Trading", "is_company": True})
        contact = self.Partner.create({"name": "Sara Ahmadi", "parent_id": company.id})
        texts = ["parsian", "PARSIAN  TRADING", "Trading, Sara", " sara ", "ahmadi", "Reza"]
        for text in texts:
            with self.subTest(text=text):
                by_name = self.Partner.search([("complete_name", "ilike", text)])
                self.assertTrue(by_name)
                found = self.Partner.search([("display_name", "ilike", text)])
                self.assertLessEqual(by_name, found)
        self.assertIn(contact, self.Partner.search([("display_name", "ilike", "Trading, Sara")]))

    def test_former_cid_is_found(self):
        self.env["crm.cid.alias"].create({"cid": "C0888888", "partner_id": self.person.id})
        self.assertIn(self.person.id, self._found_ids("C0888888"))

    def test_contacts_search_field_accepts_keys_and_names(self):
        for text in ("+98 912 345 6789", "کریمی", NATIONAL_ID_A):
            with self.subTest(text=text):
                found = self.Partner.search([("cid_search", "ilike", text)])
                self.assertIn(self.person, found)

    def test_sensitive_keys_are_not_searchable_without_the_group(self):
        self.assertNotIn(self.person.id, self._found_ids(NATIONAL_ID_A, self.user_cid))
        self.assertIn(self.person.id, self._found_ids(NATIONAL_ID_A, self.user_sensitive))
