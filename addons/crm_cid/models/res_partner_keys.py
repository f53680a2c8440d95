"""Identity keys of a contact: added by hand or by RPC, and synchronised from its fields."""

import logging

from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.echo import echo_value
from ..tools.keys import normalize_key
from ..tools.national_id import NationalIdError

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    _inherit = "res.partner"

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
        # each field read once for the whole recordset (the national ID
        # feeds two key types), in the order of the records
        columns = {name: self.mapped(name) for name in {t[2] for t in types} | {"active"}}
        for index, partner_id in enumerate(self.ids):
            wanted = desired.setdefault(partner_id, {})
            if not columns["active"][index]:
                continue
            for type_id, code, field_name in types:
                raw = columns[field_name][index]
                if not raw:
                    continue
                try:
                    value = normalize_key(code, raw)
                except NationalIdError:
                    continue
                if value:
                    wanted.setdefault((type_id, value), raw)
        return desired

    def _cid_sync_keys(self, new=False):
        """Create, update or archive the keys that mirror the partners' own fields.

        Works on the whole recordset with a fixed number of queries: the keys
        held (new contacts may hold some already: given with their values, or
        synchronised by a write made while they were created; for them a
        plain test of whether any is held comes first, the usual answer being
        none), the customers holding the values with the ids of the new keys
        (one query), one ``COPY`` of the new keys
        (:meth:`crm.cid.key._cid_insert_synced`). Runs as
        superuser: the keys copy values of the partner that the caller just
        wrote (and the national ID is readable only by the sensitive group).
        A mobile or e-mail that another customer holds is stored archived and
        flagged (see :meth:`_cid_drop_conflicts`); with the context key
        ``crm_cid_skip_conflicts`` (installation on existing data) national
        IDs are flagged the same way instead of raising.

        :param bool new: the partners were just created (they exist)
        """
        type_info = self.env["crm.cid.key.type"]._cid_get_type_info()
        types = [
            (type_id, code, field_name)
            for type_id, (code, _uniqueness, field_name) in type_info.items()
            if field_name and field_name in self._fields
        ]
        partners = self.sudo() if new else self.sudo().exists()
        if not partners or not types:
            return
        desired = partners._cid_desired_keys(types)
        Key = self.env["crm.cid.key"].sudo().with_context(active_test=False)
        type_ids = [t[0] for t in types]
        existing = Key
        # new contacts never given a key in this transaction hold none
        if not new or (
            not Key._cid_keyed_partner_ids().isdisjoint(partners.ids)
            and partners._cid_hold_keys(type_ids)
        ):
            # ordered by id: the model's order joins the contacts, whose
            # pending computed values would be flushed for it
            existing = Key.search_fetch(
                [("partner_id", "in", partners.ids), ("key_type_id", "in", type_ids)],
                ["partner_id", "key_type_id", "value", "value_normalized", "source", "active"],
                order="id",
            )
        by_partner = {}
        for key in existing:
            by_partner.setdefault(key.partner_id.id, {})[
                (key.key_type_id.id, key.value_normalized)
            ] = key
        to_create = []
        to_archive = Key
        to_restore = Key
        for partner_id, wanted in desired.items():
            have = by_partner.get(partner_id, {})
            for pair, raw in wanted.items():
                key = have.get(pair)
                if not key:
                    to_create.append(
                        {
                            "partner_id": partner_id,
                            "key_type_id": pair[0],
                            "value": raw,
                            "value_normalized": pair[1],
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
        to_restore, to_create, taken = self._cid_drop_conflicts(
            to_restore,
            to_create,
            strict_global=not self.env.context.get("crm_cid_skip_conflicts"),
            draw_ids=True,
        )
        to_restore.write({"active": True, "is_conflict": False})
        if taken:
            # a value of one customer only (a national ID) held by another:
            # the key's own checks refuse it, with the message they give
            Key.create([{f: v for f, v in vals.items() if f != "id"} for vals in to_create])
        else:
            Key._cid_insert_synced(to_create)

    def _cid_hold_keys(self, type_ids):
        """Whether one of the partners holds a key of ``type_ids``, archived or not.

        One plain query, after the pending writes of keys: the existence of
        keys tells nothing the caller may not know (it runs as superuser).
        """
        self.env["crm.cid.key"].flush_model(["partner_id", "key_type_id"])
        return bool(
            self.env.execute_query(
                SQL(
                    "SELECT 1 FROM crm_cid_key WHERE partner_id IN %s AND key_type_id IN %s"
                    " LIMIT 1",
                    tuple(self.ids),
                    tuple(type_ids),
                )
            )
        )

    def _cid_drop_conflicts(self, to_restore, to_create, strict_global=True, draw_ids=False):
        """Flag the synced keys whose value another customer already holds.

        A contact's own mobile or e-mail may legitimately be shared by two
        customers (a family mobile, one accountant for several companies), and
        Odoo itself allows it: such keys ('commercial' uniqueness) are stored
        archived with ``is_conflict`` instead of refusing the contact, so that
        resolution never guesses and the duplicate finder lists the pair.
        Keys of 'global' uniqueness (national IDs) still refuse, unless
        ``strict_global`` is False (installation on existing data): they are
        reported as taken, for the caller to let the key's checks refuse them.
        One query finds the holders of every value, those of the batch itself
        counted in order.

        :param to_restore: archived synced keys about to be restored
        :param to_create: values of synced keys about to be created, each
            with its ``value_normalized``
        :param bool draw_ids: the values to create get their ``id`` too,
            drawn by the query that finds the holders (the set-based insert
            of :meth:`crm.cid.key._cid_insert_synced` then draws none); not
            when no value needs that query
        :return: ``(keys to restore, values to create, taken)``; flagged keys
            are written here, flagged values get ``active=False,
            is_conflict=True``; ``taken`` tells whether a value to create of
            'global' uniqueness belongs to another customer (``strict_global``)
        """
        lenient = ("commercial",) if strict_global else ("commercial", "global")
        type_info = self.env["crm.cid.key.type"]._cid_get_type_info()

        def uniqueness(type_id):
            return type_info[type_id][1] if type_id in type_info else "none"

        Key = self.env["crm.cid.key"].sudo()
        # (type id, value, partner, item) for every candidate, item = key or vals
        candidates = [
            (key.key_type_id.id, key.value_normalized, key.partner_id.id, key)
            for key in to_restore
            if uniqueness(key.key_type_id.id) in lenient
        ]
        partners = self.sudo().browse({vals["partner_id"] for vals in to_create})
        candidates += [
            (vals["key_type_id"], vals["value_normalized"], vals["partner_id"], vals)
            for vals in to_create
            if uniqueness(vals["key_type_id"]) in ("commercial", "global")
        ]
        candidates = [c for c in candidates if c[1]]
        if not candidates:
            return to_restore, to_create, False
        # (type id, value) -> (partner id, commercial partner id) holding it
        # now; read without the record rules (the user may not see the
        # holder) and after the pending writes of keys
        Key.flush_model(
            ["key_type_id", "value_normalized", "partner_id", "commercial_partner_id", "active"]
        )
        holders, new_ids = Key._cid_active_holders_and_ids(
            ((c[0], c[1]) for c in candidates),
            to_restore.ids,
            count=len(to_create) if draw_ids else 0,
        )
        for vals, key_id in zip(to_create if draw_ids else (), new_ids, strict=True):
            vals["id"] = key_id
        owners = {}
        for _key_id, type_id, value, partner_id, commercial_id in holders:
            owners.setdefault((type_id, value), (partner_id, commercial_id))
        # the commercial entity of each contact concerned, read once
        partners |= to_restore.partner_id
        commercial = {partner.id: partner.commercial_partner_id.id for partner in partners}
        flagged_keys = Key
        taken = False
        for type_id, value, partner_id, item in candidates:
            pair = (type_id, value)
            owner = owners.get(pair)
            kind = uniqueness(type_id)
            if not owner or (
                owner[0] == partner_id if kind == "global" else owner[1] == commercial[partner_id]
            ):
                owners.setdefault(pair, (partner_id, commercial[partner_id]))
                continue
            if kind not in lenient:
                taken = True
                continue
            # ids only: the value is personal data
            _logger.info(
                "Key %s of partner %s kept archived: partner %s holds the same value",
                type_info[type_id][0],
                partner_id,
                owner[0],
            )
            if isinstance(item, dict):
                item.update(active=False, is_conflict=True)
            else:
                flagged_keys |= item
        flagged_keys.write({"is_conflict": True})
        return to_restore - flagged_keys, to_create, taken
