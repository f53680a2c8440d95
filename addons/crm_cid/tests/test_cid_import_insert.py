from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, email_normalize, mute_logger

from .common import NATIONAL_ID_A, NATIONAL_ID_B, NATIONAL_ID_C, CidCommon

# Columns that differ between two customers by construction.
_PARTNER_OWN_COLUMNS = {
    "id",
    "create_date",
    "write_date",
    "cid_own",
    "cid",
    "commercial_partner_id",
}
_KEY_OWN_COLUMNS = {"id", "create_date", "write_date", "partner_id", "commercial_partner_id", "cid"}
_IMPORT_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "crm_cid_key_source": "import",
}


@tagged("post_install", "-at_install", "crm_cid")
class TestCidImportInsert(CidCommon):
    """The set-based creation of the bulk import writes what the ORM writes."""

    def assert_same_column(self, fast, orm, msg=None):
        # a moment defaulted to "now" (calendar's last notification check...)
        # differs by the time between the two creations: both must be set
        if isinstance(fast, datetime) and isinstance(orm, datetime):
            self.assertLess(abs(fast - orm), timedelta(minutes=5), msg)
        else:
            self.assertEqual(fast, orm, msg)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["crm.cid.import"]
        cls.Insert = cls.env["crm.cid.import.insert"]
        cls.values = {
            "name": "  سارا   رضایی ",
            "is_company": False,
            "mobile": "+989131234567",
            "phone": "+982188776655",
            "email": "sara@example.com",
            "national_id": NATIONAL_ID_B,
            "street": "خیابان ولیعصر",
            "city": "تهران",
            "ref": "R-1",
        }
        cls.keys = {
            ("mobile", "+989131234567"): "0913 123 4567",
            ("phone", "+982188776655"): "021-88776655",
            ("email", "sara@example.com"): "Sara@Example.com",
            ("national_id", NATIONAL_ID_B): NATIONAL_ID_B,
            ("telegram", "sara_r"): "@Sara_R",
        }

    def _rows(self, table, where_column, ids):
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            SQL(
                "SELECT * FROM %s WHERE %s IN %s ORDER BY id",
                SQL.identifier(table),
                SQL.identifier(where_column),
                tuple(ids),
            )
        )
        return rows

    def _orm_create(self, values, keys):
        """Create a customer as the import did before: ORM create, then the extra keys."""
        partner = self.Partner.with_context(**_IMPORT_CONTEXT).create(dict(values))
        held = set(partner.sudo().cid_key_ids.mapped(lambda k: (k.type_code, k.value_normalized)))
        type_ids = self.KeyType._cid_get_type_ids()
        self.Key.sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "key_type_id": type_ids[code],
                    "value": raw,
                    "source": "import",
                }
                for (code, value), raw in keys.items()
                if (code, value) not in held
            ]
        )
        return partner

    def _import_missing_key(self, rows, hidden):
        """Import ``rows`` while the key lookup misses the ``(type, value)`` key
        ``hidden``, as when another transaction saved it outside the locks."""
        Partner = type(self.Partner)
        original = Partner._cid_match_keys

        def blind_match(partners, pairs):
            found = original(partners, pairs)
            found.pop(hidden, None)
            return found

        with (
            patch.object(Partner, "_cid_match_keys", blind_match),
            mute_logger("odoo.sql_db"),
        ):
            return self.Import.import_rows(rows)

    def _snapshot(self, partner_id):
        partner = self._rows("res_partner", "id", [partner_id])[0]
        keys = self._rows("crm_cid_key", "partner_id", [partner_id])
        return partner, keys

    def _orm_then_fast(self, values, keys):
        """Create a customer by the ORM (rolled back), then by the fast path.

        :return: ``(orm_row, orm_keys, fast_id, fast_row, fast_keys)``
        """
        with self.env.cr.savepoint(flush=True) as savepoint:
            orm_row, orm_keys = self._snapshot(self._orm_create(values, keys).id)
            savepoint.rollback()
        self.env.invalidate_all()
        (fast_id,) = self.Insert._insert_customers([{"values": values, "keys": keys}])
        return (orm_row, orm_keys, fast_id, *self._snapshot(fast_id))

    def test_fast_path_writes_the_same_rows_as_the_orm(self):
        orm_row, orm_keys, fast_id, fast_row, fast_keys = self._orm_then_fast(
            self.values, self.keys
        )

        self.assertEqual(set(fast_row), set(orm_row))
        for column in sorted(set(orm_row) - _PARTNER_OWN_COLUMNS):
            with self.subTest(column=column):
                self.assert_same_column(fast_row[column], orm_row[column])
        self.assertEqual(fast_row["commercial_partner_id"], fast_id)
        self.assertEqual(fast_row["cid"], fast_row["cid_own"])
        self.assertTrue(fast_row["cid_own"])
        self.assertNotEqual(fast_row["cid_own"], orm_row["cid_own"])

        def comparable(keys):
            return sorted(
                tuple(sorted((c, v) for c, v in key.items() if c not in _KEY_OWN_COLUMNS))
                for key in keys
                if key["type_code"] != "cid"
            )

        self.assertEqual(comparable(fast_keys), comparable(orm_keys))
        self.assertEqual(len(fast_keys), len(orm_keys))
        cid_key = next(key for key in fast_keys if key["type_code"] == "cid")
        self.assertEqual(cid_key["value"], fast_row["cid_own"])
        self.assertEqual(cid_key["source"], "partner")
        self.assertTrue(all(key["cid"] == fast_row["cid"] for key in fast_keys))
        self.assertTrue(all(key["commercial_partner_id"] == fast_id for key in fast_keys))

    def test_fast_path_company_and_minimal_rows_match_the_orm(self):
        cases = [
            {"name": "شرکت نمونه", "is_company": True, "email": "info@sample.example.com"},
            {"name": "+989130000001", "is_company": False, "mobile": "+989130000001"},
        ]
        for values in cases:
            with self.subTest(values=values):
                keys = {
                    (code, values[code]): values[code]
                    for code in ("mobile", "email")
                    if values.get(code)
                }
                orm_row, orm_keys, _fast_id, fast_row, fast_keys = self._orm_then_fast(values, keys)
                for column in sorted(set(orm_row) - _PARTNER_OWN_COLUMNS):
                    self.assert_same_column(fast_row[column], orm_row[column], column)
                self.assertEqual(len(fast_keys), len(orm_keys))

    def test_fast_path_keeps_tabs_newlines_and_backslashes(self):
        """Values that the COPY text format escapes arrive as the ORM stores them."""
        values = {
            "name": "Tab\there \\N back\\slash",
            "is_company": True,
            "email": "odd@example.com",
            "street": "line one\nline two\r\n\\",
            "city": "\\N",
            "ref": "a\tb",
        }
        keys = {("email", "odd@example.com"): " Odd@Example.com\t"}
        orm_row, orm_keys, _fast_id, fast_row, fast_keys = self._orm_then_fast(values, keys)
        for column in sorted(set(orm_row) - _PARTNER_OWN_COLUMNS):
            with self.subTest(column=column):
                self.assert_same_column(fast_row[column], orm_row[column])
        self.assertEqual(fast_row["street"], values["street"])
        self.assertEqual(fast_row["city"], "\\N")
        self.assertEqual(
            sorted((k["type_code"], k["value"]) for k in fast_keys if k["type_code"] != "cid"),
            sorted((k["type_code"], k["value"]) for k in orm_keys if k["type_code"] != "cid"),
        )

    def test_keys_added_to_existing_contacts_match_the_orm(self):
        """Keys of matched customers (a company's contact among them) as create() writes them."""
        specs = [
            (self.person, "telegram", "ali_k", "@Ali_K"),
            (self.contact, "email", "reza.k@example.com", "Reza.K@Example.com"),
            (self.company, "phone", "+982188880001", "021 8888 0001"),
        ]
        type_ids = self.KeyType._cid_get_type_ids()
        with self.env.cr.savepoint(flush=True) as savepoint:
            orm_keys = self.Key.sudo().create(
                [
                    {
                        "partner_id": partner.id,
                        "key_type_id": type_ids[code],
                        "value": raw,
                        "source": "import",
                    }
                    for partner, code, _value, raw in specs
                ]
            )
            orm_rows = self._rows("crm_cid_key", "id", orm_keys.ids)
            savepoint.rollback()
        self.env.invalidate_all()
        key_ids = self.Insert._insert_keys(
            [(partner.id, code, value, raw) for partner, code, value, raw in specs]
        )
        fast_rows = self._rows("crm_cid_key", "id", key_ids)
        self.assertEqual(len(fast_rows), len(orm_rows))
        for fast, orm in zip(fast_rows, orm_rows, strict=True):
            self.assertEqual(set(fast), set(orm))
            for column in sorted(set(orm) - {"id", "create_date", "write_date"}):
                with self.subTest(value=orm["value"], column=column):
                    self.assert_same_column(fast[column], orm[column])
        # the contact's key carries the company's CID and commercial entity
        self.assertEqual(fast_rows[1]["commercial_partner_id"], self.company.id)
        self.assertEqual(fast_rows[1]["cid"], self.company.cid)
        self.assertEqual(
            self.Partner.cid_resolve({"email": "REZA.K@example.com"})["partner_id"],
            self.contact.id,
        )

    def test_key_of_matched_customer_taken_meanwhile_rejects_only_that_row(self):
        """The database refuses a key the lookup missed; the other rows go in."""
        rows = [
            {"name": "New one", "mobile": "09136660011"},
            # matched to the person by national ID, brings the company's e-mail
            {"national_id": NATIONAL_ID_A, "email": "info@alpha.example.com"},
            {"name": "New two", "mobile": "09136660013"},
        ]
        keys_before = self.Key.sudo().search_count([])
        result = self._import_missing_key(rows, ("email", "info@alpha.example.com"))
        statuses = [line["status"] for line in result["results"]]
        self.assertEqual(statuses, ["created", "rejected", "created"])
        self.assertIn(self.company.cid, result["results"][1]["reason"])
        self.assertEqual(result["results"][1]["data"], rows[1])
        # two customers with a CID key and a mobile each; nothing for the person
        self.assertEqual(self.Key.sudo().search_count([]), keys_before + 4)
        self.assertFalse(
            self.keys_of(self.person, "email").filtered(
                lambda k: k.value_normalized == "info@alpha.example.com"
            )
        )
        self.assertEqual(
            self.Partner.cid_resolve({"email": "info@alpha.example.com"})["partner_id"],
            self.company.id,
        )

    def test_archived_key_of_matched_customer_is_restored_not_duplicated(self):
        type_ids = self.KeyType._cid_get_type_ids()
        old = self.Key.sudo().create(
            {
                "partner_id": self.person.id,
                "key_type_id": type_ids["telegram"],
                "value": "@ali_old",
                "source": "manual",
            }
        )
        old.active = False
        result = self.Import.import_rows(
            [{"mobile": "0912 345 6789", "telegram": "ALI_OLD", "instagram": "ali.insta"}]
        )
        self.assertEqual(result["results"][0]["status"], "matched")
        self.assertEqual(result["results"][0]["partner_id"], self.person.id)
        self.assertTrue(old.active)
        telegram = self.keys_of(self.person, "telegram")
        self.assertEqual(telegram, old)
        instagram = self.keys_of(self.person, "instagram")
        self.assertEqual(instagram.mapped("value"), ["ali.insta"])
        self.assertEqual(instagram.source, "import")
        self.assertEqual(instagram.cid, self.person.cid)

    def test_modules_hear_of_every_key_the_import_writes(self):
        """The keys of new and of matched customers both reach _cid_keys_inserted."""
        Key = type(self.Key)
        heard = []
        original = Key._cid_keys_inserted

        def listen(keys):
            heard.extend(keys.ids)
            return original(keys)

        with patch.object(Key, "_cid_keys_inserted", listen):
            result = self.Import.import_rows(
                [
                    {"name": "Heard", "mobile": "09136660021"},
                    {"mobile": "09123456789", "telegram": "@heard_ali"},
                ]
            )
        self.assertEqual([line["status"] for line in result["results"]], ["created", "matched"])
        new_customer = self.Partner.browse(result["results"][0]["partner_id"])
        expected = self.keys_of(new_customer) | self.keys_of(self.person, "telegram")
        self.assertEqual(sorted(heard), sorted(expected.ids))

    def test_value_copy_cannot_write_stops_the_copy_and_writes_nothing(self):
        """A value COPY cannot write fails the batch; nothing of it is written."""
        Partner = self.Partner
        partner_id = self.Insert._insert_next_ids(Partner, 1)[0]
        rows = [
            {"id": partner_id, "name": "Streamed", "type": "contact"},
            {"id": partner_id + 1, "name": "Broken", "type": "contact", "parent_id": object()},
        ]
        with self.assertRaises(TypeError), self.env.cr.savepoint():
            self.Insert._insert_rows(Partner, rows)
        self.assertFalse(Partner.with_context(active_test=False).search([("id", "=", partner_id)]))
        self.assertFalse(Partner.search([("name", "in", ["Streamed", "Broken"])]))

    def test_stored_columns_are_written_as_given(self):
        """Values already in their column's form skip the field's conversion."""
        Message = self.env["mail.message"]
        first, second, third, fourth = self.Insert._insert_next_ids(Message, 4)
        # a script the HTML sanitiser strips: kept, since the caller vouches
        # for the value; False and None are NULL, as in any column
        kept = "<p>kept</p><script>given()</script>"

        def row(message_id, body):
            return {"id": message_id, "message_type": "comment", "body": body}

        self.Insert._insert_rows(
            Message,
            [row(first, kept), row(second, False), row(third, None)],
            stored_columns=("body",),
        )
        # the same value through the field's conversion is sanitised
        self.Insert._insert_rows(Message, [row(fourth, kept)])
        stored = dict(
            self.env.execute_query(
                SQL(
                    "SELECT id, body FROM mail_message WHERE id IN %s",
                    (first, second, third, fourth),
                )
            )
        )
        self.assertEqual(
            {key: stored[key] for key in (first, second, third)},
            {first: kept, second: None, third: None},
        )
        self.assertIn("kept", stored[fourth])
        self.assertNotIn("given()", stored[fourth])

    def test_plain_email_shortcut_agrees_with_email_normalize(self):
        addresses = [
            "sara@example.com",
            "first.last+tag@mail.example.co.ir",
            "a_b-c@x-y.ir",
            "0912@example.com",
            "-dash@example.com",
            "Sara@Example.com",
            "a..b@example.com",
            "a.@example.com",
            ".a@example.com",
            "ali@xn--mgbh0fb.xn--mgba3a4f16a",
            "علی@example.com",
            '"quoted name"@example.com',
            "Sara <sara@example.com>",
            "two@example.com, three@example.com",
            "nodot@localhost",
            "trailing@example.com.",
        ]
        for address in addresses:
            with self.subTest(address=address):
                self.assertEqual(
                    self.Insert._insert_email_normalized(address),
                    email_normalize(address, strict=False),
                )
        self.assertFalse(self.Insert._insert_email_normalized(False))

    def test_created_customers_behave_as_orm_records(self):
        result = self.Import.import_rows(
            [
                {"name": "نگار صالحی", "mobile": "۰۹۱۳ ۲۲۲ ۳۳۴۴", "email": "negar@example.com"},
                {"name": "شرکت دلتا", "is_company": "1", "telegram": "@delta_co"},
            ]
        )
        self.assertEqual(result["counts"], {"created": 2, "matched": 0, "rejected": 0})
        negar = self.Partner.browse(result["results"][0]["partner_id"])
        delta = self.Partner.browse(result["results"][1]["partner_id"])
        self.assertEqual(negar.cid, result["results"][0]["cid"])
        self.assertEqual(negar.display_name, "نگار صالحی")
        self.assertEqual(negar.commercial_partner_id, negar)
        self.assertEqual(negar.phone_sanitized, "+989132223344")
        self.assertEqual(negar.email_normalized, "negar@example.com")
        self.assertTrue(delta.is_company)
        self.assertEqual(delta.commercial_company_name, "شرکت دلتا")
        self.assertEqual(
            self.Partner.cid_resolve({"mobile": "09132223344"})["partner_id"], negar.id
        )
        self.assertEqual(self.Partner.cid_resolve({"telegram": "delta_co"})["partner_id"], delta.id)
        self.assertEqual(self.Partner.cid_resolve({"cid": delta.cid})["partner_id"], delta.id)
        self.assertIn(negar, self.Partner.search([("cid_search", "ilike", "negar@example.com")]))
        self.assertEqual(negar.cid_key_count, 3)
        # no chatter noise per imported customer, as with the ORM path
        self.assertFalse(negar.message_ids)
        self.assertFalse(negar.message_follower_ids)
        # an ordinary ORM write afterwards keeps the keys in step
        negar.write({"mobile": "09134445566"})
        self.assertEqual(
            self.Partner.cid_resolve({"mobile": "09134445566"})["partner_id"], negar.id
        )
        self.assertFalse(self.Partner.cid_resolve({"mobile": "09132223344"})["partner_id"])

    def test_duplicates_within_one_batch_give_one_customer(self):
        result = self.Import.import_rows(
            [
                {"name": "امیر", "mobile": "09135550001"},
                {"name": "Amir", "mobile": "+98 913 555 0001", "email": "amir@example.com"},
                {"name": "A.", "email": "AMIR@example.com", "national_id": NATIONAL_ID_C},
                {"name": "Other", "mobile": "09135550002"},
            ]
        )
        statuses = [line["status"] for line in result["results"]]
        self.assertEqual(statuses, ["created", "matched", "matched", "created"])
        amir_ids = {line["partner_id"] for line in result["results"][:3]}
        self.assertEqual(len(amir_ids), 1)
        amir = self.Partner.browse(amir_ids.pop())
        codes = sorted(self.keys_of(amir).mapped("type_code"))
        self.assertEqual(codes, ["cid", "email", "mobile", "national_id"])

    def test_key_taken_meanwhile_rejects_only_that_row(self):
        """A key the lookup missed (saved by a transaction outside the locks)."""
        rows = [
            {"name": "First", "mobile": "09136660001"},
            # the person's mobile, hidden from the lookup below
            {"name": "Taken", "mobile": "09123456789", "telegram": "@taken_one"},
            {"name": "Third", "mobile": "09136660003"},
        ]
        partners_before = self.Partner.search_count([])
        result = self._import_missing_key(rows, ("mobile", "+989123456789"))
        statuses = [line["status"] for line in result["results"]]
        self.assertEqual(statuses, ["created", "rejected", "created"])
        rejected = result["results"][1]
        self.assertIn(self.person.cid, rejected["reason"])
        self.assertFalse(rejected["partner_id"])
        self.assertEqual(rejected["data"], rows[1])
        self.assertEqual(self.Partner.search_count([]), partners_before + 2)
        # nothing of the rejected row was written: no customer, no handle key
        self.assertFalse(self.Partner.cid_resolve({"telegram": "taken_one"})["partner_id"])
        self.assertEqual(
            self.Partner.cid_resolve({"mobile": "09123456789"})["partner_id"], self.person.id
        )
        for line in (result["results"][0], result["results"][2]):
            partner = self.Partner.browse(line["partner_id"])
            self.assertEqual(partner.cid, line["cid"])
            self.assertEqual(len(self.keys_of(partner)), 2)

    def test_bad_rows_are_rejected_and_good_rows_of_the_batch_created(self):
        rows = [
            {"name": "خوب", "mobile": "09137770001"},
            {"name": "کد بد", "national_id": "1111111111", "mobile": "09137770002"},
            {"name": "", "mobile": "not a number"},
            {"name": "خوب دو", "email": "good2@example.com"},
        ]
        result = self.Import.import_rows(rows)
        statuses = [line["status"] for line in result["results"]]
        self.assertEqual(statuses, ["created", "rejected", "rejected", "created"])
        self.assertIn("1111111111", result["results"][1]["reason"])
        self.assertFalse(self.Partner.cid_resolve({"mobile": "09137770002"})["partner_id"])

    def test_national_id_needs_the_sensitive_group_as_with_the_orm(self):
        """The field rights the ORM checks on create are checked by the fast path."""
        contact_manager = new_test_user(
            self.env,
            "cid_contact_manager",
            groups="base.group_user,base.group_partner_manager",
            email="contact.manager@example.com",
        )
        Insert = self.Insert.with_user(contact_manager)
        with self.assertRaises(AccessError):
            Insert._insert_customers(
                [{"values": {"name": "X", "national_id": NATIONAL_ID_C}, "keys": {}}]
            )
        self.assertFalse(self.Partner.search([("name", "=", "X")]))

    def test_user_without_import_right_is_refused(self):
        with self.assertRaises(AccessError):
            self.Import.with_user(self.user_cid).import_rows(
                [{"name": "No", "mobile": "09138880001"}]
            )
        self.assertFalse(self.Partner.cid_resolve({"mobile": "09138880001"})["partner_id"])
