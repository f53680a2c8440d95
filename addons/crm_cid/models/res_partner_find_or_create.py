"""Find-or-create: a customer created from its keys, once, under concurrency."""

import psycopg2.errors

from odoo import api, models
from odoo.exceptions import ConcurrencyError, UserError

from ..tools.expected_errors import expected_violations
from ..tools.keys import KEY_TYPES, KEY_UNIQUE_CONSTRAINTS
from ..tools.locks import CID_LOCK_NAMESPACE, key_lock_token, take_locks

# Partner fields written from the keys given to cid_find_or_create.
_KEY_TO_PARTNER_FIELD = {
    "mobile": "mobile",
    "phone": "phone",
    "email": "email",
    "national_id": "national_id",
    "legal_id": "national_id",
}
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


class ResPartner(models.Model):
    _inherit = "res.partner"

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

    @api.model
    def _cid_lock_keys(self, normalized):
        """Take a transaction-level advisory lock on each key, in the canonical order.

        :raises ConcurrencyError: when another transaction held one of the
            locks: it was creating a customer with the same key and has now
            committed or rolled back, but this transaction's snapshot predates
            it, so the caller must start again to see its result
        """
        tokens = (key_lock_token(code, value) for code, value in normalized.items())
        contended = take_locks(self.env.cr, CID_LOCK_NAMESPACE, tokens)
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
            with expected_violations(KEY_UNIQUE_CONSTRAINTS), self.env.cr.savepoint():
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
            if error.diag.constraint_name not in KEY_UNIQUE_CONSTRAINTS:
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
