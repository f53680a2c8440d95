"""The resolution API: which customer some identity keys point at."""

from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools.customer import pick_customer
from ..tools.echo import echo_value
from ..tools.keys import KEY_TYPES, normalize_key
from ..tools.national_id import NationalIdError

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


class ResPartner(models.Model):
    _inherit = "res.partner"

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
            owner = self._cid_former_cid_owners([normalized["cid"]]).get(normalized["cid"])
            if owner:
                hits.append((*owner, "cid", normalized["cid"]))
        customers = {}
        for _partner_id, commercial_id, cid, code, _value in hits:
            customer = customers.setdefault(commercial_id, {"cid": cid, "matched": []})
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
        partner_id, commercial_id, _conflict = pick_customer((hit[0], hit[1]) for hit in hits)
        if partner_id:
            result.update(
                partner_id=partner_id,
                commercial_partner_id=commercial_id,
                cid=customers[commercial_id]["cid"],
            )
        return result

    @api.model
    def _cid_former_cid_owners(self, cids):
        """Return the customers that former customer numbers now stand for.

        A number that no contact holds any more, because its customer was
        merged into another one, is kept as an alias (``crm.cid.alias``) of
        the contact that absorbed it. The one place where that fallback is
        read, with the rights of ``self``'s environment (aliases and contacts
        the caller may not read are left out).

        :param cids: iterable of normalised customer numbers
        :return: ``{cid: (partner_id, commercial_partner_id, current cid)}``
            for the numbers that have an alias
        """
        cids = [cid for cid in set(cids) if cid]
        if not cids:
            return {}
        aliases = self.env["crm.cid.alias"].search_fetch(
            [("cid", "in", cids)], ["cid", "partner_id"]
        )
        if not aliases:
            return {}
        # the contacts are read within the same rights: one the caller may
        # not read is left out, as a key of it would be
        partners = self.with_context(active_test=False).search_fetch(
            [("id", "in", aliases.partner_id.ids)], ["commercial_partner_id", "cid"]
        )
        found = {partner.id: partner for partner in partners}
        return {
            alias.cid: (
                alias.partner_id.id,
                found[alias.partner_id.id].commercial_partner_id.id,
                found[alias.partner_id.id].cid,
            )
            for alias in aliases
            if alias.partner_id.id in found
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
