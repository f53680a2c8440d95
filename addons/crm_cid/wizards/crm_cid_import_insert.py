import logging

from odoo import api, models
from odoo.tools import SQL, email_normalize

from ..tools.keys import normalize_key
from ..tools.names import fold_name
from ..tools.national_id import NationalIdError

_logger = logging.getLogger(__name__)

# Stored computed fields of res.partner whose value for a new customer without
# a parent is set here, in the INSERT itself. Any other stored computed column
# (added by another module) is left to the ORM, which computes it after the
# INSERT, so a new field never goes missing silently.
_COMPUTED_HERE = frozenset(
    {
        "complete_name",
        "commercial_partner_id",
        "commercial_company_name",
        "partner_share",
        "email_normalized",
        "phone_sanitized",
        "cid",
        "cid_name_folded",
        "lang",
        "user_id",
        "company_registry",
    }
)
# Columns of crm_cid_key written by the INSERT of keys.
_KEY_COLUMNS = (
    "partner_id",
    "commercial_partner_id",
    "cid",
    "key_type_id",
    "type_code",
    "uniqueness",
    "value",
    "value_normalized",
    "source",
    "active",
    "company_id",
)
_LOG_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")


class CrmCidImportInsert(models.AbstractModel):
    """Set-based creation of new customers for the bulk import.

    Creating contacts one by one through the ORM costs 1.5 to 2.5 ms a row
    (defaults, computes, key synchronisation, constraint checks, one record
    at a time in several places). An import only ever creates plain
    customers: no parent, no user, no image, a handful of text fields. For
    those, every stored value is known in advance, so the contacts and their
    keys are written with one multi-row INSERT each, and the result is the
    same rows the ORM would have written (a test compares them column by
    column). The database constraints of the key table stay the backstop: a
    key taken meanwhile by another transaction makes the INSERT fail, and the
    import then retries customer by customer.
    """

    _name = "crm.cid.import.insert"
    _description = "Customer import: set-based creation"

    @api.model
    def _insert_customers(self, customers, source="import"):
        """Create customers and their identity keys with one INSERT each.

        The caller has checked the right to create contacts and keys, has
        locked the keys and made sure no active key holds any of them.

        :param list customers: dicts with ``values`` (``res.partner`` values
            limited to plain columns: ``name``, ``is_company``, ``mobile``,
            ``phone``, ``email``, ``national_id``, ``street``, ``city``,
            ``ref``...) and ``keys`` (``{(type_code, value_normalized): raw}``)
        :param str source: the source recorded on keys that do not mirror a
            contact field
        :return: the new ``res.partner`` ids, in the order of ``customers``
        :raises psycopg2.IntegrityError: when a key is taken meanwhile (the
            caller's savepoint undoes both INSERTs)
        """
        if not customers:
            return []
        # the raw INSERTs below must see every pending ORM write
        self.env.flush_all()
        Partner = self.env["res.partner"]
        # the field rights the ORM checks on the values a user gives
        for name in {name for customer in customers for name in customer["values"]}:
            Partner._check_field_access(Partner._fields[name], "write")
        count = len(customers)
        ids = [
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    Partner._table,
                    count,
                )
            )
        ]
        numbers = Partner._cid_next_numbers(count)
        defaults = self._insert_defaults()
        number_fields = Partner._phone_get_number_fields()
        partner_rows = [
            self._insert_partner_values(customer, partner_id, number, defaults, number_fields)
            for customer, partner_id, number in zip(customers, ids, numbers, strict=True)
        ]
        self._insert_rows(Partner, partner_rows)
        key_rows = self._insert_key_values(customers, partner_rows, source)
        key_ids = self._insert_rows(self.env["crm.cid.key"], key_rows) if key_rows else []
        # nothing of the new rows is in the cache, but computed values of
        # other records (counts, one2many caches) may depend on them
        self.env.invalidate_all()
        partners = Partner.browse(ids)
        partners.check_access("create")
        self._insert_recompute_others(partners)
        # Python constraints of the fields written, as the ORM checks them
        partners._validate_fields({name for row in partner_rows for name in row})
        self.env["crm.cid.key"].browse(key_ids)._cid_keys_inserted()
        return ids

    # ------------------------------------------------------------
    # Values
    # ------------------------------------------------------------

    @api.model
    def _insert_defaults(self):
        """Return the default column values of a new contact, as the ORM fills them.

        Company-dependent fields, x2many and properties are not columns of
        their own (or stay empty for a new contact) and are left out.
        """
        Partner = self.env["res.partner"]
        defaults = Partner._add_missing_default_values({})
        values = {}
        for name, value in defaults.items():
            field = Partner._fields[name]
            if (
                not field.store
                or not field.column_type
                or field.company_dependent
                or field.type in ("one2many", "many2many", "properties")
                or (field.compute and name not in _COMPUTED_HERE)
            ):
                continue
            values[name] = value
        return values

    @api.model
    def _insert_partner_values(self, customer, partner_id, number, defaults, number_fields):
        """Return the field values of the row of one new customer (no parent)."""
        row = dict(defaults)
        row.update(customer["values"])
        name = (row.get("name") or "").strip()
        sanitized = False
        for fname in number_fields:
            value = row.get(fname)
            if not value:
                continue
            if (fname, value) in customer["keys"]:
                # already the E.164 form of a number valid for phonenumbers,
                # which is what the stock formatting returns for it
                sanitized = value
            else:
                sanitized = self.env["res.partner"]._phone_format(number=value)
            if sanitized:
                break
        row.update(
            id=partner_id,
            cid_own=number,
            cid=number,
            complete_name=name,
            commercial_partner_id=partner_id,
            commercial_company_name=row["name"] if row.get("is_company") else False,
            partner_share=True,
            email_normalized=email_normalize(row.get("email"), strict=False)
            if row.get("email")
            else False,
            phone_sanitized=sanitized,
            cid_name_folded=fold_name(name) or False,
            user_id=row.get("user_id", False),
            company_registry=row.get("company_registry", False),
        )
        return row

    @api.model
    def _insert_key_values(self, customers, partner_rows, source):
        """Return the rows of ``crm.cid.key`` for the new customers.

        As the contact-field synchronisation writes them: one key per contact
        field (CID, mobile, phone, e-mail, national ID) with source
        ``partner`` and the raw field value, then the row's other keys with
        ``source``.
        """
        key_types = (
            self.env["crm.cid.key.type"]
            # key types are configuration every importer's keys refer to
            .sudo()
            .search_fetch([], ["code", "uniqueness", "partner_field"])
        )
        by_code = {key_type.code: key_type for key_type in key_types}
        synced = [kt for kt in key_types if kt.partner_field in self.env["res.partner"]._fields]
        rows = []
        for customer, partner in zip(customers, partner_rows, strict=True):
            held = set()
            common = {
                "partner_id": partner["id"],
                "commercial_partner_id": partner["id"],
                "cid": partner["cid"],
                "active": True,
                "company_id": partner.get("company_id") or False,
            }
            for key_type in synced:
                raw = partner.get(key_type.partner_field)
                if not raw:
                    continue
                if (key_type.code, raw) in customer["keys"]:
                    # the import wrote the normalised key into the field
                    value = raw
                else:
                    try:
                        value = normalize_key(key_type.code, raw)
                    except NationalIdError:
                        continue
                if not value or (key_type.code, value) in held:
                    continue
                held.add((key_type.code, value))
                rows.append(self._insert_key_row(common, key_type, raw, value, "partner"))
            for (code, value), raw in customer["keys"].items():
                if (code, value) in held or code not in by_code:
                    continue
                held.add((code, value))
                rows.append(self._insert_key_row(common, by_code[code], raw, value, source))
        return rows

    @api.model
    def _insert_key_row(self, common, key_type, raw, value, source):
        return {
            **common,
            "key_type_id": key_type.id,
            "type_code": key_type.code,
            "uniqueness": key_type.uniqueness,
            "value": raw,
            "value_normalized": value,
            "source": source,
        }

    # ------------------------------------------------------------
    # SQL
    # ------------------------------------------------------------

    @api.model
    def _insert_rows(self, model, rows):
        """INSERT ``rows`` (field values) into the table of ``model``; return the ids.

        Values are converted by the fields themselves, as the ORM does; the
        log columns get the current user and the transaction's time.
        """
        now = self.env.cr.now()
        names = sorted({name for row in rows for name in row} - set(_LOG_COLUMNS))
        fields_ = [model._fields[name] for name in names]
        columns = [*names, *_LOG_COLUMNS]
        log_values = (self.env.uid, now, self.env.uid, now)
        ids = []
        for start in range(0, len(rows), 1000):
            values = [
                (
                    *[
                        field.convert_to_column_insert(row.get(field.name, False), model, row)
                        for field in fields_
                    ],
                    *log_values,
                )
                for row in rows[start : start + 1000]
            ]
            result = self.env.execute_query(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s RETURNING id",
                    SQL.identifier(model._table),
                    SQL(", ").join(SQL.identifier(column) for column in columns),
                    SQL(", ").join(values),
                )
            )
            ids.extend(row[0] for row in result)
        return ids

    @api.model
    def _insert_recompute_others(self, partners):
        """Let the ORM compute stored fields that other modules add to contacts."""
        others = [
            field
            for name, field in partners._fields.items()
            if field.store
            and field.compute
            and field.column_type
            and field.type != "properties"
            and name not in _COMPUTED_HERE
        ]
        if not others:
            return
        for field in others:
            self.env.add_to_compute(field, partners)
        partners.flush_recordset([field.name for field in others])
