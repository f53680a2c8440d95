"""The customer import engine: rows in, customers matched or created, one result per row.

The upload wizard (``crm.cid.import``) reads a file and calls
:meth:`CrmCidImportEngine._import_rows`; integrators reach the same engine
through ``crm.cid.import.import_rows``.
"""

import itertools
import json
import logging

import psycopg2.errors

from odoo import api, models
from odoo.exceptions import AccessError, ConcurrencyError, UserError
from odoo.tools import SQL

from ..tools.customer import pick_customer
from ..tools.digits import to_ascii_digits
from ..tools.expected_errors import expected_violations
from ..tools.import_columns import (
    COLUMNS,
    FILLABLE_FIELDS,
    KEY_COLUMNS,
    KEY_FIELDS,
    KEY_PARTNER_FIELDS,
    TEXT_COLUMNS,
    TRUE_WORDS,
    cell_text,
)
from ..tools.keys import KEY_UNIQUE_CONSTRAINTS, normalize_key
from ..tools.locks import CID_LOCK_NAMESPACE, key_lock_token, take_locks
from ..tools.national_id import NationalIdError

_logger = logging.getLogger(__name__)

STATUS_CREATED = "created"
STATUS_MATCHED = "matched"
STATUS_REJECTED = "rejected"
STATUS_QUEUED = "queued"

DEFAULT_CHUNK_SIZE = 1000
DEFAULT_QUEUE_THRESHOLD = 5000


