import logging

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.digits import digits_only
from ..tools.echo import echo_value
from ..tools.expected_errors import expected_violations
from ..tools.keys import KEY_TYPES, guess_key_types, normalize_key
from ..tools.locks import key_lock_token
from ..tools.names import fold_name
from ..tools.national_id import (
    LEGAL_ID_LENGTH,
    NationalIdError,
    normalize_legal_id,
    normalize_national_id,
)

_logger = logging.getLogger(__name__)

# Names accepted by the resolution API besides the key type codes themselves.
CID_KEY_ALIASES = {
    "national_code": "national_id",
    "melli_code": "national_id",
    "code_melli": "national_id",
    "kod_melli": "national_id",
    "legal_national_id": "legal_id",
    "shenase_melli": "legal_id",
    "mobile_phone": "mobile",
    "cellphone": "mobile",
    "cell": "mobile",
    "tel": "phone",
    "telephone": "phone",
    "landline": "phone",
    "mail": "email",
    "email_address": "email",
    "customer_no": "customer_number",
    "customer_ref": "customer_number",
    "login": "username",
    "external_ref": "external_id",
}
# Guessed key types that only a key can be: when the typed text is one of
# these, name_search looks in the key index alone. A plain word may also be a
# username or a handle, so those are searched together with the names.
_STRONG_GUESS_TYPES = frozenset(
    {"mobile", "phone", "email", "national_id", "legal_id", "cid", "whatsapp"}
)
# Partner fields written from the keys given to cid_find_or_create.
_KEY_TO_PARTNER_FIELD = {
    "mobile": "mobile",
    "phone": "phone",
    "email": "email",
    "national_id": "national_id",
    "legal_id": "national_id",
}
# First namespace of the two-integer advisory locks taken by cid_find_or_create.
_LOCK_NAMESPACE = 0x43494431  # "CID1"
# Constraints of crm.cid.key whose violation means a concurrent creation.
_KEY_UNIQUE_CONSTRAINTS = frozenset(
    {
        "crm_cid_key_global_uniq",
        "crm_cid_key_commercial_excl",
        "crm_cid_key_partner_type_value_uniq",
    }
)
# Field types whose values cid_find_or_create accepts in ``values``, with the
# Python types an RPC call may send for them.
_CREATE_VALUE_TYPES = {
    "char": (str,),
    "text": (str,),
    "html": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "float": (int, float),
    "monetary": (int, float),
    "selection": (str,),
    "date": (str,),
    "datetime": (str,),
    "many2one": (int,),
}
# Contact fields an integrator never sets on a new customer.
_CREATE_VALUE_REFUSED = frozenset({"cid_own", "cid", "commercial_partner_id", "company_id"})
# Fields that drive the synchronised keys.
_CID_SYNC_FIELDS = frozenset({"mobile", "phone", "email", "national_id", "active", "cid_own"})


