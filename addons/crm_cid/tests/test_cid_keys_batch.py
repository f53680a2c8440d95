from unittest.mock import patch

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import NATIONAL_ID_A, NATIONAL_ID_B, NATIONAL_ID_C, CidCommon

# stored columns that differ between two keys of the same values by nature
_OWN_COLUMNS = {"id", "create_date", "write_date", "display_name"}


@tagged("post_install", "-at_install", "crm_cid")
class TestCidKeysBatch(CidCommon):
    """The keys of new contacts are written for the whole batch at once."""

    def customers(self, count, first=0):
        """Return the values of ``count`` new customers with every synced field."""
        return [
            {
                "name": f"مشتری {number}",
                "mobile": f"0935 100 {number:04d}",
                "email": f"Batch.{number}@Example.com",
                "phone": f"021 4400 {number:04d}",
            }
            for number in range(first, first + count)
        ]

    def all_keys(self, partners):
        return (
            self.Key.sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)], order="id")
        )

    def stored_values(self, keys):
        names = [
            name
            for name, field in self.Key._fields.items()
            if field.store and field.column_type and name not in _OWN_COLUMNS
        ]
        return [{name: row[name] for name in names} for row in keys.read(names, load=None)]

    def test_keys_of_new_contacts_hold_what_create_stores(self):
        partners = self.Partner.create(
            [
                {"name": "Batch person", "mobile": "۰۹۳۵ ۱۱۱ ۰۰۰۱", "national_id": NATIONAL_ID_C},
                {"name": "Batch contact", "parent_id": self.company.id, "email": "B@Alpha.ir"},
            ]
        )
        synced = self.all_keys(partners)
        self.assertEqual(
            sorted(synced.mapped("type_code")), ["cid", "email", "mobile", "national_id"]
        )
        expected = self.stored_values(synced)
        vals_list = [
            {
                "partner_id": key.partner_id.id,
                "key_type_id": key.key_type_id.id,
                "value": key.value,
                "source": key.source,
            }
            for key in synced
        ]
        synced.unlink()
        created = self.Key.sudo().create(vals_list)
        self.assertEqual(self.stored_values(created), expected)

    def test_a_batch_costs_the_same_queries_whatever_its_size(self):
        self.Partner.create(self.customers(2, first=900))
        self.env.flush_all()
        counts = []
        for count, first in ((2, 0), (12, 100)):
            before = self.env.cr.sql_log_count
            self.Partner.create(self.customers(count, first))
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "queries for 2 and for 12 new customers")
        partners = self.Partner.search([("name", "=like", "مشتری %")])
        self.assertEqual(len(self.all_keys(partners)), 16 * 4)

    def test_the_ids_of_new_keys_come_with_the_query_of_their_holders(self):
        # the query that tells who holds the values draws the ids of the new
        # keys: no query of the sequence of its own, and the holders still
        # decide (the person's mobile, given again, is kept archived)
        Insert = type(self.env["crm.cid.import.insert"])
        Key = type(self.Key)
        original = Key._cid_active_holders_and_ids
        drawn = []

        def holders_and_ids(keys, *args, **kwargs):
            holders, ids = original(keys, *args, **kwargs)
            drawn.append(ids)
            return holders, ids

        with (
            patch.object(
                Insert, "_insert_next_ids", autospec=True, side_effect=Insert._insert_next_ids
            ) as draw,
            patch.object(Key, "_cid_active_holders_and_ids", holders_and_ids),
        ):
            partners = self.Partner.create(
                [*self.customers(2, first=300), {"name": "Echo", "mobile": self.person.mobile}]
            )
        self.assertNotIn("crm.cid.key", [call.args[1]._name for call in draw.call_args_list])
        keys = self.all_keys(partners)
        self.assertEqual([keys.ids], drawn)
        self.assertEqual(len(keys), 2 * 4 + 2)
        self.assertRecordValues(
            self.all_keys(partners[-1]).sorted("type_code"),
            [
                {"type_code": "cid", "active": True, "is_conflict": False},
                {"type_code": "mobile", "active": False, "is_conflict": True},
            ],
        )
        self.assertEqual(
            self.Partner.cid_resolve({"mobile": self.person.mobile})["partner_id"], self.person.id
        )

    def test_holders_and_drawn_ids_in_one_query(self):
        Key = self.Key.sudo()
        mobile = self.keys_of(self.person, "mobile")
        pair = (mobile.key_type_id.id, mobile.value_normalized)
        free = (mobile.key_type_id.id, "+989350000000")
        holder = (mobile.id, *pair, self.person.id, self.person.id)
        cases = [
            # (pairs, excluded keys, ids to draw, holders expected)
            ([pair, free], [], 0, [holder]),
            ([pair, free], [], 3, [holder]),
            ([pair], [mobile.id], 2, []),
            ([], [], 2, []),
        ]
        # the name of the sequence is looked up once per registry
        self.env["crm.cid.import.insert"]._insert_id_sequence(Key._table)
        for pairs, exclude, count, expected in cases:
            with self.subTest(pairs=pairs, exclude=exclude, count=count):
                before = self.env.cr.sql_log_count
                holders, ids = Key._cid_active_holders_and_ids(pairs, exclude, count=count)
                self.assertEqual(self.env.cr.sql_log_count - before, 1)
                self.assertEqual(holders, expected)
                self.assertEqual(holders, Key._cid_active_holders(pairs, exclude))
                self.assertEqual(len(set(ids)), count)
                self.assertEqual(ids, sorted(ids))
                self.assertFalse(Key.with_context(active_test=False).browse(ids).exists())
                last = Key.with_context(active_test=False).search([], order="id desc", limit=1)
                self.assertTrue(all(key_id > last.id for key_id in ids))

    def test_a_national_id_given_twice_in_a_batch_refuses_the_batch(self):
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create(
                [
                    {"name": "Twin 1", "national_id": NATIONAL_ID_B},
                    {"name": "Twin 2", "national_id": "123-456789-1"},
                ]
            )
        self.assertIn(NATIONAL_ID_B, str(caught.exception))
        self.assertFalse(self.Partner.search([("name", "like", "Twin ")]))

    def test_a_national_id_of_a_customer_names_it_in_a_batch(self):
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create(
                [{"name": "Fresh"}, {"name": "Impostor", "national_id": NATIONAL_ID_A}]
            )
        self.assertIn(self.person.cid, str(caught.exception))
        self.assertFalse(self.Partner.search([("name", "in", ("Fresh", "Impostor"))]))

    def test_two_new_customers_with_one_mobile_keep_one_holder(self):
        # the second gives the first's mobile, the third one another customer holds
        first, second, neighbour = self.Partner.create(
            [
                {"name": "Mother", "mobile": "0935 222 0001"},
                {"name": "Son", "mobile": "+98 935 222 0001"},
                {"name": "Neighbour", "mobile": "0912 345 6789"},
            ]
        )
        keys = self.all_keys(first | second).filtered(lambda k: k.type_code == "mobile")
        self.assertRecordValues(
            keys,
            [
                {"partner_id": first.id, "active": True, "is_conflict": False},
                {"partner_id": second.id, "active": False, "is_conflict": True},
            ],
        )
        self.assertRecordValues(
            self.all_keys(neighbour).filtered(lambda k: k.type_code == "mobile"),
            [{"active": False, "is_conflict": True, "value_normalized": "+989123456789"}],
        )
        self.assertEqual(
            self.Partner.cid_resolve({"mobile": "09352220001"})["partner_id"], first.id
        )

    def test_the_keys_of_new_contacts_reach_the_insert_hook(self):
        Key = type(self.env["crm.cid.key"])
        with patch.object(
            Key, "_cid_keys_inserted", autospec=True, side_effect=Key._cid_keys_inserted
        ) as hook:
            partners = self.Partner.create(self.customers(3))
        [(keys, rows)] = [call.args for call in hook.call_args_list]
        self.assertEqual(sorted(keys.ids), self.all_keys(partners).ids)
        # the values written come with them, one row per key
        self.assertEqual(sorted(row["id"] for row in rows), sorted(keys.ids))

    def test_keys_given_with_the_values_are_kept_once(self):
        partner = self.Partner.create(
            {
                "name": "Keys given",
                "mobile": "09353330001",
                "cid_key_ids": [
                    Command.create({"key_type_id": self.type_mobile.id, "value": "0935 333 0001"}),
                    Command.create({"key_type_id": self.type_telegram.id, "value": "@given"}),
                ],
            }
        )
        keys = self.all_keys(partner)
        self.assertEqual(sorted(keys.mapped("type_code")), ["cid", "mobile", "telegram"])
        self.assertEqual(keys.filtered(lambda k: k.type_code == "mobile").source, "manual")

    def test_a_contact_saved_from_its_form_gets_each_key_once(self):
        # the form sends every field of the view; the contact's own writes
        # while it is created synchronise keys before create() does
        form = Form(self.env["res.partner"], "base.view_partner_form")
        form.name = "Form company"
        form.mobile = "0935 444 0001"
        form.email = "Form@Example.com"
        partner = form.save()
        self.assertEqual(
            sorted(self.all_keys(partner).mapped("type_code")), ["cid", "email", "mobile"]
        )
        with form.child_ids.new() as child:
            child.name = "Form contact"
            child.email = "Contact@Example.com"
        partner = form.save()
        self.assertRecordValues(
            self.all_keys(partner.child_ids),
            [{"type_code": "email", "cid": partner.cid, "commercial_partner_id": partner.id}],
        )

    def test_a_key_type_that_stops_following_a_field_is_seen_at_once(self):
        type_phone = self.env.ref("crm_cid.key_type_phone")
        type_phone.partner_field = False
        partner = self.Partner.create({"name": "No phone key", "phone": "021 4400 9999"})
        self.assertFalse(self.keys_of(partner, "phone"))
        type_phone.partner_field = "phone"
        other = self.Partner.create({"name": "Phone key", "phone": "021 4400 9998"})
        self.assertEqual(self.keys_of(other, "phone").value_normalized, "+982144009998")

    def test_keys_written_while_contacts_are_created_are_found(self):
        # a write made during create() (as a form saving every field does)
        # synchronises keys before create() does: they are found, not doubled
        Partner = type(self.Partner)
        original = Partner._cid_assign

        def assign_then_write(partners):
            original(partners)
            for partner in partners:
                partner.write({"mobile": partner.mobile})

        with patch.object(Partner, "_cid_assign", assign_then_write):
            partners = self.Partner.create(self.customers(2))
        mobiles = self.all_keys(partners).filtered(lambda key: key.type_code == "mobile")
        self.assertEqual(len(mobiles), 2)
        self.assertEqual(mobiles.partner_id, partners)
