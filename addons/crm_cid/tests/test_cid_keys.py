import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import NATIONAL_ID_A, NATIONAL_ID_B, CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidKeys(CidCommon):
    def test_mobile_is_a_stored_partner_field_synced_to_a_key(self):
        partner = self.Partner.create(
            {"name": "Sara", "mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷", "country_id": self.env.ref("base.ir").id}
        )
        key = self.keys_of(partner, "mobile")
        self.assertRecordValues(
            key,
            [{"value": "۰۹۱۲ ۱۲۳ ۴۵۶۷", "value_normalized": "+989121234567", "source": "partner"}],
        )
        self.assertEqual(partner.phone_sanitized, "+989121234567")
        self.assertEqual(self.Partner._phone_get_number_fields(), ["mobile", "phone"])

    def test_changing_mobile_archives_old_key_and_adds_new(self):
        old_key = self.keys_of(self.person, "mobile")
        self.person.mobile = "0935 111 2233"
        self.assertFalse(old_key.active)
        self.assertEqual(self.keys_of(self.person, "mobile").value_normalized, "+989351112233")
        self.person.mobile = False
        self.assertFalse(self.keys_of(self.person, "mobile"))
        # the old value comes back: the archived key is reused, not duplicated
        self.person.mobile = "09123456789"
        self.assertTrue(old_key.active)

    def test_fields_sync_for_a_batch_write(self):
        partners = self.Partner.create([{"name": "P1"}, {"name": "P2"}])
        partners.write({"phone": "021-6600 1122"})
        keys = self.Key.sudo().search(
            [("partner_id", "in", partners.ids), ("type_code", "=", "phone")]
        )
        self.assertEqual(keys.partner_id, partners)
        self.assertEqual(set(keys.mapped("value_normalized")), {"+982166001122"})

    def test_email_and_national_id_are_normalised(self):
        partner = self.Partner.create(
            {"name": "Maryam", "email": "Maryam@Example.COM", "national_id": "123-456789-1"}
        )
        self.assertEqual(partner.national_id, NATIONAL_ID_B)
        self.assertEqual(self.keys_of(partner, "email").value_normalized, "maryam@example.com")
        self.assertEqual(self.keys_of(partner, "national_id").value_normalized, NATIONAL_ID_B)
        self.assertEqual(self.keys_of(self.company, "legal_id").value_normalized, "14001234562")

    def test_bad_national_id_names_the_value(self):
        for raw in ("0012345678", "1111111111", "12345", "12a4567890"):
            with self.subTest(raw=raw), self.assertRaises(ValidationError) as caught:
                self.Partner.create({"name": "Bad", "national_id": raw})
            self.assertIn(raw, str(caught.exception))
        self.assertFalse(self.Partner.search([("name", "=", "Bad")]))

    def test_display_name_shows_type_and_value(self):
        key = self.keys_of(self.person, "mobile")
        self.assertEqual(key.display_name, "Mobile: +989123456789")

    def test_key_owned_by_another_customer_is_refused_with_its_cid(self):
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create({"name": "Copycat"}).cid_add_key("mobile", "+98 912 345 6789")
        message = str(caught.exception)
        self.assertIn(self.person.cid, message)
        self.assertIn("+989123456789", message)
        self.assertFalse(self.Partner.search([("name", "=", "Copycat")]))

    def test_shared_mobile_typed_on_a_second_customer_is_kept_and_flagged(self):
        # Odoo allows two customers with one mobile or e-mail; the key table
        # keeps one holder and flags the other copy instead of losing it
        copycat = self.Partner.create({"name": "Copycat", "mobile": "+98 912 345 6789"})
        key = (
            self.Key.sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", copycat.id), ("type_code", "=", "mobile")])
        )
        self.assertRecordValues(
            key, [{"active": False, "is_conflict": True, "value_normalized": "+989123456789"}]
        )
        self.assertEqual(
            self.Partner.cid_resolve({"mobile": "09123456789"})["partner_id"], self.person.id
        )
        pairs = self.env["crm.cid.duplicate"]._cid_find_duplicates()
        self.assertIn(
            {self.person.commercial_partner_id.id, copycat.id},
            [{d.partner_a_id.id, d.partner_b_id.id} for d in pairs],
        )

    def test_national_id_is_unique_across_customers(self):
        with self.assertRaises(ValidationError):
            self.Partner.create({"name": "Twin", "national_id": NATIONAL_ID_A})

    def test_contacts_of_one_company_may_share_mobile_and_email(self):
        second = self.Partner.create(
            {
                "name": "Second contact",
                "parent_id": self.company.id,
                "mobile": "09122222222",
                "email": "info@alpha.example.com",
            }
        )
        self.assertEqual(self.keys_of(second, "mobile").value_normalized, "+989122222222")
        self.assertEqual(self.keys_of(second, "email").commercial_partner_id, self.company)

    def test_landline_phones_are_not_unique(self):
        other = self.Partner.create({"name": "Neighbour", "phone": "02188880000"})
        self.assertEqual(self.keys_of(other, "phone").value_normalized, "+982188880000")

    def test_moving_contact_to_other_company_flags_its_shared_mobile(self):
        # two contacts of Alpha share a mobile; moved to Beta, the mover's copy
        # would give the number to two customers: it is kept archived, flagged
        sharer = self.Partner.create(
            {"name": "Sharer", "parent_id": self.company.id, "mobile": "09122222222"}
        )
        beta = self.Partner.create({"name": "Beta", "is_company": True})
        sharer.parent_id = beta
        key = (
            self.Key.sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", sharer.id), ("type_code", "=", "mobile")])
        )
        self.assertRecordValues(key, [{"active": False, "is_conflict": True}])
        self.assertEqual(
            self.Partner.cid_resolve({"mobile": "09122222222"})["commercial_partner_id"],
            self.company.id,
        )

    def test_moving_contact_with_a_hand_added_key_is_refused(self):
        sharer = self.Partner.create({"name": "Sharer", "parent_id": self.company.id})
        sharer.cid_add_key("email", "desk@alpha.example.com")
        self.company.cid_add_key("email", "desk@alpha.example.com")
        beta = self.Partner.create({"name": "Beta", "is_company": True})
        with self.assertRaises(ValidationError) as caught:
            sharer.parent_id = beta
        self.assertIn("desk@alpha.example.com", str(caught.exception))
        self.assertEqual(sharer.parent_id, self.company)

    def test_archiving_a_customer_frees_its_keys(self):
        self.person.action_archive()
        self.assertFalse(self.keys_of(self.person))
        newcomer = self.Partner.create({"name": "Newcomer", "mobile": "09123456789"})
        self.assertEqual(self.keys_of(newcomer, "mobile").value_normalized, "+989123456789")

    def test_cid_add_key_normalises_and_is_idempotent(self):
        key_id = self.person.cid_add_key("telegram", "https://t.me/Ali_K", verified=True)
        key = self.Key.browse(key_id)
        self.assertRecordValues(
            key,
            [
                {
                    "value_normalized": "ali_k",
                    "is_verified": True,
                    "source": "rpc",
                    "type_code": "telegram",
                }
            ],
        )
        self.assertEqual(self.person.cid_add_key("telegram", "@ali_k"), key_id)

    def test_manual_key_with_invalid_value_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.Key.create(
                {
                    "partner_id": self.person.id,
                    "key_type_id": self.type_national_id.id,
                    "value": "0012345678",
                }
            )
        self.assertIn("0012345678", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.Key.create(
                {"partner_id": self.person.id, "key_type_id": self.type_mobile.id, "value": "hello"}
            )

    def test_python_check_refuses_key_of_another_customer(self):
        with self.assertRaises(ValidationError) as caught:
            self.Key.create(
                {
                    "partner_id": self.company.id,
                    "key_type_id": self.type_email.id,
                    "value": "ALI@example.com",
                }
            )
        self.assertIn(self.person.cid, str(caught.exception))

    def _insert_raw_key(self, partner, key_type, value):
        """Insert a key with SQL, bypassing every ORM check."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "INSERT INTO crm_cid_key (partner_id, commercial_partner_id, key_type_id,"
                " type_code, uniqueness, value, value_normalized, source, active)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, 'manual', TRUE)",
                partner.id,
                partner.commercial_partner_id.id,
                key_type.id,
                key_type.code,
                key_type.uniqueness,
                value,
                value,
            )
        )

    @mute_logger("odoo.sql_db")
    def test_database_refuses_global_duplicate_without_orm(self):
        with self.assertRaises(psycopg2.IntegrityError):
            self._insert_raw_key(self.company, self.type_national_id, NATIONAL_ID_A)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_commercial_duplicate_for_two_companies(self):
        other = self.Partner.create({"name": "Gamma", "is_company": True})
        with self.assertRaises(psycopg2.IntegrityError):
            self._insert_raw_key(other, self.type_mobile, "+989123456789")

    def test_database_allows_commercial_duplicate_inside_one_company(self):
        second = self.Partner.create({"name": "Third contact", "parent_id": self.company.id})
        self._insert_raw_key(second, self.type_mobile, "+989122222222")
        self.assertEqual(self.keys_of(second, "mobile").value_normalized, "+989122222222")