class ResPartner(models.Model):
    _inherit = "res.partner"

    cid_own = fields.Char(
        string="Own CID",
        readonly=True,
        copy=False,
        help="Customer number given to this contact when it became a company or an "
        "individual without a company. It never changes and is never given again.",
    )
    cid = fields.Char(
        string="CID",
        compute="_compute_cid",
        store=True,
        index=True,
        readonly=True,
        help="Customer number. Contacts of a company carry their company's number.",
    )
    mobile = fields.Char(tracking=True)
    national_id = fields.Char(
        string="National ID",
        copy=False,
        groups="crm_cid.group_cid_sensitive",
        help="National code of a person (10 digits) or national ID of a legal entity "
        "(11 digits). Checked against its check digit.",
    )
    cid_key_ids = fields.One2many("crm.cid.key", "partner_id", string="Identity keys")
    cid_key_count = fields.Integer(string="Key count", compute="_compute_cid_key_count")
    cid_name_folded = fields.Char(
        string="Folded name",
        compute="_compute_cid_name_folded",
        store=True,
        index="trigram",
        help="The name with Arabic and Persian letter variants, ZWNJ and diacritics "
        "folded, for searching.",
    )
    cid_search = fields.Char(
        string="Customer key",
        store=False,
        search="_search_cid_search",
        help="Any identity key (mobile, e-mail, national ID, CID...) in any format, or a name.",
    )
    cid_is_customer = fields.Boolean(string="Is a customer", compute="_compute_cid_roles")
    cid_is_vendor = fields.Boolean(string="Is a vendor", compute="_compute_cid_roles")
    cid_is_employee = fields.Boolean(string="Is an employee", compute="_compute_cid_roles")
    cid_is_user = fields.Boolean(string="Is a user", compute="_compute_cid_roles")

    _cid_own_uniq = models.UniqueIndex(
        "(cid_own) WHERE cid_own IS NOT NULL", "This customer number is already used."
    )

    @api.depends("commercial_partner_id.cid_own")
    def _compute_cid(self):
        for partner in self:
            partner.cid = partner.commercial_partner_id.cid_own or partner.cid_own or False

    def _compute_cid_key_count(self):
        counts = dict(
            self.env["crm.cid.key"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.cid_key_count = counts.get(partner, 0)

    @api.depends("complete_name")
    def _compute_cid_name_folded(self):
        for partner in self:
            partner.cid_name_folded = fold_name(partner.complete_name) or False

    def _search_cid_search(self, operator, value):
        if operator not in ("in", "ilike", "like", "=", "=ilike"):
            return NotImplemented
        values = value if operator == "in" else [value]
        return Domain.OR(
            self._search_display_name("ilike", term)
            for term in values
            if isinstance(term, str) and term.strip()
        )

    def _compute_cid_roles(self):
        # crm_cid depends on base only; the ranks and employees exist when the
        # modules adding them (account, hr) are installed
        has_customer_rank = "customer_rank" in self._fields
        has_supplier_rank = "supplier_rank" in self._fields
        has_employees = "employee_ids" in self._fields
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.cid_is_customer = has_customer_rank and bool(commercial.customer_rank)
            partner.cid_is_vendor = has_supplier_rank and bool(commercial.supplier_rank)
            # role badges only test existence; employees and users are not
            # readable by every contact manager
            partner.cid_is_employee = has_employees and bool(partner.sudo().employee_ids)
            partner.cid_is_user = any(not user.share for user in partner.sudo().user_ids)

    @api.onchange("mobile", "country_id", "company_id")
    def _onchange_mobile_validation(self):
        if self.mobile:
            self.mobile = (
                self._phone_format(fname="mobile", force_format="INTERNATIONAL") or self.mobile
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cid_prepare_values(vals, creating=True)
        # new commercial partners get their number in the INSERT itself: one
        # sequence query for the batch instead of one write per partner
        new_customers = [
            vals
            for vals in vals_list
            if not vals.get("cid_own") and (vals.get("is_company") or not vals.get("parent_id"))
        ]
        for vals, number in zip(
            new_customers, self._cid_next_numbers(len(new_customers)), strict=True
        ):
            vals["cid_own"] = number
        partners = super().create(vals_list)
        partners._cid_assign()
        partners._cid_sync_keys()
        return partners

    def write(self, vals):
        self._cid_prepare_values(vals, creating=False)
        if "cid_own" in vals and all(p.cid_own == vals["cid_own"] for p in self):
            # writing back the number a contact already has (the standard merge
            # wizard copies every field of the kept contact onto itself)
            vals = dict(vals)
            del vals["cid_own"]
        if "cid_own" in vals:
            if not self.env.su:
                raise UserError(
                    self.env._("Customer numbers are assigned automatically and cannot be edited.")
                )
            assigned = self.filtered(lambda p: p.cid_own and p.cid_own != vals["cid_own"])
            if assigned:
                raise UserError(
                    self.env._(
                        "The customer number %(cid)s cannot be changed: customer numbers "
                        "are assigned once and kept for good.",
                        cid=assigned[0].cid_own,
                    )
                )
        result = super().write(vals)
        commercial_changed = {"parent_id", "is_company"} & vals.keys()
        if commercial_changed:
            self._cid_assign()
        if "active" in vals:
            self._cid_set_keys_active(vals["active"])
        if (commercial_changed or _CID_SYNC_FIELDS & vals.keys()) and not self.env.context.get(
            "crm_cid_skip_sync"
        ):
            self._cid_sync_keys()
        if commercial_changed:
            # the keys follow the new commercial entity through a related field;
            # say which customer already owns a value before the database does
            keys = (self | self.child_ids).sudo().cid_key_ids
            conflicts = keys._cid_get_conflicts()
            # a mobile or e-mail copied from the contact's own field is kept
            # archived and flagged, as when it is first typed (see
            # _cid_drop_conflicts); keys added on purpose still refuse
            synced = keys.browse(
                key.id
                for key, _other in conflicts
                if key.source == "partner" and key.uniqueness == "commercial"
            )
            synced.write({"active": False, "is_conflict": True})
            conflicts = [(key, other) for key, other in conflicts if key not in synced]
            if conflicts:
                key, other = conflicts[0]
                raise ValidationError(key._cid_conflict_message(other))
        return result

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            # a copy made as its own customer must not take the mobile and
            # e-mail that identify the original (one commercial entity each)
            if not vals.get("parent_id"):
                for field_name in ("mobile", "email"):
                    if not (default or {}).get(field_name):
                        vals.pop(field_name, None)
        return vals_list

    @api.model
    @api.readonly
    def cid_resolve(self, keys):
        """Find the customer identified by some keys, without creating anything.

        :param dict keys: key type code (or alias, see ``CID_KEY_ALIASES``) to
            value, in any format: ``{"mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
            "email": "Ali@Example.COM", "national_id": "001-234567-9"}``.
            Empty values are skipped.
        :return: a dict with

            * ``partner_id``: the contact the keys point at (a contact person
              when all matching keys belong to that person), or False;
            * ``commercial_partner_id``: its company or itself, or False;
            * ``cid``: the customer number, or False;
            * ``matched``: ``[{"type", "value", "partner_id"}]``, one entry per
              key found, with its normalised value;
            * ``conflict``: True when the keys point at different customers;
              ``partner_id`` is then False and nothing is guessed;
            * ``candidates``: ``[{"partner_id", "cid", "matched": [types]}]``,
              one entry per customer found (``partner_id`` is the commercial
              entity);
            * ``errors``: ``[{"type", "value", "reason"}]`` for unknown key
              names (``unknown_key``) and invalid values (``invalid``,
              ``length``, ``checksum``, ``all_same``, ``not_digits``); a
              value that is not text or a 32-bit number (a list, a dict,
              ``None`` inside them) comes back as a short text.
        :raises UserError: when ``keys`` is not a dict
        """
        normalized, errors = self._cid_normalize_keys(keys)
        result = self._cid_resolve_normalized(normalized)
        result["errors"] = errors
        return result

    @api.model
    def cid_find_or_create(self, keys, values=None):
        """Return the customer identified by ``keys``, creating it when unknown.

        Safe under concurrency: the keys are locked (transaction-level advisory
        locks) before the customer is created, so parallel calls with the same
        new key create one customer. A call that had to wait for another one
        creating the same key raises :class:`~odoo.exceptions.ConcurrencyError`,
        which the RPC layer retries; the retry finds the new customer.

        :param dict keys: as for :meth:`cid_resolve`
        :param dict values: extra ``res.partner`` values used only when the
            customer is created (``name``, ``is_company``...)
        :return: the :meth:`cid_resolve` dict plus ``created`` (bool)
        :raises UserError: when a key is unknown or invalid, when the keys point
            at different customers, when no usable key is given, or when only a
            CID is given and it does not exist
        """
        if values is not None and not isinstance(values, dict):
            raise UserError(self.env._("The values must be a dictionary of contact fields."))
        values = self._cid_check_create_values(values or {})
        normalized, errors = self._cid_normalize_keys(keys)
        if errors:
            raise UserError(self._cid_errors_message(errors))
        if not normalized:
            raise UserError(
                self.env._(
                    "Give at least one key (mobile, e-mail, national ID...) to find a customer."
                )
            )
        result = self._cid_resolve_normalized(normalized)
        if not result["partner_id"] and not result["conflict"]:
            self._cid_lock_keys(normalized)
            result = self._cid_create_from_keys(normalized, values or {})
        if result["conflict"]:
            raise UserError(self._cid_conflict_message(result))
        result.update(errors=[], created=result.get("created", False))
        return result

    def cid_add_key(self, key_type, value, verified=False, source="rpc"):
        """Add an identity key to this contact, or update the one it already has.

        :param str key_type: a key type code or alias (``"telegram"``, ``"national_code"``)
        :param value: the value in any format
        :param bool verified: whether the value was verified (an OTP, a document)
        :param str source: ``manual``, ``import``, ``rpc`` or ``merge``
        :return: the id of the ``crm.cid.key``
        :raises UserError: for an unknown key type or source
        :raises ValidationError: for an invalid value or a value owned by another customer
        """
        self.ensure_one()
        code = self._cid_key_code(key_type)
        type_ids = self.env["crm.cid.key.type"]._cid_get_type_ids()
        if code not in type_ids:
            raise UserError(
                self.env._("%(key)s is not a known key type.", key=echo_value(key_type))
            )
        if not isinstance(source, str) or source not in ("manual", "import", "rpc", "merge"):
            raise UserError(
                self.env._(
                    "%(value)s is not a valid key source: use manual, import, rpc or merge.",
                    value=echo_value(source),
                )
            )
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise UserError(
                self.env._(
                    "%(value)s is not a valid %(key)s: send the value as text.",
                    value=echo_value(value),
                    key=key_type,
                )
            )
        # the key model's own rights and rules decide whether the key may be
        # added (sensitive types need their group); the contact must be visible
        self.check_access("read")
        key_type_record = self.env["crm.cid.key.type"].browse(type_ids[code])
        normalized = self._cid_normalize_or_raise(key_type_record, value)
        Key = self.env["crm.cid.key"]
        existing = Key.with_context(active_test=False).search(
            [
                ("partner_id", "=", self.id),
                ("key_type_id", "=", key_type_record.id),
                ("value_normalized", "=", normalized),
            ],
            limit=1,
        )
        if existing:
            updates = {"active": True}
            if verified:
                updates["is_verified"] = True
            existing.write(updates)
            return existing.id
        key = Key.create(
            {
                "partner_id": self.id,
                "key_type_id": key_type_record.id,
                "value": str(value),
                "is_verified": bool(verified),
                "source": source,
            }
        )
        return key.id

    def action_open_cid_keys(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_cid.crm_cid_key_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id, "default_source": "manual"}
        return action

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if operator not in ("ilike", "like", "=ilike", "=like") or not isinstance(value, str):
            return domain
        text = value.strip()
        if not text:
            return domain
        guesses = [(code, val) for code, val in guess_key_types(text) if val]
        key_domain = self._cid_keys_domain(guesses)
        if any(code in _STRONG_GUESS_TYPES for code, _val in guesses):
            # the text is a key: answer from the key index alone, an ilike on
            # every partner name would only add a sequential scan
            return key_domain | Domain("ref", "=", text)
        folded = fold_name(text)
        if folded:
            domain |= Domain("cid_name_folded", "ilike", folded)
        if guesses:
            domain |= key_domain
        return domain

    @api.model
    def _cid_keys_domain(self, pairs):
        """Return a partner domain matching the owners of the given keys.

        The keys are looked up first (one query on the key index), so the
        partner search that follows is a primary-key lookup rather than a
        scan of every partner against a sub-query. A CID also matches the
        contacts of that customer (indexed ``cid`` column) and former numbers
        kept as aliases.

        :param pairs: iterable of ``(type_code, value_normalized)``
        :return: a :class:`Domain`, ``Domain.FALSE`` when nothing matches
        """
        pairs = list(pairs)
        partner_ids = {row[2] for row in self._cid_fetch_keys(pairs)}
        cids = [value for code, value in pairs if code == "cid"]
        if cids:
            aliases = self.env["crm.cid.alias"].search_fetch([("cid", "in", cids)], ["partner_id"])
            partner_ids.update(aliases.partner_id.ids)
        domain = Domain("id", "in", sorted(partner_ids)) if partner_ids else Domain.FALSE
        if cids:
            domain |= Domain("cid", "in", cids)
        return domain

    @api.model
    def _cid_key_code(self, name):
        """Return the key type code for an API key name or alias (False if unknown)."""
        if not isinstance(name, str):
            return False
        code = name.strip().lower()
        code = CID_KEY_ALIASES.get(code, code)
        return code if code in KEY_TYPES else False

    @api.model
    def _cid_normalize_keys(self, keys):
        """Normalise the keys given to the resolution API.

        Accepted names are the key type codes (``mobile``, ``phone``, ``email``,
        ``national_id``, ``legal_id``, ``customer_number``, ``username``,
        ``telegram``, ``whatsapp``, ``instagram``, ``external_id``, ``cid``)
        and the aliases of ``CID_KEY_ALIASES`` (``national_code``,
        ``melli_code``, ``mobile_phone``, ``tel``, ``mail``, ``login``...).

        :param dict keys: name to raw value
        :return: ``(normalized, errors)``: ``{type_code: normalised value}`` and
            ``[{"type", "value", "reason"}]``; an unknown name gives reason
            ``unknown_key``, a value that does not normalise ``invalid`` (or the
            national ID reason), two names of one type with different values
            ``ambiguous``
        :raises UserError: when ``keys`` is not a dict
        """
        if not isinstance(keys, dict):
            raise UserError(
                self.env._('The keys must be a dictionary such as {"mobile": "09123456789"}.')
            )
        active_types = self.env["crm.cid.key.type"]._cid_get_type_ids()
        normalized = {}
        errors = []
        for name, raw in keys.items():
            if raw is None or raw is False or raw == "":
                continue
            # the errors repeat the caller's name and value: only in a form
            # every RPC protocol can carry back (no nested None, no big int)
            error = {"type": echo_value(name), "value": echo_value(raw)}
            code = self._cid_key_code(name)
            if not code or code not in active_types:
                errors.append(dict(error, reason="unknown_key"))
                continue
            if isinstance(raw, bool) or not isinstance(raw, (str, int)):
                errors.append(dict(error, reason="invalid"))
                continue
            try:
                value = normalize_key(code, str(raw))
            except NationalIdError as national_id_error:
                errors.append(dict(error, reason=national_id_error.reason))
                continue
            except ValueError:
                # an integer too long to be written out
                errors.append(dict(error, reason="invalid"))
                continue
            if not value:
                errors.append(dict(error, reason="invalid"))
            elif normalized.get(code, value) != value:
                errors.append(dict(error, reason="ambiguous"))
            else:
                normalized[code] = value
        return normalized, errors

    @api.model
    def _cid_fetch_keys(self, pairs):
        """Return the active keys matching ``(type_code, value_normalized)`` pairs.

        One query on the key table, through its (value, type) index, with the
        caller's access rules (sensitive types, companies). It selects plain
        columns instead of building records: resolution runs on every
        incoming call and message.

        :return: list of ``(type_code, value_normalized, partner_id,
            commercial_partner_id, cid)`` tuples
        """
        type_ids = self.env["crm.cid.key.type"]._cid_get_type_ids()
        pairs = {(code, value) for code, value in pairs if value and code in type_ids}
        if not pairs:
            return []
        Key = self.env["crm.cid.key"]
        query = Key._search(
            Domain("value_normalized", "in", sorted({value for _code, value in pairs}))
            & Domain("key_type_id", "in", sorted({type_ids[code] for code, _value in pairs}))
        )
        rows = self.env.execute_query(
            query.select(
                *(
                    Key._field_to_sql(Key._table, fname, query)
                    for fname in (
                        "type_code",
                        "value_normalized",
                        "partner_id",
                        "commercial_partner_id",
                        "cid",
                    )
                )
            )
        )
        return [row for row in rows if (row[0], row[1]) in pairs]

    @api.model
    def _cid_match_keys(self, pairs):
        """Batch lookup of keys, for imports and duplicate finders.

        :param pairs: iterable of ``(type_code, value_normalized)``
        :return: ``{(type_code, value_normalized): [(partner_id, commercial_partner_id), ...]}``
            for the pairs found (pairs without a key are absent); one query
        """
        matches = {}
        for code, value, partner_id, commercial_id, _cid in self._cid_fetch_keys(pairs):
            matches.setdefault((code, value), []).append((partner_id, commercial_id))
        return matches

    @api.model
    def _cid_resolve_normalized(self, normalized):
        """Resolve already normalised keys; see :meth:`cid_resolve` for the result."""
        # (partner_id, commercial_partner_id, cid, type, value)
        hits = [
            (partner_id, commercial_id, cid, code, value)
            for code, value, partner_id, commercial_id, cid in self._cid_fetch_keys(
                normalized.items()
            )
        ]
        if "cid" in normalized and not any(hit[3] == "cid" for hit in hits):
            alias = self.env["crm.cid.alias"].search_fetch(
                [("cid", "=", normalized["cid"])], ["partner_id"], limit=1
            )
            if alias:
                partner = alias.partner_id
                hits.append(
                    (
                        partner.id,
                        partner.commercial_partner_id.id,
                        partner.cid,
                        "cid",
                        normalized["cid"],
                    )
                )
        customers = {}
        for partner_id, commercial_id, cid, code, _value in hits:
            customer = customers.setdefault(
                commercial_id, {"partner_ids": set(), "cid": cid, "matched": []}
            )
            customer["partner_ids"].add(partner_id)
            if code not in customer["matched"]:
                customer["matched"].append(code)
        result = {
            "partner_id": False,
            "commercial_partner_id": False,
            "cid": False,
            "matched": [
                {"type": code, "value": value, "partner_id": partner_id}
                for partner_id, _commercial_id, _cid, code, value in hits
            ],
            "conflict": len(customers) > 1,
            "candidates": [
                {
                    "partner_id": commercial_id,
                    "cid": customer["cid"],
                    "matched": customer["matched"],
                }
                for commercial_id, customer in customers.items()
            ],
            "errors": [],
        }
        if len(customers) == 1:
            commercial_id, customer = next(iter(customers.items()))
            partner_ids = customer["partner_ids"]
            result.update(
                partner_id=next(iter(partner_ids)) if len(partner_ids) == 1 else commercial_id,
                commercial_partner_id=commercial_id,
                cid=customer["cid"],
            )
        return result

    @api.model
    def _cid_lock_keys(self, normalized):
        """Take a transaction-level advisory lock on each key, in a fixed order.

        :raises ConcurrencyError: when another transaction held one of the
            locks: it was creating a customer with the same key and has now
            committed or rolled back, but this transaction's snapshot predates
            it, so the caller must start again to see its result
        """
        contended = False
        # ascending tokens, as the bulk import takes them, so that two
        # transactions never wait for each other in opposite orders
        for token in sorted({key_lock_token(code, value) for code, value in normalized.items()}):
            self.env.cr.execute(
                SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", _LOCK_NAMESPACE, token)
            )
            if not self.env.cr.fetchone()[0]:
                contended = True
                self.env.cr.execute(
                    SQL("SELECT pg_advisory_xact_lock(%s, %s)", _LOCK_NAMESPACE, token)
                )
        if contended:
            raise ConcurrencyError(
                self.env._("Another request was creating the same customer; try again.")
            )

    @api.model
    def _cid_check_create_values(self, values):
        """Check the contact values given to :meth:`cid_find_or_create`.

        Only stored, writable fields of simple types are accepted, with values
        of the right type; linked records (country, parent...) must exist.
        Everything wrong is reported at once, in the user's language, instead
        of failing later in the database.

        :param dict values: field name to value
        :return: the values, with ``None`` read as ``False``
        :raises UserError: listing every refused field
        """
        problems, clean, links = [], {}, {}
        for name, value in values.items():
            field = self._fields.get(name) if isinstance(name, str) else None
            allowed = _CREATE_VALUE_TYPES.get(field.type) if field else None
            if (
                not allowed
                or not field.store
                or name in _CREATE_VALUE_REFUSED
                or name in models.MAGIC_COLUMNS
                or (field.compute and field.readonly and not field.inverse)
            ):
                problems.append(
                    self.env._("%(field)s cannot be given for a new customer.", field=name)
                )
                continue
            if value is None or (value is False and field.type != "boolean"):
                clean[name] = False
                continue
            wrong_type = not isinstance(value, allowed) or (
                isinstance(value, bool) and field.type != "boolean"
            )
            if not wrong_type and field.type == "selection":
                wrong_type = value not in dict(field._description_selection(self.env))
            if not wrong_type and isinstance(value, str):
                wrong_type = "\x00" in value
            if not wrong_type and field.type in ("date", "datetime"):
                try:
                    field.convert_to_cache(value, self)
                except ValueError:
                    wrong_type = True
            if wrong_type:
                problems.append(
                    self.env._(
                        "%(value)s is not a valid value for %(field)s.",
                        value=repr(value),
                        field=name,
                    )
                )
                continue
            if field.type == "many2one":
                links.setdefault(field.comodel_name, {})[name] = value
            clean[name] = value
        for comodel, by_field in links.items():
            # within the caller's rights: a record they may not read answers
            # like one that does not exist, so the check tells nothing more
            existing = set(
                self.env[comodel]
                .with_env(self.env(su=False))
                .browse(set(by_field.values()))
                .exists()
                ._filtered_access("read")
                .ids
            )
            problems += [
                self.env._(
                    "%(field)s: no record with the id %(id)s exists or you may read it.",
                    field=name,
                    id=record_id,
                )
                for name, record_id in by_field.items()
                if record_id not in existing
            ]
        if problems:
            raise UserError("\n".join(problems))
        return clean

    @api.model
    def _cid_create_from_keys(self, normalized, values):
        """Create a customer holding the given keys; return the resolution dict.

        Keys that mirror a contact field (mobile, phone, e-mail, national ID)
        are written to that field and synchronised from it; the others are
        stored as keys with the source given by the context key
        ``crm_cid_key_source`` (default ``rpc``).
        """
        if "cid" in normalized:
            raise UserError(
                self.env._(
                    "No customer has the number %(cid)s. Customer numbers are given "
                    "automatically and cannot be chosen.",
                    cid=normalized["cid"],
                )
            )
        vals = dict(values)
        vals.pop("cid_own", None)
        for code, field_name in _KEY_TO_PARTNER_FIELD.items():
            if code in normalized and not vals.get(field_name):
                vals[field_name] = normalized[code]
        if not vals.get("name"):
            vals["name"] = next(
                normalized[code]
                for code in (*_KEY_TO_PARTNER_FIELD, *KEY_TYPES)
                if code in normalized
            )
        source = self.env.context.get("crm_cid_key_source", "rpc")
        type_ids = self.env["crm.cid.key.type"]._cid_get_type_ids()
        try:
            with expected_violations(_KEY_UNIQUE_CONSTRAINTS), self.env.cr.savepoint():
                partner = self.create(vals)
                # sensitive keys the caller may not read still count as stored
                stored = set(
                    partner.sudo().cid_key_ids.mapped(lambda k: (k.type_code, k.value_normalized))
                )
                self.env["crm.cid.key"].create(
                    [
                        {
                            "partner_id": partner.id,
                            "key_type_id": type_ids[code],
                            "value": value,
                            "source": source,
                        }
                        for code, value in normalized.items()
                        if (code, value) not in stored
                    ]
                )
                self.env.flush_all()
        except (psycopg2.errors.UniqueViolation, psycopg2.errors.ExclusionViolation) as error:
            if error.diag.constraint_name not in _KEY_UNIQUE_CONSTRAINTS:
                raise
            # a transaction committed the same key after this one's snapshot
            raise ConcurrencyError(
                self.env._("Another request created the same customer; try again.")
            ) from error
        matched = [
            {"type": code, "value": value, "partner_id": partner.id}
            for code, value in normalized.items()
        ]
        return {
            "partner_id": partner.id,
            "commercial_partner_id": partner.commercial_partner_id.id,
            "cid": partner.cid,
            "matched": matched,
            "conflict": False,
            "candidates": [
                {
                    "partner_id": partner.commercial_partner_id.id,
                    "cid": partner.cid,
                    "matched": list(normalized),
                }
            ],
            "errors": [],
            "created": True,
        }

    @api.model
    def _cid_errors_message(self, errors):
        """Return one translated message listing the invalid keys of an API call."""
        lines = []
        for error in errors:
            if error["reason"] == "unknown_key":
                lines.append(self.env._("%(key)s is not a known key type.", key=error["type"]))
            else:
                lines.append(
                    self.env._(
                        "%(value)s is not a valid %(key)s.", value=error["value"], key=error["type"]
                    )
                )
        return "\n".join(lines)

    @api.model
    def _cid_conflict_message(self, result):
        """Return the translated message for keys pointing at several customers."""
        return self.env._(
            "These keys belong to different customers (%(cids)s). Check the data or "
            "merge the customers before trying again.",
            cids=", ".join(c["cid"] or str(c["partner_id"]) for c in result["candidates"]),
        )

    @api.model
    def _cid_national_id_message(self, error, key_type=None):
        """Return the translated message explaining why a national ID is invalid.

        :param NationalIdError error: the error raised by the normalisation tools
        :param key_type: the ``crm.cid.key.type`` concerned, for its label
        """
        label = key_type.name if key_type else self.env._("national ID")
        value = error.value
        if error.reason == "length":
            return self.env._(
                "%(value)s is not a valid %(type)s: a national code has 10 digits and the "
                "national ID of a legal entity 11.",
                value=value,
                type=label,
            )
        if error.reason == "all_same":
            return self.env._(
                "%(value)s is not a valid %(type)s: a number made of one repeated digit is "
                "not a real code.",
                value=value,
                type=label,
            )
        if error.reason == "checksum":
            return self.env._(
                "%(value)s is not a valid %(type)s: its check digit does not match. Check "
                "the number for typing errors.",
                value=value,
                type=label,
            )
        return self.env._(
            "%(value)s is not a valid %(type)s: only digits, spaces and dashes are allowed.",
            value=value,
            type=label,
        )

    @api.model
    def _cid_normalize_or_raise(self, key_type, value):
        """Return the normalised form of ``value`` for ``key_type``.

        :raises ValidationError: with a translated message naming the value
        """
        try:
            normalized = normalize_key(
                key_type.code, value if isinstance(value, str) else str(value)
            )
        except NationalIdError as error:
            raise ValidationError(self._cid_national_id_message(error, key_type)) from error
        if not normalized:
            raise ValidationError(
                self.env._("%(value)s is not a valid %(key)s.", value=value, key=key_type.name)
            )
        return normalized

    @api.model
    def _cid_prepare_values(self, vals, creating):
        """Normalise the national ID and guard the CID in create/write values."""
        if creating and not self.env.su:
            # customer numbers come from the sequence; only data migrations
            # running as superuser may bring their own
            vals.pop("cid_own", None)
        raw = vals.get("national_id")
        if raw:
            try:
                # 11 digits is a legal entity's national ID, anything else is
                # checked as a person's national code
                vals["national_id"] = (
                    normalize_legal_id(raw)
                    if len(digits_only(raw)) == LEGAL_ID_LENGTH
                    else normalize_national_id(raw)
                )
            except NationalIdError as error:
                raise ValidationError(self._cid_national_id_message(error)) from error

    def _cid_assign(self):
        """Give a customer number to the commercial partners of ``self`` that have none."""
        todo = self.filtered(lambda p: not p.cid_own and p.commercial_partner_id == p)
        if not todo:
            return
        # the assignment is a system operation: the caller's right to create
        # or edit the partners was already checked; the callers synchronise
        # the keys (the CID key among them) once for the whole batch
        todo = todo.sudo().with_context(crm_cid_skip_sync=True)
        for partner, number in zip(todo, self._cid_next_numbers(len(todo)), strict=True):
            partner.cid_own = number

    @api.model
    def _cid_next_numbers(self, count):
        """Draw ``count`` customer numbers from the CID sequence.

        A standard sequence gives them in one query; another implementation
        (no gap, date ranges) is asked once per number.

        :param int count: how many numbers
        :return: list of formatted numbers (``C0000123``), in sequence order
        """
        if count <= 0:
            return []
        # drawing numbers is a system operation; callers checked the rights to
        # create or edit the partners that receive them
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "res.partner.cid"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            raise UserError(
                self.env._("The customer number sequence (code res.partner.cid) is missing.")
            )
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for _i in range(count)]
        rows = self.env.execute_query(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        # prefix and suffix interpolated once for the batch, as get_next_char
        # would for each number
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for (number,) in rows]

    def _cid_set_keys_active(self, active):
        """Archive or restore every key of ``self`` with the partners themselves.

        An archived customer must not keep unique keys away from a new one.
        """
        keys = (
            self.env["crm.cid.key"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids), ("active", "=", not active)])
        )
        if active:
            keys = keys.filtered(lambda k: k.source != "partner")
        keys.write({"active": bool(active)})

    def _cid_desired_keys(self, types):
        """Return ``{partner_id: {(type_id, value_normalized): raw}}`` from partner fields."""
        desired = {}
        for partner in self:
            wanted = desired.setdefault(partner.id, {})
            if not partner.active:
                continue
            for type_id, code, field_name in types:
                raw = partner[field_name]
                if not raw:
                    continue
                try:
                    value = normalize_key(code, raw)
                except NationalIdError:
                    continue
                if value:
                    wanted.setdefault((type_id, value), raw)
        return desired

    def _cid_sync_keys(self):
        """Create, update or archive the keys that mirror the partners' own fields.

        Works on the whole recordset with one search. Runs as superuser: the
        keys copy values of the partner that the caller just wrote (and the
        national ID is readable only by the sensitive group). A mobile or
        e-mail that another customer holds is stored archived and flagged
        (see :meth:`_cid_drop_conflicts`); with the context key
        ``crm_cid_skip_conflicts`` (installation on existing data) national
        IDs are flagged the same way instead of raising.
        """
        KeyType = self.env["crm.cid.key.type"].sudo()
        key_types = KeyType.search([("partner_field", "!=", False)])
        types = [
            (kt.id, kt.code, kt.partner_field)
            for kt in key_types
            if kt.partner_field in self._fields
        ]
        partners = self.sudo().exists()
        if not partners or not types:
            return
        desired = partners._cid_desired_keys(types)
        Key = self.env["crm.cid.key"].sudo().with_context(active_test=False)
        existing = Key.search(
            [("partner_id", "in", partners.ids), ("key_type_id", "in", [t[0] for t in types])]
        )
        by_partner = existing.grouped("partner_id")
        to_create = []
        to_archive = Key
        to_restore = Key
        for partner in partners:
            wanted = desired.get(partner.id, {})
            have = {(k.key_type_id.id, k.value_normalized): k for k in by_partner.get(partner, Key)}
            for pair, raw in wanted.items():
                key = have.get(pair)
                if not key:
                    to_create.append(
                        {
                            "partner_id": partner.id,
                            "key_type_id": pair[0],
                            "value": raw,
                            "source": "partner",
                        }
                    )
                elif key.source == "partner":
                    if not key.active:
                        to_restore |= key
                    if key.value != raw:
                        key.value = raw
            for pair, key in have.items():
                if key.source == "partner" and key.active and pair not in wanted:
                    to_archive |= key
        to_archive.write({"active": False})
        to_restore, to_create = self._cid_drop_conflicts(
            to_restore,
            to_create,
            strict_global=not self.env.context.get("crm_cid_skip_conflicts"),
        )
        to_restore.write({"active": True, "is_conflict": False})
        if to_create:
            Key.create(to_create)

    def _cid_drop_conflicts(self, to_restore, to_create, strict_global=True):
        """Flag the synced keys whose value another customer already holds.

        A contact's own mobile or e-mail may legitimately be shared by two
        customers (a family mobile, one accountant for several companies), and
        Odoo itself allows it: such keys ('commercial' uniqueness) are stored
        archived with ``is_conflict`` instead of refusing the contact, so that
        resolution never guesses and the duplicate finder lists the pair.
        Keys of 'global' uniqueness (national IDs) still raise, unless
        ``strict_global`` is False (installation on existing data).

        :param to_restore: archived synced keys about to be restored
        :param to_create: values of synced keys about to be created
        :return: ``(keys to restore, values to create)``; flagged keys are
            written here, flagged values get ``active=False, is_conflict=True``
        """
        lenient = ("commercial",) if strict_global else ("commercial", "global")
        KeyType = self.env["crm.cid.key.type"].sudo()
        Key = self.env["crm.cid.key"].sudo()
        types = KeyType.browse(
            {vals["key_type_id"] for vals in to_create} | set(to_restore.key_type_id.ids)
        ).filtered(lambda t: t.uniqueness in lenient)
        if not types:
            return to_restore, to_create
        # (type id, value, partner, item) for every candidate, item = key or vals
        candidates = [
            (key.key_type_id, key.value_normalized, key.partner_id, key) for key in to_restore
        ]
        partners = self.sudo().browse({vals["partner_id"] for vals in to_create})
        for vals in to_create:
            key_type = types.browse(vals["key_type_id"])
            value = normalize_key(key_type.code, vals["value"]) if key_type in types else False
            candidates.append((key_type, value, partners.browse(vals["partner_id"]), vals))
        candidates = [c for c in candidates if c[0] in types and c[1]]
        if not candidates:
            return to_restore, to_create
        # (type id, value) -> (partner, commercial partner) holding it now
        owners = {}
        for key in Key.search(
            [
                ("key_type_id", "in", types.ids),
                ("value_normalized", "in", list({c[1] for c in candidates})),
                ("id", "not in", to_restore.ids),
            ]
        ):
            owners.setdefault(
                (key.key_type_id.id, key.value_normalized),
                (key.partner_id, key.commercial_partner_id),
            )
        flagged_keys = Key
        for key_type, value, partner, item in candidates:
            pair = (key_type.id, value)
            owner = owners.get(pair)
            taken = owner and (
                (key_type.uniqueness == "global" and owner[0] != partner)
                or (
                    key_type.uniqueness == "commercial"
                    and owner[1] != partner.commercial_partner_id
                )
            )
            if not taken:
                owners.setdefault(pair, (partner, partner.commercial_partner_id))
                continue
            # ids only: the value is personal data
            _logger.info(
                "Key %s of partner %s kept archived: partner %s holds the same value",
                key_type.code,
                partner.id,
                owner[0].id,
            )
            if isinstance(item, dict):
                item.update(active=False, is_conflict=True)
            else:
                flagged_keys |= item
        flagged_keys.write({"is_conflict": True})
        return to_restore - flagged_keys, to_create
