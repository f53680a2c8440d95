from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..tools.keys import normalize_key
from ..tools.national_id import NationalIdError

# cursor cache key of the contacts given keys (see CrmCidKey._cid_mark_keyed)
KEYED_CACHE_KEY = "crm_cid_keyed_partner_ids"


class CrmCidKey(models.Model):
    _name = "crm.cid.key"
    _description = "Identity key"
    _order = "partner_id, key_type_id, id"
    _rec_name = "value"

    # no index of its own on the contact or the type: the unique index on
    # (contact, type, value) below serves every lookup by contact (and the
    # cascade when a contact is deleted); a type alone selects a tenth of the
    # table, read whole anyway. Each index is paid at every key written.
    partner_id = fields.Many2one("res.partner", string="Contact", required=True, ondelete="cascade")
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer",
        store=True,
        index=True,
        help="The company or individual the key belongs to; contacts of a company share it.",
    )
    cid = fields.Char(
        related="partner_id.cid",
        string="CID",
        store=True,
        help="Copied from the contact so that resolving a key reads one table.",
    )
    key_type_id = fields.Many2one(
        "crm.cid.key.type", string="Key type", required=True, ondelete="restrict"
    )
    type_code = fields.Char(related="key_type_id.code", string="Type code", store=True)
    uniqueness = fields.Selection(related="key_type_id.uniqueness", store=True)
    is_sensitive = fields.Boolean(related="key_type_id.is_sensitive", string="Sensitive")
    value = fields.Char(required=True, help="The value as it was typed or received.")
    value_normalized = fields.Char(
        string="Normalised value",
        compute="_compute_value_normalized",
        store=True,
        precompute=True,
        readonly=True,
        help="Canonical form used for matching: E.164 phones, lower-case e-mails, "
        "10-digit national codes...",
    )
    is_verified = fields.Boolean(string="Verified")
    source = fields.Selection(
        selection=[
            ("partner", "Contact field"),
            ("manual", "Manual"),
            ("import", "Import"),
            ("rpc", "Integration"),
            ("merge", "Merge"),
        ],
        required=True,
        default="manual",
        help="Contact field: follows the contact's mobile, phone, e-mail, national ID or CID "
        "and is updated with it.",
    )
    active = fields.Boolean(default=True)
    is_conflict = fields.Boolean(
        string="Held by another customer",
        readonly=True,
        help="Copied from the contact's own field while another customer already holds "
        "this value: kept archived, so that resolution never guesses, and listed by the "
        "duplicate finder until the two customers are merged or one value is corrected.",
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    # Lookup path of every resolution: one index probe per (type, value).
    _value_type_idx = models.Index("(value_normalized, key_type_id)")
    _partner_type_value_uniq = models.UniqueIndex(
        "(partner_id, key_type_id, value_normalized)",
        "This contact already has this key.",
    )
    _global_uniq = models.UniqueIndex(
        "(key_type_id, value_normalized) WHERE active AND uniqueness = 'global'",
        "This key already belongs to another customer.",
    )
    # Two active keys of a 'commercial' type may share a value only when they
    # belong to the same commercial entity (a company and its contacts).
    # Needs btree_gist for the equality on plain columns, see _auto_init.
    # The hash of the value comes first, though implied by the value itself:
    # the index then sorts new keys by an integer instead of comparing texts
    # (about half the constraint's cost at every insert of keys).
    _commercial_excl = models.Constraint(
        # written as PostgreSQL prints it back, so upgrades see no change
        "EXCLUDE USING gist (hashtext((value_normalized)::text) WITH =, key_type_id WITH =, "
        "value_normalized WITH =, commercial_partner_id WITH <>) "
        "WHERE ((active AND ((uniqueness)::text = 'commercial'::text)))",
        "This key already belongs to another customer.",
    )

    @api.depends("value", "key_type_id.code")
    def _compute_value_normalized(self):
        for key in self:
            key.value_normalized = key._cid_normalize_value() if key.value else False

    @api.depends("key_type_id.name", "value_normalized", "value")
    def _compute_display_name(self):
        for key in self:
            key.display_name = self.env._(
                "%(type)s: %(value)s",
                type=key.key_type_id.name or "",
                value=key.value_normalized or key.value or "",
            )

    @api.constrains("value", "key_type_id")
    def _check_value(self):
        Partner = self.env["res.partner"]
        for key in self:
            Partner._cid_normalize_or_raise(key.key_type_id, key.value)

    @api.constrains("value", "key_type_id", "partner_id", "active")
    def _check_unique(self):
        conflicts = self._cid_get_conflicts()
        if conflicts:
            key, other = conflicts[0]
            raise ValidationError(key._cid_conflict_message(other))

    @api.model_create_multi
    def create(self, vals_list):
        self._cid_mark_keyed(vals.get("partner_id") for vals in vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id"):
            self._cid_mark_keyed([vals["partner_id"]])
        # a key names the customer of every call and message that carries its
        # value: moving it would hand that customer's future interactions to
        # another one. Only the merge and import services (as superuser) do.
        if "partner_id" in vals and not self.env.su:
            if any(key.partner_id.id != vals["partner_id"] for key in self):
                raise AccessError(
                    self.env._(
                        "An identity key stays with its contact: archive it and add the "
                        "value to the other contact, or merge the two customers."
                    )
                )
        return super().write(vals)

    @api.model
    def _auto_init(self):
        # the exclusion constraint compares plain columns inside a GiST index;
        # btree_gist is a trusted extension (PostgreSQL 13+) so the database
        # owner may create it without superuser rights
        self.env.cr.execute(SQL("SELECT 1 FROM pg_extension WHERE extname = %s", "btree_gist"))
        if not self.env.cr.rowcount:
            self.env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
        return super()._auto_init()

    @api.model
    def _cid_mark_keyed(self, partner_ids):
        """Remember, for the life of the cursor, contacts given keys.

        Every path that writes keys (``create``, ``write`` of the contact,
        the set-based INSERTs) marks their contacts here, before writing: a
        contact created in this transaction and never marked holds no key,
        which :meth:`res.partner._cid_sync_keys` tells without a query. The
        mark outlives a rollback, which only costs that query again.
        """
        keyed = self.env.cr.cache.setdefault(KEYED_CACHE_KEY, set())
        keyed.update(partner_id for partner_id in partner_ids if partner_id)

    @api.model
    def _cid_keyed_partner_ids(self):
        """Return the ids of the contacts marked by :meth:`_cid_mark_keyed`."""
        return self.env.cr.cache.get(KEYED_CACHE_KEY, frozenset())

    def _cid_keys_inserted(self, rows=None):
        """Hook called with keys written by a set-based INSERT (bulk import,
        keys synchronised from the fields of contacts).

        Such keys skip :meth:`create`; modules reacting to new keys override
        this method as well as ``create``.

        :param list rows: the values written, one dict per key of ``self``
            (``type_code``, ``value_normalized``, ``active``...), when the
            caller has them: nothing of the keys is cached otherwise
        """

    @api.model
    def _cid_keys_check_values(self, vals_list):
        """Hook called with the values of keys about to be written by a
        set-based INSERT (keys synchronised from the fields of contacts).

        Such keys skip :meth:`create`; modules that refuse some values in
        ``create`` refuse them here too, before anything is written.

        :param list vals_list: ``create()`` values of the keys
        """

    @api.model
    def _cid_insert_synced(self, vals_list):
        """Write keys that mirror contact fields with one ``COPY``; return them.

        The rows hold what :meth:`create` stores (the related columns
        included, so no second write of every row follows). The caller,
        :meth:`res.partner._cid_sync_keys`, gives normalised values
        (``value_normalized`` in each dict) and has made sure that no other
        customer holds a unique one: the database constraints stay the
        backstop against another transaction.

        :param list vals_list: dicts with ``partner_id``, ``key_type_id``,
            ``value``, ``value_normalized``, ``source`` and optionally
            ``active``, ``is_conflict`` and ``id`` (an id already drawn from
            the table's sequence, by the query that found the holders of the
            values, see :meth:`_cid_active_holders`; in every dict or none)
        :return: the new keys, in the order of ``vals_list``
        """
        if not vals_list:
            return self.browse()
        self._cid_keys_check_values(vals_list)
        type_info = self.env["crm.cid.key.type"]._cid_get_type_info()
        partners = self.env["res.partner"].browse({vals["partner_id"] for vals in vals_list})
        # the related columns, read once per contact
        related = {
            partner.id: (
                partner.commercial_partner_id.id,
                partner.cid or False,
                partner.company_id.id,
            )
            for partner in partners
        }
        rows = []
        for vals in vals_list:
            commercial_id, cid, company_id = related[vals["partner_id"]]
            code, uniqueness, _field = type_info[vals["key_type_id"]]
            row = {
                "partner_id": vals["partner_id"],
                "commercial_partner_id": commercial_id,
                "cid": cid,
                "company_id": company_id,
                "key_type_id": vals["key_type_id"],
                "type_code": code,
                "uniqueness": uniqueness,
                "value": vals["value"],
                "value_normalized": vals["value_normalized"],
                "source": vals["source"],
                "active": vals.get("active", True),
            }
            if vals.get("is_conflict"):
                row["is_conflict"] = True
            rows.append(row)
        # the COPY must come after every pending write of keys (an archived
        # key frees its value for the unique indexes)
        self.flush_model()
        Insert = self.env["crm.cid.import.insert"]
        key_ids = [vals.get("id") for vals in vals_list]
        if not all(key_ids):
            key_ids = Insert._insert_next_ids(self, len(rows))
        for row, key_id in zip(rows, key_ids, strict=True):
            row["id"] = key_id
        self._cid_mark_keyed(row["partner_id"] for row in rows)
        Insert._insert_rows(self, rows)
        partners.invalidate_recordset(["cid_key_ids"])
        keys = self.browse(key_ids)
        # the rights create() would check (nothing to check as superuser,
        # the synchronisation's case)
        keys.check_access("create")
        keys._cid_keys_inserted(rows)
        return keys

    @api.model
    def _cid_active_holders(self, pairs, exclude_ids=()):
        """Return the active keys that hold one of ``pairs``, as plain rows.

        One probe of the (value, type) index per pair, the sub-query kept
        apart (``OFFSET 0``): given lists of types and values instead, the
        planner may read every key of the types, depending on the table's
        statistics (tens of milliseconds for a batch of contacts, growing
        with the table). Reads the table directly, without flushing and
        without access rules: the callers say why.

        :param pairs: ``(key type id, normalised value)`` pairs
        :param exclude_ids: ids of keys left out (those being checked)
        :return: list of ``(id, key_type_id, value_normalized, partner_id,
            commercial_partner_id)``, ordered by id
        """
        return self._cid_active_holders_and_ids(pairs, exclude_ids)[0]

    @api.model
    def _cid_active_holders_and_ids(self, pairs, exclude_ids=(), count=0):
        """Return ``(holders, ids)``: the rows of :meth:`_cid_active_holders`
        and ``count`` ids drawn from the sequence of the table, in one query.

        For a caller that inserts keys once it knows who holds their values
        (:meth:`_cid_insert_synced`): their ids come with the holders instead
        of a query of their own. An id drawn and not used leaves a gap, as a
        rolled back insert does.

        :param int count: how many ids to draw
        :return: ``(list of rows ordered by id, list of ids in sequence order)``
        """
        pairs = list(set(pairs))
        if not pairs and not count:
            return [], []
        query = SQL(
            "SELECT FALSE, k.id, k.key_type_id, k.value_normalized, k.partner_id,"
            " k.commercial_partner_id"
            " FROM unnest(%s::int[], %s::varchar[]) AS pair(type_id, value)"
            " CROSS JOIN LATERAL (SELECT id, key_type_id, value_normalized, partner_id,"
            " commercial_partner_id FROM crm_cid_key"
            " WHERE value_normalized = pair.value AND key_type_id = pair.type_id"
            " AND active AND id != ALL(%s::int[]) OFFSET 0) AS k",
            [pair[0] for pair in pairs],
            [pair[1] for pair in pairs],
            list(exclude_ids),
        )
        if count:
            # the first column tells the ids drawn from the holders
            query = SQL(
                "%s UNION ALL SELECT TRUE, nextval(%s::regclass), NULL, NULL, NULL, NULL"
                " FROM generate_series(1, %s)",
                query,
                self.env["crm.cid.import.insert"]._insert_id_sequence(self._table),
                count,
            )
        rows = self.env.execute_query(query)
        holders = sorted(row[1:] for row in rows if not row[0])
        return holders, sorted(row[1] for row in rows if row[0])

    def _cid_normalize_value(self):
        """Return the normalised value of this key, or False when invalid.

        Invalid values are reported by :meth:`_check_value`; the compute must
        not raise, or the error would surface at some unrelated flush.
        """
        self.ensure_one()
        try:
            return normalize_key(self.key_type_id.code, self.value) or False
        except NationalIdError:
            return False

    def _cid_get_conflicts(self):
        """Return ``[(key, other_key)]`` for keys of ``self`` that break uniqueness.

        One query covers the whole recordset. It reads the table directly,
        without flushing: a flush would send the pending values to the
        database, whose constraints would then answer first with a technical
        message. It also ignores access rules on purpose: the user may not see
        the other customer's key (sensitive type, other company), yet must not
        be able to store a duplicate.
        """
        keys = self.filtered(
            lambda k: k.active and k.value_normalized and k.uniqueness in ("global", "commercial")
        )
        if not keys:
            return []
        rows = self._cid_active_holders(
            {(key.key_type_id.id, key.value_normalized) for key in keys}, keys.ids
        )
        # (type id, value) -> [(key id, partner id, commercial partner id)]
        owners = {}
        for key_id, type_id, value, partner_id, commercial_id in rows:
            owners.setdefault((type_id, value), []).append((key_id, partner_id, commercial_id))
        for key in keys:
            owners.setdefault((key.key_type_id.id, key.value_normalized), []).append(
                (key.id, key.partner_id.id, key.commercial_partner_id.id)
            )
        conflicts = []
        for key in keys:
            for other_id, partner_id, commercial_id in owners[
                (key.key_type_id.id, key.value_normalized)
            ]:
                if other_id == key.id:
                    continue
                if (key.uniqueness == "global" and partner_id != key.partner_id.id) or (
                    key.uniqueness == "commercial" and commercial_id != key.commercial_partner_id.id
                ):
                    # the error names the other customer only to a user who
                    # may read its key (see _cid_conflict_message)
                    conflicts.append((key, self.sudo().browse(other_id)))
                    break
        return conflicts

    def _cid_conflict_message(self, other):
        """Return the translated message saying that ``other`` already owns this key.

        The owner is named only to a user who may see ``other`` in full (see
        :meth:`_cid_owner_visible`); anyone else learns that the value is
        taken, which the uniqueness itself tells, and not by whom.
        """
        self.ensure_one()
        if not other.with_env(self.env)._cid_owner_visible():
            return self.env._(
                "The %(type)s %(value)s already belongs to another customer.",
                type=self.key_type_id.name,
                value=self.value_normalized,
            )
        owner = other.sudo().commercial_partner_id
        return self.env._(
            "The %(type)s %(value)s already belongs to customer %(cid)s (%(name)s).",
            type=self.key_type_id.name,
            value=self.value_normalized,
            cid=owner.cid or "-",
            name=owner.name or "",
        )

    def _cid_owner_visible(self):
        """Tell whether the real user may see this key and its owner.

        Decided from the user behind the request, not from ``env.su``: the
        keys are often checked as superuser (contact field synchronisation).
        Modules that mask keys of some customers (access policies) add their
        own condition.

        :return: True when the user may read the key with its record rules
        """
        self.ensure_one()
        key = self.with_env(self.env(su=False))
        return bool(key.exists() and key._filtered_access("read"))
