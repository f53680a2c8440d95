import io
import logging
import re

import psycopg2.extensions

from odoo import api, models
from odoo.tools import SQL, email_normalize, ormcache

from ..tools.keys import normalize_key
from ..tools.names import fold_name
from ..tools.national_id import NationalIdError
from ..tools.pg_copy import NULL, copy_line, copy_text, copy_value

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
# An address the e-mail key normalisation already produced, plain enough that
# Odoo's email_normalize returns it unchanged (lower-case ASCII, dot-separated
# atoms, no quoting, no display name): its parsing is skipped for those.
_PLAIN_EMAIL = re.compile(r"^[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@[a-z0-9-]+(?:\.[a-z0-9-]+)+$")


def _stored_text(value):
    """Return the ``COPY`` text of a value already in its column's form."""
    if value is None or value is False:
        return NULL
    return copy_value(value)


def _converted_once(convert):
    """Return ``convert`` remembering its answer for each text value."""
    converted = {}

    def convert_once(value, row):
        if not isinstance(value, str):
            return convert(value, row)
        if value not in converted:
            converted[value] = convert(value, row)
        return converted[value]

    return convert_once


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

    ``create()`` overrides of other addons do not run here: the hooks
    ``res.partner._cid_import_prepare_vals`` and
    ``res.partner._cid_import_after_insert`` are their way in (see
    ``models/res_partner_import.py``).
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
        # other addons complete the values as their create() would (the
        # contract of res_partner_import.py)
        customers = self._insert_prepare_values(Partner, customers)
        count = len(customers)
        ids = self._insert_next_ids(Partner, count)
        numbers = Partner._cid_next_numbers(count)
        defaults = self._insert_defaults()
        number_fields = Partner._phone_get_number_fields()
        partner_rows = [
            self._insert_partner_values(customer, partner_id, number, defaults, number_fields)
            for customer, partner_id, number in zip(customers, ids, numbers, strict=True)
        ]
        self._insert_rows(Partner, partner_rows)
        Key = self.env["crm.cid.key"]
        key_rows = self._insert_key_values(customers, partner_rows, source)
        key_ids = self._insert_next_ids(Key, len(key_rows))
        for key_row, key_id in zip(key_rows, key_ids, strict=True):
            key_row["id"] = key_id
        Key._cid_mark_keyed(row["partner_id"] for row in key_rows)
        self._insert_rows(Key, key_rows)
        # nothing of the new rows is in the cache, but computed values of
        # other records (counts, one2many caches) may depend on them
        self.env.invalidate_all()
        partners = Partner.browse(ids)
        partners.check_access("create")
        self._insert_recompute_others(partners)
        # Python constraints of the fields written, as the ORM checks them
        partners._validate_fields({name for row in partner_rows for name in row})
        self.env["crm.cid.key"].browse(key_ids)._cid_keys_inserted()
        partners._cid_import_after_insert()
        return ids

    @api.model
    def _insert_prepare_values(self, Partner, customers):
        """Return ``customers`` with the values completed by :meth:`_cid_import_prepare_vals`.

        :raises ValueError: when an override returns another number of
            values or a field the ``COPY`` cannot write (not stored, no
            column of its own, x2many): a programming error of that addon
        """
        vals_list = Partner._cid_import_prepare_vals(
            [dict(customer["values"]) for customer in customers]
        )
        if len(vals_list) != len(customers):
            raise ValueError("_cid_import_prepare_vals must return one dict per customer")
        for vals in vals_list:
            for name in vals:
                field = Partner._fields.get(name)
                if (
                    not field
                    or not field.store
                    or not field.column_type
                    or field.type in ("one2many", "many2many", "properties")
                ):
                    raise ValueError(
                        f"_cid_import_prepare_vals gave {name!r}, which the import cannot insert"
                    )
        return [
            {**customer, "values": vals}
            for customer, vals in zip(customers, vals_list, strict=True)
        ]

    @api.model
    def _insert_keys(self, keys, source="import"):
        """Add identity keys to existing contacts with one ``COPY``.

        The values are those ``crm.cid.key.create`` stores (a test compares
        them); the Python checks of ``create`` are left to the caller, which
        has normalised the values, locked them and made sure no active key
        holds them. The database constraints stay the backstop.

        :param list keys: ``(partner_id, type_code, value_normalized, raw)``
            tuples, at most one per contact, type and value
        :param str source: the source recorded on the keys
        :return: the new ``crm.cid.key`` ids, in the order of ``keys``
        :raises psycopg2.IntegrityError: when a key is taken meanwhile
        """
        if not keys:
            return []
        self.env.flush_all()
        partners = {
            partner_id: {
                "partner_id": partner_id,
                "commercial_partner_id": commercial_id,
                "cid": cid or False,
                "active": True,
                "company_id": company_id or False,
            }
            for partner_id, commercial_id, cid, company_id in self.env.execute_query(
                SQL(
                    "SELECT id, commercial_partner_id, cid, company_id FROM res_partner"
                    " WHERE id IN %s",
                    tuple({key[0] for key in keys}),
                )
            )
        }
        by_code = self._insert_key_types()[0]
        rows = [
            self._insert_key_row(partners[partner_id], by_code[code], raw, value, source)
            for partner_id, code, value, raw in keys
        ]
        Key = self.env["crm.cid.key"]
        key_ids = self._insert_next_ids(Key, len(rows))
        for row, key_id in zip(rows, key_ids, strict=True):
            row["id"] = key_id
        Key._cid_mark_keyed(row["partner_id"] for row in rows)
        self._insert_rows(Key, rows)
        # the contacts' key lists and counts are cached elsewhere
        self.env.invalidate_all()
        Key.browse(key_ids)._cid_keys_inserted()
        return key_ids

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
            email_normalized=self._insert_email_normalized(row.get("email")),
            phone_sanitized=sanitized,
            cid_name_folded=fold_name(name) or False,
            user_id=row.get("user_id", False),
            company_registry=row.get("company_registry", False),
        )
        return row

    @api.model
    def _insert_email_normalized(self, email):
        """Return ``email_normalized`` for the e-mail field ``email``, as mail computes it."""
        if not email:
            return False
        if _PLAIN_EMAIL.match(email):
            # what email_normalize returns for such an address, without its
            # address-list parsing (a test compares both on many forms)
            return email
        return email_normalize(email, strict=False)

    @api.model
    def _insert_key_values(self, customers, partner_rows, source):
        """Return the rows of ``crm.cid.key`` for the new customers.

        As the contact-field synchronisation writes them: one key per contact
        field (CID, mobile, phone, e-mail, national ID) with source
        ``partner`` and the raw field value, then the row's other keys with
        ``source``.
        """
        by_code, synced = self._insert_key_types()
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
            keys = customer["keys"]
            for field_name, key_type in synced:
                raw = partner.get(field_name)
                if not raw:
                    continue
                code = key_type[1]
                if (code, raw) in keys:
                    # the import wrote the normalised key into the field
                    value = raw
                else:
                    try:
                        value = normalize_key(code, raw)
                    except NationalIdError:
                        continue
                if not value or (code, value) in held:
                    continue
                held.add((code, value))
                rows.append(self._insert_key_row(common, key_type, raw, value, "partner"))
            for pair, raw in keys.items():
                if pair in held or pair[0] not in by_code:
                    continue
                held.add(pair)
                rows.append(self._insert_key_row(common, by_code[pair[0]], raw, pair[1], source))
        return rows

    @api.model
    def _insert_key_types(self):
        """Return the key types as plain tuples, read once for a whole batch.

        :return: ``(by_code, synced)``: ``{code: (id, code, uniqueness)}`` and
            ``[(partner field, (id, code, uniqueness))]`` for the types that
            follow a contact field
        """
        key_types = (
            self.env["crm.cid.key.type"]
            # key types are configuration every importer's keys refer to
            .sudo()
            .search_fetch([], ["code", "uniqueness", "partner_field"])
        )
        by_code = {kt.code: (kt.id, kt.code, kt.uniqueness) for kt in key_types}
        partner_fields = self.env["res.partner"]._fields
        synced = [
            (kt.partner_field, by_code[kt.code])
            for kt in key_types
            if kt.partner_field in partner_fields
        ]
        return by_code, synced

    @api.model
    def _insert_key_row(self, common, key_type, raw, value, source):
        """Return the values of one key; ``key_type`` is ``(id, code, uniqueness)``."""
        type_id, code, uniqueness = key_type
        return {
            **common,
            "key_type_id": type_id,
            "type_code": code,
            "uniqueness": uniqueness,
            "value": raw,
            "value_normalized": value,
            "source": source,
        }

    # ------------------------------------------------------------
    # SQL
    # ------------------------------------------------------------

    @api.model
    def _insert_next_ids(self, model, count):
        """Draw ``count`` ids from the sequence of ``model``'s table, in one query."""
        if not count:
            return []
        rows = self.env.execute_query(
            SQL(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
                self._insert_id_sequence(model._table),
                count,
            )
        )
        return [row[0] for row in rows]

    @api.model
    @ormcache("table")
    def _insert_id_sequence(self, table):
        """Return the sequence of the ``id`` column of ``table``.

        Looked up once per registry: the sequence of a table's ``id`` does
        not change, and pg_get_serial_sequence() inside nextval() would run
        for every row, ten times the cost of nextval.
        """
        [(sequence,)] = self.env.execute_query(
            SQL("SELECT pg_get_serial_sequence(%s, 'id')", table)
        )
        return sequence

    @api.model
    def _insert_rows(self, model, rows, stored_columns=()):
        """Write ``rows`` (field values, ``id`` included) into the table of ``model``.

        One ``COPY ... FROM STDIN`` for all rows: PostgreSQL reads plain
        lines instead of parsing a statement with a literal for every value.
        Values are converted by the fields themselves, as the ORM does; a
        column holding the same value in every row (defaults, the log
        columns) is converted once. The log columns get the current user and
        the transaction's time.

        :param stored_columns: names of columns whose values are already what
            the column stores (HTML the caller sanitised, for instance): they
            are written as they are, ``None`` and ``False`` as NULL, without
            the field's conversion
        """
        if not rows:
            return
        now = self.env.cr.now()
        log_values = {"create_uid": self.env.uid, "create_date": now}
        log_values.update(write_uid=self.env.uid, write_date=now)
        names = sorted({name for row in rows for name in row} - set(_LOG_COLUMNS))
        first = rows[0]
        constant = {}
        varying = []
        for name in names:
            value = first.get(name, False)
            kind = type(value)
            if all(type(v := row.get(name, False)) is kind and v == value for row in rows):
                constant[name] = value
            else:
                varying.append(name)
        constant.update(log_values)
        constant_text = "\t".join(
            _stored_text(value)
            if name in stored_columns
            else copy_value(model._fields[name].convert_to_column_insert(value, model, first))
            for name, value in constant.items()
        )
        converters = [
            (
                name,
                (lambda value, row: _stored_text(value))
                if name in stored_columns
                else self._insert_copy_converter(model, name),
            )
            for name in varying
        ]
        buffer = io.StringIO()
        write = buffer.write
        for row in rows:
            texts = [convert(row.get(name, False), row) for name, convert in converters]
            texts.append(constant_text)
            write(copy_line(texts))
        buffer.seek(0)
        # identifiers only: the statement carries no parameter to bind
        query = SQL(
            "COPY %s (%s) FROM STDIN",
            SQL.identifier(model._table),
            SQL(", ").join(SQL.identifier(name) for name in (*varying, *constant)),
        )
        # as the ORM's own COPY (xml ids of exported records): an
        # asynchronous wait callback does not support COPY
        callback = psycopg2.extensions.get_wait_callback()
        psycopg2.extensions.set_wait_callback(None)
        try:
            self.env.cr.copy_expert(query.code, buffer)
        finally:
            psycopg2.extensions.set_wait_callback(callback)

    @api.model
    def _insert_copy_converter(self, model, name):
        """Return ``convert(value, row)`` giving the ``COPY`` text of field ``name``.

        Plain text, boolean and relational columns, the bulk of an import,
        skip the field's generic conversion, which would return the same
        value; any other field converts through ``convert_to_column_insert``.
        """
        field = model._fields[name]

        def generic(value, row):
            return copy_value(field.convert_to_column_insert(value, model, row))

        if field.company_dependent or getattr(field, "translate", False):
            return generic
        if field.type in ("char", "text") and not field.size:

            def text(value, row):
                if value is None or value is False:
                    return NULL
                if isinstance(value, str):
                    return copy_text(value)
                return generic(value, row)

            return text
        if field.type == "boolean":
            return lambda value, row: "t" if value else "f"
        if field.type == "selection":
            # a handful of values, each checked and converted once per COPY
            # (the environment, which the choices may depend on, is the same)
            return _converted_once(generic)
        if field.type == "many2one" or name == "id":

            def reference(value, row):
                if type(value) is int:
                    return str(value) if value else NULL
                return generic(value, row)

            return reference
        if field.type == "integer":

            def number(value, row):
                if type(value) is int:
                    return str(value)
                return generic(value, row)

            return number
        return generic

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
