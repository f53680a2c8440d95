import psycopg2.errors
from markupsafe import Markup

from odoo import api, models, tools
from odoo.exceptions import ConcurrencyError, UserError
from odoo.fields import Domain
from odoo.tools import SQL, email_normalize, html2plaintext

from odoo.addons.crm_cid.models.crm_cid_fold_mixin import FIELD_SEPARATOR, fold_for_search
from odoo.addons.crm_cid.tools.echo import echo_value
from odoo.addons.crm_cid.tools.expected_errors import expected_violations
from odoo.addons.crm_cid.tools.keys import normalize_key
from odoo.addons.crm_cid.tools.locks import take_locks
from odoo.addons.crm_cid.tools.national_id import NationalIdError
from odoo.addons.crm_cid.tools.phone import normalize_phone

from ..tools.ingest import (
    LOCK_NAMESPACE,
    IngestError,
    check_storable,
    find_phone_number,
    is_absent,
    lock_token,
    parse_datetime,
    parse_direction,
    parse_duration,
    parse_external_id,
    parse_links,
    parse_provider,
    parse_text,
    resolve_customer,
    split_keys,
)

# Largest batch accepted by ingest() and reconcile(): one transaction each.
MAX_BATCH = 10000
# Key types a telephone number can be stored under.
PHONE_KEY_TYPES = ("mobile", "phone", "whatsapp")
# The unique index of provider ids: (channel, provider, external id).
_UNIQUE_INDEX = "crm_interaction_provider_external_id_uniq"
# Fields that the bulk insert of ingested interactions writes itself.
BULK_FIELDS = frozenset(
    {
        "channel_id",
        "external_id",
        "provider",
        "direction",
        "occurred_at",
        "received_at",
        "subject",
        "body",
        "summary",
        "reason_id",
        "duration",
        "state",
        "partner_id",
        "has_conflict",
        "message_id",
        "sms_id",
        "user_id",
        "team_id",
    }
)
# Context of the batch creation: no tracking, no creation message, no follower.
_QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------

    @api.model
    def ingest(self, items):
        """Store a batch of interactions received from a provider.

        Each item is a dict:

        * ``channel`` (required): a channel code (``mobile``, ``email``,
          ``telegram``, ``bale``...);
        * ``direction`` (required): ``inbound``, ``outbound`` or ``internal``;
        * ``external_id`` (required): the provider's id of the message or call,
          unique per channel and provider; sending it again is harmless;
        * ``provider``: the provider or route the item comes from
          (``sms_kavenegar``, ``telegram:<bot>``, ``whatsapp:<phone number
          id>``...; default empty): two providers of one channel may use the
          same ids, and both are stored;
        * ``occurred_at`` (required): ISO 8601 date-time; without a time zone
          it is read as UTC; ``received_at`` likewise (default: now);
        * identity keys of the customer, flat (``"mobile": "0912..."``) or
          under ``keys``: any key type of the customer identity module
          (``mobile``, ``phone``, ``email``, ``national_id``, ``telegram``,
          ``instagram``, ``whatsapp``, ``cid``...) or its aliases; the key type
          ``external_id`` only under ``keys``;
        * ``subject``, ``body`` (HTML), ``summary`` (text), ``reason`` (a reason
          code), ``duration`` (seconds), ``links``
          (``[{"model": "sale.order", "id": 7}]``).

        One bad item never stops the others: it is kept in the quarantine
        with its error.

        :param list items: up to 10,000 dicts
        :return: one dict per item, in the same order: ``status``
            (``created``, ``duplicate``, ``unmatched`` or ``rejected``), ``id``
            (the interaction, also the existing one for a duplicate),
            ``partner_id``, ``cid``, ``error`` (text, for ``rejected``) and
            ``quarantine_id`` (for ``rejected``)
        :raises UserError: when ``items`` is not a list or is too long
        :raises AccessError: when the user may not create interactions
        """
        return self._interaction_ingest(items, quarantine=True)

    @api.model
    @api.readonly
    def reconcile(self, channel, external_ids, provider=None):
        """Tell which provider ids of a channel are stored here.

        :param str channel: a channel code
        :param list external_ids: provider ids (strings or integers)
        :param str provider: only ids stored from this provider (``''`` for
            items sent without one); by default, from any provider of the channel
        :return: ``{"missing": [ids neither stored nor quarantined],
            "present": number of ids stored as interactions,
            "quarantined": [ids waiting in the quarantine]}``
        :raises UserError: for an unknown channel or a malformed list
        :raises AccessError: when the user may not read interactions
        """
        self.check_access("read")
        if not isinstance(external_ids, list) or len(external_ids) > MAX_BATCH:
            raise UserError(
                self.env._(
                    "Send the provider ids as a list of at most %(max)s items.", max=MAX_BATCH
                )
            )
        channel_id = isinstance(channel, str) and self._interaction_get_channels().get(channel)
        if not channel_id:
            raise UserError(
                self.env._("%(channel)s is not a known channel code.", channel=echo_value(channel))
            )
        wanted = []
        for value in external_ids:
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise UserError(self.env._("Provider ids must be strings or integers."))
            text = str(value).strip()
            if text and text not in wanted:
                wanted.append(text)
        if provider is not None and not isinstance(provider, str):
            raise UserError(self.env._("The provider must be a string."))
        if not wanted:
            return {"missing": [], "present": 0, "quarantined": []}
        provider = provider.strip() if provider is not None else None
        existing = self._interaction_existing(
            [(channel_id, provider, ext) for ext in wanted], any_provider=provider is None
        )
        # within the caller's rights: an interaction they may neither read nor
        # have sent themselves is reported like a missing one, and so is an
        # item of the quarantine (managers read it; others see their own)
        known = self._interaction_known_ids([rec[0] for rec in existing.values()])
        present_ids = {key[-1] for key, rec in existing.items() if rec[0] in known}
        Quarantine = self.env["crm.interaction.quarantine"]
        domain = (
            Domain("channel_code", "=", channel)
            & Domain("external_id", "in", [ext for ext in wanted if ext not in present_ids])
            & Domain("state", "=", "new")
        )
        if provider is not None:
            domain &= Domain("provider", "=", provider or False)
        if not Quarantine.has_access("read"):
            # only the provider ids are read: every item for those who handle
            # every interaction, the caller's own items for the others
            Quarantine = Quarantine.sudo()
            if not self.env.user.has_group("crm_interaction.group_interaction_all"):
                domain &= Domain("create_uid", "=", self.env.uid)
        quarantined = set(Quarantine.search_fetch(domain, ["external_id"]).mapped("external_id"))
        return {
            "missing": [ext for ext in wanted if ext not in present_ids and ext not in quarantined],
            "present": len(present_ids),
            "quarantined": [ext for ext in wanted if ext in quarantined],
        }

    @api.model
    @api.readonly
    def caller_card(self, number):
        """Describe the customer calling from a telephone number.

        :param str number: the number in any usual format (``+98 912...``,
            ``0912...``, Persian digits...)
        :return: ``{"found", "number", "partner_id", "name", "cid",
            "last_interactions": [{"id", "date", "channel", "subject",
            "direction", "state"}] (the five latest), "open_interactions",
            "cautions": [text], "candidates": [{"partner_id", "name", "cid"}]}``;
            ``found`` is False when nobody or several customers have the
            number (then listed in ``candidates``)
        """
        self.check_access("read")
        e164 = normalize_phone(number) if isinstance(number, (str, int)) else None
        card = {
            "found": False,
            "number": e164 or False,
            "partner_id": False,
            "name": False,
            "cid": False,
            "last_interactions": [],
            "open_interactions": 0,
            "cautions": [],
            "candidates": [],
        }
        if not e164:
            return card
        matches = self.env["res.partner"]._cid_match_keys(
            [(code, e164) for code in PHONE_KEY_TYPES]
        )
        commercial_ids = sorted({c for hits in matches.values() for _p, c in hits})
        partners = self.env["res.partner"].browse(commercial_ids)._filtered_access("read")
        if len(partners) != 1:
            card["candidates"] = [
                {"partner_id": p.id, "name": p.display_name, "cid": p.cid or False}
                for p in partners
            ]
            return card
        card.update(found=True, **self._caller_card_values(partners))
        return card

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    @api.model
    def _caller_card_values(self, partner):
        """Return the caller card of a commercial partner (without ``found``).

        Addons add their own entries (open tickets, opportunities...) by
        calling ``super()`` and updating the dict.
        """
        Interaction = self.env["crm.interaction"]
        domain = Domain("commercial_partner_id", "=", partner.id)
        last = Interaction.search_fetch(
            domain, ["occurred_at", "channel_id", "subject", "direction", "state"], limit=5
        )
        counts = dict(
            Interaction._read_group(
                domain & Domain("state", "!=", "handled"), ["reason_id"], ["__count"]
            )
        )
        cautions = []
        for reason, count in counts.items():
            if reason.is_caution:
                cautions.append(
                    self.env._("%(count)s open: %(reason)s", count=count, reason=reason.name)
                )
        note = html2plaintext(partner.comment or "").strip()
        if note:
            cautions.append(self.env._("Note: %(note)s", note=note))
        return {
            "partner_id": partner.id,
            "name": partner.display_name,
            "cid": partner.cid or False,
            "last_interactions": [
                {
                    "id": interaction.id,
                    "date": interaction.occurred_at.isoformat(sep=" "),
                    "channel": interaction.channel_id.code,
                    "subject": interaction.subject or interaction.display_name,
                    "direction": interaction.direction,
                    "state": interaction.state,
                }
                for interaction in last
            ],
            "open_interactions": sum(counts.values()),
            "cautions": cautions,
        }

    @api.model
    def _interaction_get_channels(self):
        """Return ``{code: id}`` of the active channels."""
        return {
            c.code: c.id for c in self.env["crm.interaction.channel"].search_fetch([], ["code"])
        }

    @api.model
    def _interaction_get_reasons(self):
        """Return ``{code: id}`` of the active reasons."""
        return {r.code: r.id for r in self.env["crm.interaction.reason"].search_fetch([], ["code"])}

    # ------------------------------------------------------------------
    # Ingestion engine
    # ------------------------------------------------------------------

    @api.model
    def _interaction_ingest(self, items, quarantine=True):
        """Run :meth:`ingest`; with ``quarantine=False`` rejected items are only reported."""
        if not isinstance(items, list):
            raise UserError(self.env._("Send the interactions as a list of dicts."))
        if len(items) > MAX_BATCH:
            raise UserError(
                self.env._(
                    "Send at most %(max)s interactions per call; split the batch.", max=MAX_BATCH
                )
            )
        self.check_access("create")
        results = [None] * len(items)
        channels = self._interaction_get_channels()
        reasons = self._interaction_get_reasons()
        entries = []
        rejected = {}
        for index, item in enumerate(items):
            try:
                entries.append(self._interaction_parse_item(index, item, channels, reasons))
            except IngestError as error:
                message = error.message
                rejected[index] = message if isinstance(message, str) else self.env._(message)
        for index, message in self._interaction_check_links(entries).items():
            rejected[index] = message
        entries = [entry for entry in entries if entry["index"] not in rejected]
        for entry, result in zip(entries, self._interaction_store(entries), strict=True):
            results[entry["index"]] = result
        quarantine_ids = {}
        if quarantine and rejected:
            quarantine_ids = self.env["crm.interaction.quarantine"]._quarantine_store(
                [(items[index], message) for index, message in sorted(rejected.items())]
            )
        for position, (index, message) in enumerate(sorted(rejected.items())):
            results[index] = {
                "status": "rejected",
                "id": False,
                "partner_id": False,
                "cid": False,
                "error": message,
                "quarantine_id": quarantine_ids[position] if quarantine_ids else False,
            }
        return results

    @api.model
    def _interaction_parse_item(self, index, item, channels, reasons):
        """Validate one payload item and return its entry for :meth:`_interaction_store`.

        :raises IngestError: with the reason the item is refused
        """
        if not isinstance(item, dict):
            raise IngestError(self.env._("Each interaction must be a dict."))
        check_storable(item)
        Partner = self.env["res.partner"]
        code = item.get("channel")
        if not isinstance(code, str) or code not in channels:
            raise IngestError(self.env._("%(value)s is not a known channel code.", value=code))
        external_id = parse_external_id(item.get("external_id"))
        direction = parse_direction(item.get("direction"))
        occurred_at = parse_datetime(item.get("occurred_at"))
        received_at = (
            None
            if is_absent(item.get("received_at"))
            else parse_datetime(item["received_at"], "received_at")
        )
        reason_id = False
        if not is_absent(item.get("reason")):
            reason_id = reasons.get(item["reason"]) if isinstance(item["reason"], str) else None
            if not reason_id:
                raise IngestError(
                    self.env._("%(value)s is not a known reason code.", value=item["reason"])
                )
        raw_keys = split_keys(item, lambda name: bool(Partner._cid_key_code(name)))
        normalized, errors = Partner._cid_normalize_keys(raw_keys)
        if errors:
            raise IngestError(Partner._cid_errors_message(errors))
        keys = []
        for name, raw in raw_keys.items():
            key_code = Partner._cid_key_code(name)
            key = (key_code, str(raw), normalized[key_code])
            if all(k[0] != key_code for k in keys):
                keys.append(key)
        vals = {
            "channel_id": channels[code],
            "external_id": external_id,
            "provider": parse_provider(item.get("provider")),
            "direction": direction,
            "occurred_at": occurred_at,
            "subject": parse_text(item, "subject"),
            "body": parse_text(item, "body"),
            "summary": parse_text(item, "summary"),
            "reason_id": reason_id,
            "duration": parse_duration(item.get("duration")),
            "state": "new",
        }
        if received_at:
            vals["received_at"] = received_at
        return {
            "index": index,
            "vals": vals,
            "keys": keys,
            "links": parse_links(item.get("links")),
            "partner_id": None,
        }

    @api.model
    def _interaction_check_links(self, entries):
        """Check that linked documents exist: one query per model.

        Also stores the display name of each link on the entry.

        :return: ``{index: error message}`` for entries with a bad link
        """
        errors = {}
        by_model = {}
        for entry in entries:
            for model, res_id in entry["links"]:
                by_model.setdefault(model, set()).add(res_id)
        names = {}
        for model, ids in by_model.items():
            Model = self.env.get(model)
            if Model is None or Model._abstract or Model._transient:
                continue
            # within the caller's rights: a document they may not read is
            # refused like one that does not exist, so that ingest tells
            # nothing of the documents outside their rights
            for record in Model.browse(ids).exists()._filtered_access("read"):
                names[(model, record.id)] = record.display_name
        for entry in entries:
            for model, res_id in entry["links"]:
                Model = self.env.get(model)
                if Model is None or Model._abstract or Model._transient:
                    errors[entry["index"]] = self.env._(
                        "%(model)s is not a document model of this database.", model=model
                    )
                    break
                if (model, res_id) not in names:
                    errors[entry["index"]] = self.env._(
                        "The linked document %(model)s %(id)s does not exist or you may not "
                        "read it.",
                        model=model,
                        id=res_id,
                    )
                    break
            entry["link_names"] = names
        return errors

    @api.model
    def _interaction_existing(self, keys, any_provider=False):
        """Return ``{(channel_id, provider, external_id): (id, partner_id, cid)}`` of stored keys.

        One probe of the unique index (channel, provider, external id) per
        key, bypassing record rules: a provider id is stored once per channel
        and provider whoever may see the interaction, and the unique index
        would refuse the second anyway. The probes take the index's whole key
        (``OFFSET 0`` keeps them apart): given the ids and the channels as two
        lists, PostgreSQL walked every entry of the channels in the index,
        a time growing with the channel's history.

        :param keys: ``(channel_id, provider, external_id)`` triples; an
            empty provider stands for items sent without one
        :param bool any_provider: match the ids stored from any provider of
            the channel (the provider of the keys is then ignored, and the
            result is keyed ``(channel_id, None, external_id)``); each id is
            probed with every provider the channel has stored
        """
        if not keys:
            return {}
        self.env["crm.interaction"].flush_model(
            ["channel_id", "provider", "external_id", "partner_id", "cid"]
        )
        if any_provider:
            providers = self._interaction_channel_providers({key[0] for key in keys})
            probes = {
                (channel_id, provider, ext)
                for channel_id, _provider, ext in keys
                for provider in providers.get(channel_id, ())
            }
        else:
            probes = {(channel_id, provider or "", ext) for channel_id, provider, ext in keys}
        if not probes:
            return {}
        probes = sorted(probes)
        rows = self.env.execute_query(
            SQL(
                "SELECT i.channel_id, i.provider, i.external_id, i.id, i.partner_id, i.cid"
                " FROM unnest(%s::int[], %s::varchar[], %s::varchar[])"
                " AS probe(channel_id, provider, external_id)"
                " CROSS JOIN LATERAL (SELECT channel_id, COALESCE(provider, '') AS provider,"
                " external_id, id, partner_id, cid FROM crm_interaction"
                " WHERE channel_id = probe.channel_id"
                " AND COALESCE(provider, '') = probe.provider"
                " AND external_id = probe.external_id AND external_id IS NOT NULL"
                " OFFSET 0) AS i ORDER BY i.id",
                [probe[0] for probe in probes],
                [probe[1] for probe in probes],
                [probe[2] for probe in probes],
            )
        )
        if any_provider:
            found = {}
            for channel_id, _provider, ext, rec_id, partner_id, cid in rows:
                found.setdefault(
                    (channel_id, None, ext), (rec_id, partner_id or False, cid or False)
                )
            return found
        return {
            (channel_id, provider, ext): (rec_id, partner_id or False, cid or False)
            for channel_id, provider, ext, rec_id, partner_id, cid in rows
        }

    @api.model
    def _interaction_channel_providers(self, channel_ids):
        """Return ``{channel_id: [providers]}`` of the provider ids stored per channel.

        Read from the unique index one provider after the other (a few
        index probes per channel, whatever its history), ``''`` standing
        for items sent without a provider.

        :param channel_ids: ids of ``crm.interaction.channel``
        """
        rows = self.env.execute_query(
            SQL(
                """
                WITH RECURSIVE step(channel_id, provider) AS (
                    SELECT c, (SELECT MIN(COALESCE(provider, '')) FROM crm_interaction
                                WHERE channel_id = c AND external_id IS NOT NULL)
                      FROM unnest(%s::int[]) AS c
                    UNION ALL
                    SELECT channel_id, (SELECT MIN(COALESCE(provider, '')) FROM crm_interaction i
                                         WHERE i.channel_id = step.channel_id
                                           AND i.external_id IS NOT NULL
                                           AND COALESCE(i.provider, '') > step.provider)
                      FROM step WHERE provider IS NOT NULL
                )
                SELECT channel_id, provider FROM step WHERE provider IS NOT NULL
                """,
                sorted(channel_ids),
            )
        )
        providers = {}
        for channel_id, provider in rows:
            providers.setdefault(channel_id, []).append(provider)
        return providers

    @api.model
    def _interaction_known_ids(self, ids):
        """Return the ids among ``ids`` of interactions the caller may be told about.

        Those they may read, and those they stored themselves (``ingest``
        answered them with the id when they did).

        :param list ids: interaction ids, existing ones
        :return: a set of ids
        """
        records = self.browse(ids)
        known = set(records._filtered_access("read").ids)
        others = records.filtered(lambda rec: rec.id not in known)
        if others:
            # only the creator of these records is read, to compare it with the caller
            others = others.sudo().filtered(lambda rec: rec.create_uid.id == self.env.uid)
            known.update(others.ids)
        return known

    @api.model
    def _interaction_lock(self, pairs):
        """Lock the (channel, provider, provider id) keys about to be inserted.

        Two transactions storing the same provider id must not both insert
        it. Transaction-level advisory locks are taken in the canonical order
        of :func:`~odoo.addons.crm_cid.tools.locks.take_locks` (so two batches
        never deadlock); when another transaction held one, they are all
        waited for and :class:`ConcurrencyError` is raised: the
        other transaction has committed or rolled back by then, but this
        one's snapshot (PostgreSQL REPEATABLE READ) cannot see its rows, so
        the caller must start again. The RPC layer retries such errors with
        a fresh transaction, which then reports the items as duplicates.
        Rows committed after this transaction's snapshot but before the locks
        are caught by the unique index in :meth:`_interaction_store`.
        """
        tokens = (lock_token(*key) for key in pairs)
        if not take_locks(self.env.cr, LOCK_NAMESPACE, tokens):
            return
        raise ConcurrencyError(
            self.env._("Another request was storing the same interactions; try again.")
        )

    @api.model
    def _interaction_store(self, entries):
        """Store parsed entries in bulk; return one result dict per entry.

        Duplicates (already stored, or repeated in the batch) are reported
        with the existing id. The rest are locked, identified with one key
        lookup and created with one ``create()`` each for interactions,
        received keys and links.

        :param list entries: dicts with ``vals``, ``keys`` (``[(type_code,
            raw, normalised)]``), ``links`` (``[(model, id)]``),
            ``link_names`` and ``partner_id`` (a known customer, or None to
            resolve it from the keys)
        :raises ConcurrencyError: when another transaction stored some of the
            same provider ids meanwhile (retried by the RPC layer)
        """
        if not entries:
            return []
        # the unique key of each entry: (channel, provider, provider id)
        pair_of = [
            (e["vals"]["channel_id"], e["vals"].get("provider") or "", e["vals"]["external_id"])
            for e in entries
        ]
        existing = self._interaction_existing(pair_of)
        first_of = {}
        new_entries = []
        for position, pair in enumerate(pair_of):
            if pair not in existing and pair not in first_of:
                first_of[pair] = position
                new_entries.append(entries[position])
        self._interaction_lock(list(first_of))
        key_pairs = {
            (code, value)
            for entry in new_entries
            if entry["partner_id"] is None
            for code, _raw, value in entry["keys"]
        }
        matches = self._interaction_match_keys(key_pairs) if key_pairs else {}
        vals_list = []
        identified = set()
        for entry in new_entries:
            if entry["partner_id"] is None:
                pairs = [(code, value) for code, _raw, value in entry["keys"]]
                partner_id, _commercial_id, conflict = resolve_customer(pairs, matches)
            else:
                partner_id, conflict = entry["partner_id"], False
            if partner_id:
                identified.add(
                    (
                        entry["vals"]["channel_id"],
                        entry["vals"].get("provider") or "",
                        entry["vals"]["external_id"],
                    )
                )
            vals_list.append(dict(entry["vals"], partner_id=partner_id, has_conflict=conflict))
        created = self.browse()
        if vals_list:
            try:
                with expected_violations({_UNIQUE_INDEX}), self.env.cr.savepoint():
                    created = self._interaction_bulk_create(vals_list)
                    self._interaction_create_lines(created, new_entries)
                    self.env.flush_all()
            except psycopg2.errors.UniqueViolation as error:
                if error.diag.constraint_name != _UNIQUE_INDEX:
                    raise
                # committed by another transaction after this one's snapshot
                raise ConcurrencyError(
                    self.env._("Another request stored the same interactions; try again.")
                ) from error
        # read back as superuser: an item may concern a customer outside the
        # caller's portfolio; it is stored all the same (nothing is lost) and
        # the caller learns only its id and the customer it named by its own
        # keys, which cid_resolve tells every employee anyway
        created = created.sudo()
        # the four columns of the results, not every column of the batch
        created.fetch(["channel_id", "provider", "external_id", "partner_id", "cid"])
        stored = {
            pair_of[first_of[(rec.channel_id.id, rec.provider or "", rec.external_id)]]: rec
            for rec in created
        }
        # an interaction stored before is named only to a caller who may read
        # it: the others learn that the provider id is known, as the unique
        # index would tell them, and nothing of the interaction
        readable = self._interaction_known_ids(
            [rec_id for rec_id, _partner_id, _cid in existing.values()]
        )
        results = []
        for position, pair in enumerate(pair_of):
            if pair in existing:
                rec_id, partner_id, cid = existing[pair]
                if rec_id not in readable:
                    rec_id = partner_id = cid = False
                results.append(self._interaction_result("duplicate", rec_id, partner_id, cid))
                continue
            record = stored[pair]
            if first_of[pair] != position:
                status = "duplicate"
            else:
                status = "created" if pair in identified else "unmatched"
            results.append(
                self._interaction_result(status, record.id, record.partner_id.id, record.cid)
            )
        return results

    @api.model
    def _interaction_match_keys(self, pairs):
        """Look keys up like ``res.partner._cid_match_keys``, former CIDs included.

        A ``cid`` key that no customer holds any more but that was kept as an
        alias when its customer was merged (``crm.cid.alias``) points at the
        customer it was merged into. One query for the keys, one for the
        aliases still missing.

        :param pairs: iterable of ``(type_code, value_normalized)``
        :return: ``{pair: [(partner_id, commercial_partner_id)]}``
        """
        pairs = set(pairs)
        matches = self.env["res.partner"]._cid_match_keys(pairs)
        former = [value for code, value in pairs if code == "cid" and (code, value) not in matches]
        if former:
            # an alias only maps a former number to the current customer; the
            # caller learns no more than matching the current CID would give
            owners = self.env["res.partner"].sudo()._cid_former_cid_owners(former)
            for cid, (partner_id, commercial_id, _cid) in owners.items():
                matches[("cid", cid)] = [(partner_id, commercial_id)]
        return matches

    @api.model
    def _interaction_bulk_create(self, vals_list):
        """Create interactions with one ``COPY``; return them in order.

        Batches of ingested interactions are written straight to the table:
        the ORM's per-record creation (defaults, sanitising, computed fields,
        tracking) costs several times more than the rest of the ingestion.
        The stored computed and related columns (customer's commercial entity
        and CID, identification state, response time, folded subject) are
        filled here from one read of the partners, and the response times of
        the customers are then updated as after ``create()``. The other stored
        fields, those other modules add included, get their defaults and
        computed values after the insert (:meth:`_interaction_bulk_complete`).
        Values holding other fields than :data:`BULK_FIELDS` go through
        ``create()``.

        :param list vals_list: values as for ``create()``
        :return: the new ``crm.interaction`` records, in the order of ``vals_list``
        """
        if not vals_list:
            return self.browse()
        if any(vals.keys() - BULK_FIELDS for vals in vals_list):
            return self.with_context(**_QUIET).create(vals_list)
        self.env["res.partner"].flush_model(["commercial_partner_id", "cid"])
        partner_ids = list({vals["partner_id"] for vals in vals_list if vals.get("partner_id")})
        partners = {}
        if partner_ids:
            rows = self.env.execute_query(
                SQL(
                    "SELECT id, commercial_partner_id, cid FROM res_partner WHERE id = ANY(%s)",
                    partner_ids,
                )
            )
            partners = {pid: (commercial_id, cid) for pid, commercial_id, cid in rows}
        now = self.env.cr.now().replace(tzinfo=None)
        uid = self.env.uid
        company_id = self.env.company.id
        body_field = self._fields["body"]
        fold_fields = self._cid_fold_fields
        rows = []
        for vals in vals_list:
            partner_id = vals.get("partner_id") or None
            commercial_id, cid = partners.get(partner_id, (None, None))
            conflict = bool(vals.get("has_conflict")) and not partner_id
            body = vals.get("body") or None
            if body and not any(char in body for char in "<>&"):
                body = Markup("<p>%s</p>") % body
            elif body:
                body = body_field.convert_to_column(body, self)
            # the folded subject, as crm.cid.fold.mixin computes it on create()
            folded = (fold_for_search(vals.get(fname) or "") for fname in fold_fields)
            fold_text = FIELD_SEPARATOR.join(part for part in folded if part) or None
            match_state = "matched" if partner_id else ("conflict" if conflict else "unmatched")
            # one column per key: every other stored field is completed after
            # the insert (_interaction_bulk_complete)
            rows.append(
                {
                    "channel_id": vals["channel_id"],
                    "external_id": vals.get("external_id") or None,
                    "provider": vals.get("provider") or "",
                    "direction": vals.get("direction") or "inbound",
                    "occurred_at": vals.get("occurred_at") or now,
                    "received_at": vals.get("received_at") or now,
                    "subject": vals.get("subject") or None,
                    "body": body,
                    "summary": vals.get("summary") or None,
                    "reason_id": vals.get("reason_id") or None,
                    "duration": vals.get("duration") or 0,
                    "state": vals.get("state") or "new",
                    "partner_id": partner_id,
                    "commercial_partner_id": commercial_id,
                    "cid": cid,
                    "has_conflict": conflict,
                    "match_state": match_state,
                    "message_id": vals.get("message_id") or None,
                    "sms_id": vals.get("sms_id") or None,
                    "user_id": vals.get("user_id") or None,
                    "team_id": vals.get("team_id") or None,
                    "company_id": company_id,
                    "response_seconds": 0,
                    "create_uid": uid,
                    "write_uid": uid,
                    "create_date": now,
                    "write_date": now,
                    "cid_fold_text": fold_text,
                }
            )
        # the rows with ids drawn first, written with one COPY: PostgreSQL
        # reads plain lines instead of parsing a literal for every value of
        # an INSERT (about a quarter of the statement's time for 500 rows).
        # A provider id stored meanwhile by a concurrent request breaks the
        # unique index: expected, and turned into a retry by the caller (a
        # COPY's failure is not logged as a failed query either)
        columns = tuple(rows[0])
        Insert = self.env["crm.cid.import.insert"]
        ids = Insert._insert_next_ids(self, len(rows))
        for row, new_id in zip(rows, ids, strict=True):
            row["id"] = new_id
        self.flush_model()
        # the body holds its column's HTML already (wrapped or sanitised above)
        Insert._insert_rows(self, rows, stored_columns=("body",))
        interactions = self.browse(ids)
        self._interaction_bulk_complete(interactions, columns)
        interactions._interaction_after_change()
        return interactions

    @api.model
    def _interaction_bulk_complete(self, interactions, columns):
        """Give rows of the bulk insert what ``create()`` gives the other stored fields.

        A stored field of ``crm.interaction`` outside ``columns`` (one another
        module adds, for instance) gets its default (field default,
        ``ir.default`` or ``default_*`` context key, as ``create()`` reads them)
        with one UPDATE per field that has one, and its value when it is
        computed or related, through the ORM's recomputation. Nothing is done
        when every stored field is a column of the insert.

        :param interactions: the rows just inserted
        :param tuple columns: the fields the insert wrote
        """
        plain, computed = self._interaction_bulk_uncovered(columns)
        if plain:
            defaults = self.default_get(list(plain))
            for fname, value in defaults.items():
                field = self._fields[fname]
                column = field.convert_to_column_insert(value, self)
                if column is None:
                    continue
                self.env.execute_query(
                    SQL(
                        "UPDATE crm_interaction SET %s = %s WHERE id = ANY(%s)",
                        SQL.identifier(fname),
                        column,
                        interactions.ids,
                    )
                )
            interactions.invalidate_recordset(list(defaults))
        if computed:
            for fname in computed:
                self.env.add_to_compute(self._fields[fname], interactions)
            interactions.flush_recordset(list(computed))

    @api.model
    @tools.ormcache("columns")
    def _interaction_bulk_uncovered(self, columns):
        """The stored fields the bulk insert does not write: ``(plain, computed)``.

        :return: two tuples of field names: fields without a compute (they
            take their defaults) and computed or related stored fields
        """
        uncovered = [
            field
            for fname, field in self._fields.items()
            if field.store and field.column_type and fname != "id" and fname not in columns
        ]
        return (
            tuple(field.name for field in uncovered if not field.compute),
            tuple(field.name for field in uncovered if field.compute),
        )

    @api.model
    def _interaction_result(self, status, rec_id, partner_id, cid):
        return {
            "status": status,
            "id": rec_id,
            "partner_id": partner_id or False,
            "cid": cid or False,
            "error": False,
        }

    @api.model
    def _interaction_create_lines(self, interactions, entries):
        """Create the received keys and the links of new interactions, one create each."""
        key_vals = []
        link_vals = []
        for interaction, entry in zip(interactions, entries, strict=True):
            for code, raw, value in entry["keys"]:
                key_vals.append(
                    {
                        "interaction_id": interaction.id,
                        "type_code": code,
                        "value": raw,
                        "value_normalized": value,
                    }
                )
            names = entry.get("link_names", {})
            for model, res_id in entry["links"]:
                link_vals.append(
                    {
                        "interaction_id": interaction.id,
                        "res_model": model,
                        "res_id": res_id,
                        "name": names.get((model, res_id)) or f"{model},{res_id}",
                    }
                )
        if key_vals:
            # one INSERT of unnested arrays, as for the interactions themselves
            now = self.env.cr.now().replace(tzinfo=None)
            uid = self.env.uid
            self.env.execute_query(
                SQL(
                    "INSERT INTO crm_interaction_key (interaction_id, type_code, value, "
                    "value_normalized, create_uid, write_uid, create_date, write_date) "
                    "SELECT interaction_id, type_code, value, value_normalized, %s, %s, %s, %s "
                    "FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::varchar[]) "
                    "AS t(interaction_id, type_code, value, value_normalized)",
                    uid,
                    uid,
                    now,
                    now,
                    [vals["interaction_id"] for vals in key_vals],
                    [vals["type_code"] for vals in key_vals],
                    [vals["value"] for vals in key_vals],
                    [vals["value_normalized"] or None for vals in key_vals],
                )
            )
        if link_vals:
            # the links of interactions this call has just created from the
            # caller's own items (an item may name a customer outside the
            # caller's portfolio, and is stored all the same)
            self.env["crm.interaction.link"].sudo().create(link_vals)

    @api.model
    def _interaction_normalize_value(self, code, raw):
        """Return the normalised value of a key, or False when it does not normalise."""
        try:
            return normalize_key(code, raw) or False
        except (NationalIdError, ValueError):
            return False

    # ------------------------------------------------------------------
    # Capture of Odoo's own e-mails
    # ------------------------------------------------------------------

    @api.model
    def _interaction_thread_partners(self, messages):
        """Return ``{(model, res_id): partner}`` for the documents of some messages.

        The partner is the contact itself on ``res.partner``, else the
        document's ``partner_id`` when it has one. One read per model.
        """
        by_model = {}
        for message in messages:
            if message.model and message.res_id:
                by_model.setdefault(message.model, set()).add(message.res_id)
        result = {}
        for model, ids in by_model.items():
            Model = self.env.get(model)
            if Model is None or Model._abstract:
                continue
            records = Model.browse(ids).exists()
            if model == "res.partner":
                result.update({(model, record.id): record for record in records})
                continue
            field = Model._fields.get("partner_id")
            if field and field.type == "many2one" and field.comodel_name == "res.partner":
                result.update({(model, record.id): record.partner_id for record in records})
        return result

    @api.model
    def _interaction_capture_messages(self, messages):
        """Record e-mails and chatter messages exchanged with customers as interactions.

        Called from ``mail.message.create``, which every e-mail goes through
        once whatever the document it is posted on (the mail gateway refuses
        a second copy of a Message-Id, and the unique provider id of the
        ``email`` channel refuses it here too). The interaction points to the
        message; nothing is copied.

        Direction follows the author: an internal user writes outbound
        e-mails, anybody else inbound ones. The customer is the author of an
        inbound e-mail, or the contact whose thread the e-mail is posted on,
        or the customer of the document it is posted on (its ``partner_id``:
        a lead, an order, a ticket...), or the first external recipient of an
        outbound one, or the owner of the sender's e-mail key. E-mails on
        other documents that concern no customer are left out.

        Chatter messages (type *comment*) are recorded here only when a
        customer wrote them on a document (a portal comment on their order,
        ticket or lead), inbound, on the ``portal`` channel, with their
        Message-Id as provider id. Messages employees send out are recorded
        per recipient customer when Odoo mails them
        (:meth:`_interaction_capture_sent`); their notes and Discuss
        conversations are not interactions.

        :param messages: ``mail.message`` records (as superuser)
        """
        # employees' notes are most of the chatter: left out before any query
        comments = messages.filtered(
            lambda m: m.message_type == "comment" and self._interaction_is_customer_comment(m)
        )
        emails = messages.filtered(lambda m: m.message_type != "comment")
        if not comments and not emails:
            return
        senders = emails and self.env["crm.interaction.channel"]._interaction_gateway_senders()
        if senders:
            relayed = emails.filtered(lambda m: email_normalize(m.email_from) in senders)
            if relayed:
                self._interaction_capture_relayed(relayed, senders)
                emails -= relayed
        channels = self._interaction_get_channels()
        if not channels.get("portal"):
            comments = comments.browse()
        if not channels.get("email"):
            emails = emails.browse()
        messages = emails | comments
        if not messages:
            return
        Partner = self.env["res.partner"]
        is_internal = self._interaction_own_partners()
        prepared = []
        thread_partners = self._interaction_thread_partners(messages)
        for message in messages:
            if not message.message_id:
                continue
            author = message.author_id
            thread_partner = thread_partners.get((message.model, message.res_id), Partner)
            if author and is_internal(author):
                if message.message_type == "comment":
                    continue
                direction = "outbound"
                customer = thread_partner or next(
                    (p for p in message.partner_ids if not is_internal(p)), Partner
                )
                email = customer.email
            else:
                direction = "inbound"
                customer = author or thread_partner
                email = message.email_from or (author.email if author else False)
            if customer and is_internal(customer):
                continue
            prepared.append((message, direction, customer, email))
        pairs = {
            ("email", value)
            for _m, _d, customer, email in prepared
            if not customer and (value := self._interaction_normalize_value("email", email))
        }
        matches = Partner._cid_match_keys(pairs) if pairs else {}
        entries = []
        for message, direction, customer, email in prepared:
            value = self._interaction_normalize_value("email", email) if email else False
            partner_id = customer.id if customer else False
            if not partner_id and value:
                partner_id = resolve_customer([("email", value)], matches)[0]
            if not partner_id:
                continue
            links = []
            link_names = {}
            if message.model and message.res_id and message.model != "res.partner":
                links = [(message.model, message.res_id)]
                link_names = {(message.model, message.res_id): message.record_name}
            entries.append(
                {
                    "vals": {
                        "channel_id": channels[
                            "portal" if message.message_type == "comment" else "email"
                        ],
                        "external_id": message.message_id[:255],
                        "direction": direction,
                        "occurred_at": message.date,
                        "subject": message.subject or False,
                        "message_id": message.id,
                        "user_id": message.author_id.user_ids[:1].id
                        if direction == "outbound"
                        else False,
                        "state": "new",
                    },
                    "keys": [("email", email, value)] if value else [],
                    "links": links,
                    "link_names": link_names,
                    "partner_id": partner_id,
                }
            )
        self._interaction_store(entries)

    @api.model
    def _interaction_capture_relayed(self, messages, senders):
        """Record e-mails relayed by a fax or voicemail gateway on the gateway's channel.

        A fax-to-mail service sends each fax it receives as an e-mail from
        one of its own addresses, the caller's number in the subject and the
        pages attached. Such an e-mail is not a contact with the gateway: it
        is an inbound interaction on the channel whose ``Gateway senders``
        list the address (``fax``), for the customer who holds the number
        (or unidentified, linked later when a customer gets it), with a copy
        of the attached pages. Its Message-Id is the provider id.

        :param messages: ``mail.message`` records (as superuser)
        :param dict senders: ``{normalised address: channel id}``
        """
        entries = []
        for message in messages:
            if not message.message_id:
                continue
            number = find_phone_number(message.subject) or find_phone_number(
                html2plaintext(message.body or "")
            )
            keys = []
            for code in PHONE_KEY_TYPES[:2] if number else ():
                value = self._interaction_normalize_value(code, number)
                if value:
                    keys.append((code, number, value))
            entries.append(
                {
                    "vals": {
                        "channel_id": senders[email_normalize(message.email_from)],
                        "external_id": message.message_id[:255],
                        "direction": "inbound",
                        "occurred_at": message.date,
                        "subject": message.subject or False,
                        "message_id": message.id,
                        "state": "new",
                    },
                    "keys": keys,
                    "links": [],
                    "link_names": {},
                    "partner_id": None,
                }
            )
        results = self._interaction_store(entries)
        attachment_vals = []
        for entry, result in zip(entries, results, strict=True):
            if result["status"] == "duplicate":
                continue
            message = messages.browse(entry["vals"]["message_id"])
            attachment_vals += message.attachment_ids.copy_data(
                {"res_model": self._name, "res_id": result["id"]}
            )
        if attachment_vals:
            self.env["ir.attachment"].create(attachment_vals)

    @api.model
    def _interaction_own_partners(self):
        """Return a function telling whether a partner is internal (never a customer).

        Internal partners are the companies' own and those of internal users.
        """
        own_partner_ids = self._interaction_company_partner_ids()
        user = self.env.user

        def is_internal(partner):
            if partner.id in own_partner_ids:
                return True
            if partner.partner_share and partner.env.context.get("active_test", True):
                # the stored flag of contacts without an active internal user
                # (never set on the superuser's contact, told below)
                return False
            if partner == user.partner_id and not user.share:
                return True
            return any(not u.share for u in partner.user_ids)

        return is_internal

    @api.model
    @tools.ormcache()
    def _interaction_company_partner_ids(self):
        """Return the ids of the active companies' own partners (a frozenset).

        Never customers; cached until the companies change (Odoo clears the
        caches when a company is created, archived or deleted, and
        ``res.company`` here when its partner changes). The company list is
        harmless to read and the caller may be restricted to one company.
        """
        companies = self.env["res.company"].sudo().with_context(active_test=True)
        return frozenset(companies.search_fetch([], ["partner_id"]).partner_id.ids)

    @api.model
    def _interaction_is_chatter_message(self, message):
        """Whether a message is a chatter message on a document, not a note nor Discuss."""
        # notes are told apart first, from what the message's creation
        # left in cache
        return bool(
            message.message_type == "comment"
            and not message.is_internal
            and not message.subtype_id.internal
            and message.model
            and message.model != "discuss.channel"
            and message.message_id
            and message.res_id
        )

    @api.model
    def _interaction_is_sent_candidate(self, vals):
        """Whether a notification about to be created may be an e-mail to a customer.

        The values of a ``mail.notification`` of type e-mail, for a recipient,
        on a chatter message with an author: told from what the message's
        creation left in cache, so that flagging it in Odoo's own insert
        costs no query (see ``mail.notification``'s outbox). Notifications of
        assignments, tracking and Discuss are not; employees and the company
        among the recipients are left out when the e-mail is recorded.
        """
        if vals.get("notification_type") != "email" or not vals.get("res_partner_id"):
            return False
        message = self.env["mail.message"].browse(vals.get("mail_message_id"))
        return bool(message and message.author_id and self._interaction_is_chatter_message(message))

    @api.model
    def _interaction_capture_sent(self, notifications):
        """Record what employees send to customers from Odoo as outbound e-mails.

        Called when Odoo notifies the recipients of a message by e-mail: the
        chatter's "Send message", the e-mail composer of any document ("Send
        by e-mail" on quotations, "Send & Print" on invoices...) and replies
        to customers all post a *comment* that Odoo mails to its recipients
        and to the followers of the document. Each customer who receives it
        gets one outbound interaction on the ``email`` channel, pointing to
        the message and linked to its document, with ``<Message-Id>/<partner
        id>`` as provider id: one interaction per message and recipient
        customer, however many times Odoo notifies them. It counts as the
        response to the customer's pending inbound interactions.

        Internal notes, messages by customers (captured when they are
        posted), Discuss conversations and recipients who are employees or
        the company itself are left out.

        Odoo's sending only flags the notifications; they are recorded here
        once the message is committed (``mail.notification``'s outbox).

        :param notifications: ``mail.notification`` records of type e-mail
            (as superuser)
        """
        # the notifications of chatter messages with an author and a
        # recipient, told from what the message's creation left in cache:
        # most notifications (assignments, tracking, Discuss) are not, and
        # cost no query
        candidates = [
            (notification.mail_message_id, notification.res_partner_id)
            for notification in notifications
            if notification.res_partner_id
            and notification.mail_message_id.author_id
            and self._interaction_is_chatter_message(notification.mail_message_id)
        ]
        if not candidates:
            return
        channel_id = self.env["crm.interaction.channel"]._interaction_active_channel_id("email")
        if not channel_id:
            return
        is_internal = self._interaction_own_partners()
        entries = []
        seen = set()
        for message, recipient in candidates:
            if (message.id, recipient.id) in seen:
                continue
            author = message.author_id
            if not is_internal(author) or is_internal(recipient):
                continue
            seen.add((message.id, recipient.id))
            value = self._interaction_normalize_value("email", recipient.email)
            links, link_names = [], {}
            if message.model != "res.partner":
                links = [(message.model, message.res_id)]
                link_names = {(message.model, message.res_id): message.record_name}
            entries.append(
                {
                    "vals": {
                        "channel_id": channel_id,
                        "external_id": f"{message.message_id[:200]}/{recipient.id}",
                        "direction": "outbound",
                        "occurred_at": message.date,
                        "subject": message.subject or message.record_name or False,
                        "message_id": message.id,
                        "user_id": author.user_ids[:1].id,
                        "state": "new",
                    },
                    "keys": [("email", recipient.email, value)] if value else [],
                    "links": links,
                    "link_names": link_names,
                    "partner_id": recipient.id,
                }
            )
        self._interaction_store(entries)

    @api.model
    def _interaction_is_customer_comment(self, message):
        """Whether a chatter message was written by a customer on a document.

        Cheap checks only (no query beyond the message's own author): the
        author's company partner is ruled out later with the other internal
        partners.
        """
        author = message.author_id
        # employees write most messages: told apart first by the author's
        # stored flag (no active internal user, and not OdooBot), then notes
        # from what the message's creation left in cache
        return bool(
            author and author.partner_share and self._interaction_is_chatter_message(message)
        )