class CrmCidImportEngine(models.AbstractModel):
    """Matches rows of customers to the existing ones and creates the others.

    Nothing here is public: integrators call ``crm.cid.import.import_rows``,
    which checks its arguments and delegates to :meth:`_import_rows`.
    """

    _name = "crm.cid.import.engine"
    _description = "Customer import engine"

    @api.model
    def _import_rows(self, rows, options=None):
        """Import rows of customers; see ``crm.cid.import.import_rows``, the public door.

        :return: the result dict described there
        :raises AccessError: unless the user is a CID manager allowed to
            create contacts
        :raises UserError: when ``rows`` is not a list of dicts
        :raises ConcurrencyError: when another transaction was creating a
            customer with the same key; the RPC layer retries the call
        """
        self._import_check_access()
        if not isinstance(rows, (list, tuple)) or not all(isinstance(row, dict) for row in rows):
            raise UserError(
                self.env._("The rows must be a list of dictionaries, one per customer.")
            )
        options = self._import_options(options)
        if len(rows) > options["queue_threshold"] and self._import_can_queue():
            return self._import_enqueue(rows, options)
        result = self._import_new_result()
        for start in range(0, len(rows), options["chunk_size"]):
            self._import_chunk(rows[start : start + options["chunk_size"]], start, options, result)
        # counts only: the rows hold personal data
        _logger.info(
            "Customer import by user %s: %s rows, %s created, %s matched, %s rejected",
            self.env.uid,
            len(rows),
            result["counts"][STATUS_CREATED],
            result["counts"][STATUS_MATCHED],
            result["counts"][STATUS_REJECTED],
        )
        return result

    def _import_rows_job(self, rows, offset, options):
        """Queue job entry point: import one chunk and return a summary.

        :return: JSON text with the counts and the rejected rows, kept by the
            job queue as the job result
        """
        # the job runs as the user who queued it; their rights may have changed since
        self._import_check_access()
        result = self._import_new_result()
        self._import_chunk(rows, offset, options, result)
        rejected = [line for line in result["results"] if line["status"] == STATUS_REJECTED]
        return json.dumps(
            {"counts": result["counts"], "warnings": result["warnings"], "rejected": rejected},
            ensure_ascii=False,
            default=str,
        )

    # ------------------------------------------------------------
    # Engine helpers
    # ------------------------------------------------------------

    @api.model
    def _import_check_access(self):
        """Refuse the import to anyone but a CID manager who may create contacts."""
        if not self.env.su and not self.env.user.has_group("crm_cid.group_cid_manager"):
            raise AccessError(
                self.env._("Only CID managers can import customers. Ask a manager for access.")
            )
        self.env["res.partner"].check_access("create")
        self.env["crm.cid.key"].check_access("create")

    @api.model
    def _import_options(self, options):
        """Return the options of :meth:`import_rows` with their defaults."""
        if options is not None and not isinstance(options, dict):
            raise UserError(self.env._("The options must be a dictionary."))
        options = dict(options or {})
        try:
            chunk_size = int(options.get("chunk_size") or DEFAULT_CHUNK_SIZE)
            threshold = int(options.get("queue_threshold") or DEFAULT_QUEUE_THRESHOLD)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._("The options chunk_size and queue_threshold must be numbers.")
            ) from error
        return {
            "update_empty": bool(options.get("update_empty")),
            "chunk_size": max(chunk_size, 1),
            "queue_threshold": max(threshold, 1),
        }

    @api.model
    def _import_new_result(self):
        return {
            "results": [],
            "warnings": [],
            "counts": {STATUS_CREATED: 0, STATUS_MATCHED: 0, STATUS_REJECTED: 0},
            "queued": False,
            "jobs": [],
        }

    @api.model
    def _import_enqueue(self, rows, options):
        """Split the rows into chunks run as chained background jobs.

        The chunks run one after the other, each in its own transaction, so a
        later chunk sees the customers of the earlier ones and matches them.
        """
        size = options["chunk_size"]
        total = len(rows)
        delayables = []
        for start in range(0, total, size):
            delayable = self.delayable(
                description=self.env._(
                    "Import customers: rows %(first)s to %(last)s of %(total)s",
                    first=start + 1,
                    last=min(start + size, total),
                    total=total,
                )
            )
            delayable._import_rows_job(rows[start : start + size], start, options)
            delayables.append(delayable)
        for previous, following in itertools.pairwise(delayables):
            previous.on_done(following)
        delayables[0].delay()
        result = self._import_new_result()
        result["queued"] = True
        result["jobs"] = [d._generated_job.uuid for d in delayables if d._generated_job]
        result["results"] = [
            {
                "row": index,
                "status": STATUS_QUEUED,
                "partner_id": False,
                "cid": False,
                "reason": False,
                "data": row,
            }
            for index, row in enumerate(rows, start=1)
        ]
        return result

    @api.model
    def _import_chunk(self, rows, offset, options, result):
        """Import one chunk of rows; append its results to ``result``.

        One lock statement, one key lookup, one contact creation and one key
        creation for the whole chunk.
        """
        key_types = self.env["crm.cid.key.type"]._cid_get_type_ids()
        prepared = [
            self._import_prepare_row(offset + index, row, key_types, result["warnings"])
            for index, row in enumerate(rows, start=1)
        ]
        pairs = {pair for item in prepared if not item["reason"] for pair in item["keys"]}
        self._import_lock(pairs)
        # the caller was checked to be a manager; the lookup runs as superuser
        # so that keys hidden from them (sensitive types, other companies)
        # still count as taken instead of failing at the database
        matches = self.env["res.partner"].sudo()._cid_match_keys(pairs)
        plan = self._import_plan(prepared, matches, options["update_empty"])
        try:
            with expected_violations(KEY_UNIQUE_CONSTRAINTS), self.env.cr.savepoint():
                self._import_write(plan["new"], plan["existing"], options)
                self.env.flush_all()
        except (psycopg2.errors.UniqueViolation, psycopg2.errors.ExclusionViolation) as error:
            if error.diag.constraint_name not in KEY_UNIQUE_CONSTRAINTS:
                raise
            # a key was taken meanwhile by a transaction that did not go
            # through the advisory locks (a contact saved by hand): redo the
            # chunk customer by customer and reject only the rows concerned
            self._import_write_each(plan, options)
        self._import_collect(prepared, plan, result)

    @api.model
    def _import_prepare_row(self, index, row, key_types, warnings):
        """Normalise one row without touching the database.

        :return: dict with ``index``, ``data`` (the row as given), ``name``,
            ``values`` (contact fields), ``keys`` (``{(code, value): raw}``),
            ``reason`` (why the row is rejected, or False) and ``entity``
            (filled by the plan)
        """
        item = {
            "index": index,
            "data": row,
            "values": {},
            "keys": {},
            "reason": False,
            "entity": None,
        }
        unknown = sorted(str(column) for column in row if column not in COLUMNS)
        if unknown:
            warnings.append(
                self.env._(
                    "Row %(row)s: columns ignored: %(columns)s.",
                    row=index,
                    columns=", ".join(unknown),
                )
            )
        # only the columns the row has are read; the others are empty
        cells = dict.fromkeys(COLUMNS, "")
        cells.update((column, cell_text(value)) for column, value in row.items() if column in cells)
        errors = []
        for column in KEY_COLUMNS:
            raw = cells[column]
            if not raw or column not in key_types:
                continue
            try:
                value = normalize_key(column, raw)
            except NationalIdError as error:
                errors.append(self._import_national_id_reason(column, error))
                continue
            if value:
                item["keys"][(column, value)] = raw
            else:
                warnings.append(
                    self.env._(
                        "Row %(row)s: %(value)s is not a valid %(column)s and was left out.",
                        row=index,
                        value=raw,
                        column=column,
                    )
                )
        name = " ".join(cells["name"].split())
        if errors:
            item["reason"] = "\n".join(errors)
        elif not name and not item["keys"]:
            item["reason"] = (
                self.env._("The row is empty.")
                if not any(cells.values())
                else self.env._("The row has neither a name nor a valid identity key.")
            )
        if item["reason"]:
            return item
        keys = {code: value for code, value in item["keys"]}
        is_company = cells["is_company"].lower() in TRUE_WORDS or (
            not cells["is_company"] and "legal_id" in keys and "national_id" not in keys
        )
        values = {"is_company": is_company}
        if name:
            values["name"] = name
        for code, field_name in KEY_PARTNER_FIELDS.items():
            if code in keys:
                values[field_name] = keys[code]
        national = keys.get("legal_id") if is_company else keys.get("national_id")
        national = national or keys.get("national_id") or keys.get("legal_id")
        if national:
            values["national_id"] = national
        for column in TEXT_COLUMNS:
            if cells[column]:
                values[column] = cells[column]
        item["values"] = values
        return item

    @api.model
    def _import_national_id_reason(self, column, error):
        """Return the translated reason for an invalid national code or ID."""
        label = (
            self.env._("national ID of a legal entity")
            if column == "legal_id"
            else self.env._("national code")
        )
        value = to_ascii_digits(str(error.value)) if error.value else ""
        if error.reason == "length":
            return self.env._(
                "Invalid %(label)s %(value)s: wrong number of digits.", label=label, value=value
            )
        if error.reason == "all_same":
            return self.env._(
                "Invalid %(label)s %(value)s: all its digits are the same.",
                label=label,
                value=value,
            )
        if error.reason == "checksum":
            return self.env._(
                "Invalid %(label)s %(value)s: its check digit does not match.",
                label=label,
                value=value,
            )
        return self.env._(
            "Invalid %(label)s %(value)s: it may only contain digits.", label=label, value=value
        )

    @api.model
    def _import_can_queue(self):
        """Whether large files may run as background jobs (OCA ``queue_job`` installed)."""
        return "queue.job" in self.env

    @api.model
    def _import_lock(self, pairs):
        """Lock every key of the chunk with the resolution API's advisory locks.

        The locks are taken in the canonical order of
        :func:`~odoo.addons.crm_cid.tools.locks.take_locks`; when another
        transaction held one, the call is refused with a
        :class:`ConcurrencyError`, because this transaction's snapshot
        predates what the other transaction committed.
        """
        tokens = (key_lock_token(code, value) for code, value in pairs)
        if not take_locks(self.env.cr, CID_LOCK_NAMESPACE, tokens):
            return
        raise ConcurrencyError(
            self.env._("Another request was creating some of these customers; try again.")
        )

    @api.model
    def _import_plan(self, prepared, matches, update_empty):
        """Decide for each row: reject, match an entity, or create one.

        An entity is ``("db", commercial_partner_id)`` for an existing
        customer or ``("new", n)`` for the n-th customer to create. A row whose
        keys lead to two entities is rejected as a conflict.

        :return: dict with ``new`` (list of per-new-customer dicts: ``values``,
            ``keys``, ``first`` row) and ``existing`` (``{commercial_id:
            {"partner_ids": set, "values": {...}, "keys": {...}, "present":
            {pair: holder ids}}}``)
        """
        plan = {"new": [], "existing": {}, "file_entities": {}}
        file_entities = plan["file_entities"]
        # the keys were looked up as superuser; the importer is told only of
        # the customers they may read, and never matched with another one
        readable = self._import_readable_customers(
            {commercial_id for holders in matches.values() for _pid, commercial_id in holders}
        )
        for item in prepared:
            if item["reason"]:
                continue
            entities = {}
            partner_ids = set()
            for pair in item["keys"]:
                for partner_id, commercial_id in matches.get(pair, ()):
                    entities[("db", commercial_id)] = None
                    partner_ids.add((commercial_id, partner_id))
                if pair in file_entities:
                    entities[file_entities[pair]] = None
            if len(entities) > 1:
                item["reason"] = self._import_conflict_reason(entities, plan, readable)
                continue
            if any(kind == "db" and ref not in readable for kind, ref in entities):
                item["reason"] = self.env._(
                    "An identity key of this row belongs to a customer you may not read."
                )
                continue
            if entities:
                entity = next(iter(entities))
            else:
                entity = ("new", len(plan["new"]))
                plan["new"].append(
                    {"values": dict(item["values"]), "keys": {}, "first": item["index"]}
                )
            item["entity"] = entity
            if entity[0] == "new":
                target = plan["new"][entity[1]]
                item["status"] = (
                    STATUS_CREATED if target["first"] == item["index"] else STATUS_MATCHED
                )
            else:
                target = plan["existing"].setdefault(
                    entity[1], {"partner_ids": set(), "values": {}, "keys": {}, "present": {}}
                )
                target["partner_ids"].update(pid for cid, pid in partner_ids if cid == entity[1])
                for pair in item["keys"]:
                    holders = {pid for pid, cid in matches.get(pair, ()) if cid == entity[1]}
                    if holders:
                        target["present"].setdefault(pair, set()).update(holders)
                item["status"] = STATUS_MATCHED
            if item["status"] == STATUS_MATCHED and update_empty:
                # later rows only fill what is still empty
                for field_name, value in item["values"].items():
                    target["values"].setdefault(field_name, value)
            for pair, raw in item["keys"].items():
                target["keys"].setdefault(pair, raw)
                file_entities[pair] = entity
        return plan

    @api.model
    def _import_readable_customers(self, commercial_ids):
        """Return the ids among ``commercial_ids`` of customers the importer may read."""
        partners = self.env["res.partner"].with_env(self.env(su=False)).browse(commercial_ids)
        return set(partners.exists()._filtered_access("read").ids)

    @api.model
    def _import_conflict_reason(self, entities, plan, readable):
        """Return the translated reason for a row matching several customers.

        :param set readable: ids of the customers the importer may read; the
            others are not named
        """
        labels = []
        existing_ids = [ref for kind, ref in entities if kind == "db" and ref in readable]
        # only CIDs are read, of customers the importer may read
        cids = dict(
            self.env["res.partner"]
            .sudo()
            .browse(existing_ids)
            .exists()
            .mapped(lambda p: (p.id, p.cid))
        )
        for kind, ref in entities:
            if kind == "db" and ref not in readable:
                labels.append(self.env._("another customer"))
            elif kind == "db":
                labels.append(cids.get(ref) or str(ref))
            else:
                labels.append(self.env._("row %(row)s", row=plan["new"][ref]["first"]))
        return self.env._(
            "The identity keys of this row belong to different customers: %(customers)s.",
            customers=", ".join(labels),
        )

    @api.model
    def _import_write(self, new_customers, existing, options):
        """Create the new customers, fill the matched ones, add the missing keys.

        New customers and the keys added to matched ones go through the
        set-based ``COPY`` of ``crm.cid.import.insert``; the values filled on
        matched customers through the ORM.

        :param list new_customers: the ``new`` entries of the plan; their
            ``partner_id`` is set here
        :param dict existing: the ``existing`` entries of the plan
        """
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            crm_cid_key_source="import",
        )
        customers = []
        for new in new_customers:
            vals = dict(new["values"])
            if not vals.get("name"):
                # a contact needs a name; the first key stands in for it, in
                # its normalised form as the resolution API does
                vals["name"] = next(iter(new["keys"]))[1]
            customers.append({"values": vals, "keys": new["keys"]})
        partner_ids = self.env["crm.cid.import.insert"]._insert_customers(customers)
        for new, partner_id in zip(new_customers, partner_ids, strict=True):
            new["partner_id"] = partner_id
        if options["update_empty"] and existing:
            self._import_fill_empty(Partner, existing)
        # the key's owner: the matched contact when the keys point at a single
        # one, else the customer itself (as the resolution API answers)
        owners = {}
        for commercial_id, target in existing.items():
            target["partner_id"] = (
                pick_customer((pid, commercial_id) for pid in target["partner_ids"])[0]
                or commercial_id
            )
            for pair, raw in target["keys"].items():
                if pair not in target["present"]:
                    owners[pair, target["partner_id"]] = raw
        if not owners:
            return
        # the manager's right to create keys was checked in import_rows; keys
        # of every type, sensitive ones included, are written as the contact
        # field synchronisation writes them
        Key = self.env["crm.cid.key"].sudo().with_context(active_test=False)
        # keys the contacts already hold, synchronised from their fields or
        # archived earlier: one query for the whole chunk, plain columns
        # rather than records (a matched customer holds several keys)
        Key.flush_model(["partner_id", "type_code", "value_normalized", "active"])
        held = self.env.execute_query(
            SQL(
                "SELECT partner_id, type_code, value_normalized, id, active FROM crm_cid_key"
                " WHERE partner_id IN %s",
                tuple({partner_id for _pair, partner_id in owners}),
            )
        )
        held_by_pair = {(pid, code, value): (kid, active) for pid, code, value, kid, active in held}
        restore_ids = []
        new_keys = []
        for ((code, value), partner_id), raw in owners.items():
            key = held_by_pair.get((partner_id, code, value))
            if key:
                if not key[1]:
                    restore_ids.append(key[0])
                continue
            new_keys.append((partner_id, code, value, raw))
        to_restore = Key.browse(restore_ids)
        to_restore.write({"active": True})
        # the keys were normalised, locked and looked up above: they are
        # written set-based like those of new customers, the database
        # constraints being the backstop
        self.env["crm.cid.import.insert"]._insert_keys(new_keys, source="import")

    @api.model
    def _import_fill_empty(self, Partner, existing):
        """Copy row values into the empty fields of matched customers.

        One read for all of them; contacts receiving the same values are
        written together.
        """
        targets = Partner.browse(list(existing))
        fill = [f for f in FILLABLE_FIELDS if f in Partner._fields]
        # read as superuser: national_id is restricted to the sensitive group
        # and only its emptiness is looked at here
        current = {rec["id"]: rec for rec in targets.sudo().read(fill)}
        groups = {}
        for commercial_id, target in existing.items():
            # a national ID one of its contacts holds is not copied onto the
            # customer: that key type allows a single holder
            held = {
                KEY_FIELDS[code]
                for (code, _value), holders in target["present"].items()
                if code in ("national_id", "legal_id") and holders - {commercial_id}
            }
            vals = {
                field_name: value
                for field_name, value in target["values"].items()
                if field_name in fill
                and field_name not in held
                and not current[commercial_id][field_name]
            }
            if vals:
                groups.setdefault(tuple(sorted(vals.items())), []).append(commercial_id)
        for vals, partner_ids in groups.items():
            Partner.browse(partner_ids).write(dict(vals))

    @api.model
    def _import_write_each(self, plan, options):
        """Write the plan one customer at a time, each in its own savepoint.

        A customer whose keys the database refuses is left out; its rows are
        rejected with the reason (see :meth:`_import_collect`).
        """
        entries = [("new", new) for new in plan["new"]]
        entries += [("existing", (cid, target)) for cid, target in plan["existing"].items()]
        for kind, entry in entries:
            try:
                with expected_violations(KEY_UNIQUE_CONSTRAINTS), self.env.cr.savepoint():
                    if kind == "new":
                        self._import_write([entry], {}, options)
                    else:
                        self._import_write([], dict([entry]), options)
                    self.env.flush_all()
            except (psycopg2.errors.UniqueViolation, psycopg2.errors.ExclusionViolation) as error:
                if error.diag.constraint_name not in KEY_UNIQUE_CONSTRAINTS:
                    raise
                target = entry if kind == "new" else entry[1]
                target["partner_id"] = False
                target["error"] = self._import_taken_reason(target["keys"])

    @api.model
    def _import_taken_reason(self, keys):
        """Return the translated reason for keys refused by the database."""
        # the holder is named only when the importer may read it, as in the plan
        found = self.env["res.partner"].sudo()._cid_fetch_keys(keys)
        readable = self._import_readable_customers({row[3] for row in found})
        cids = sorted({row[4] for row in found if row[4] and row[3] in readable})
        if cids:
            return self.env._(
                "An identity key of this row already belongs to customer %(customers)s "
                "(saved while the file was being imported).",
                customers=", ".join(cids),
            )
        return self.env._(
            "An identity key of this row was taken by another customer during the import; "
            "import the row again."
        )

    @api.model
    def _import_collect(self, prepared, plan, result):
        """Turn the plan into the per-row results and update the counts."""
        partner_ids = [new["partner_id"] for new in plan["new"]]
        partner_ids += [target["partner_id"] for target in plan["existing"].values()]
        partners = self.env["res.partner"].sudo().browse(pid for pid in partner_ids if pid)
        cids = {partner.id: partner.cid for partner in partners}
        for item in prepared:
            reason = item["reason"]
            status, partner_id = STATUS_REJECTED, False
            if not reason:
                kind, ref = item["entity"]
                target = plan["new"][ref] if kind == "new" else plan["existing"][ref]
                reason = target.get("error")
                if not reason:
                    status, partner_id = item["status"], target["partner_id"]
            result["results"].append(
                {
                    "row": item["index"],
                    "status": status,
                    "partner_id": partner_id,
                    "cid": cids.get(partner_id, False) if partner_id else False,
                    "reason": reason or False,
                    "data": item["data"],
                }
            )
            result["counts"][status] += 1
