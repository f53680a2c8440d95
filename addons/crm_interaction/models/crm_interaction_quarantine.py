import hashlib
import json

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.ingest import payload_text

# First part of the lock keys of quarantined payloads (channels use their id).
QUARANTINE_LOCK = "quarantine"


class CrmInteractionQuarantine(models.Model):
    _name = "crm.interaction.quarantine"
    _description = "Refused interaction"
    _order = "id desc"
    _rec_name = "external_id"

    payload = fields.Text(
        required=True, help="The item as it was received, as JSON. Correct it, then re-process it."
    )
    payload_hash = fields.Char(compute="_compute_payload_hash", store=True, index=True)
    error = fields.Text(readonly=True)
    channel_code = fields.Char(string="Channel", readonly=True, index=True)
    external_id = fields.Char(string="Provider ID", readonly=True, index="btree_not_null")
    provider = fields.Char(
        readonly=True, help="The provider or route the item came through, when it named one."
    )
    state = fields.Selection(
        selection=[("new", "New"), ("reprocessed", "Reprocessed"), ("discarded", "Discarded")],
        required=True,
        default="new",
        index=True,
    )
    interaction_id = fields.Many2one(
        "crm.interaction",
        string="Interaction",
        readonly=True,
        ondelete="set null",
        help="The interaction stored when the item was re-processed.",
    )
    attempt_count = fields.Integer(string="Attempts", default=1, readonly=True)
    last_outcome = fields.Selection(
        selection=[
            ("created", "Created"),
            ("duplicate", "Already stored"),
            ("unmatched", "Stored, unidentified"),
            ("ignored", "Nothing to store"),
            ("rejected", "Still refused"),
        ],
        string="Last re-processing",
        readonly=True,
    )
    reprocessed_at = fields.Datetime(string="Re-processed on", readonly=True)

    _payload_open_uniq = models.UniqueIndex(
        "(payload_hash) WHERE state = 'new'",
        "This item is already waiting in the quarantine; re-process or discard that one.",
    )

    @api.depends("payload")
    def _compute_payload_hash(self):
        for record in self:
            record.payload_hash = (
                hashlib.sha256(record.payload.encode()).hexdigest() if record.payload else False
            )

    def action_reprocess(self):
        """Send the payloads through the ingestion again (the form's button).

        See :meth:`reprocess`; this one answers with a notification.
        """
        todo = self.filtered(lambda r: r.state == "new")
        if not todo:
            raise UserError(self.env._("Only new items can be re-processed."))
        results = todo.reprocess()
        failed = sum(1 for result in results if result["status"] == "rejected")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if failed else "success",
                "message": self.env._(
                    "%(done)s item(s) stored, %(failed)s still refused.",
                    done=len(todo) - failed,
                    failed=failed,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def reprocess(self):
        """Re-process quarantined items, after their payload was corrected.

        Each new item goes through the same path as when it arrived: an
        ingest item through ``ingest``, a provider's document kept by a
        webhook through that provider's mapping first. Stored items (or items
        found already stored: the provider id is the idempotency key) are
        marked reprocessed and linked to their interaction; refused ones keep
        their new error and count one more attempt. Items that are not new
        are left as they are and reported with their recorded outcome, so
        calling this again is harmless.

        :return: one dict per item, in order: ``id``, ``status``
            (``created``, ``duplicate``, ``unmatched``, ``ignored``: nothing
            to store, ``rejected``; or ``discarded``), ``interaction_id``,
            ``error``
        :raises AccessError: for users who may not manage the quarantine
        """
        self.check_access("write")
        todo = self.filtered(lambda r: r.state == "new")
        prepared = todo._quarantine_prepare_items()
        to_ingest = [record for record in todo if prepared[record.id][0] is not None]
        ingested = self.env["crm.interaction"]._interaction_ingest(
            [prepared[record.id][0] for record in to_ingest], quarantine=False
        )
        outcomes = dict(zip([record.id for record in to_ingest], ingested, strict=True))
        now = fields.Datetime.now()
        for record in todo:
            item, error = prepared[record.id]
            result = outcomes.get(record.id)
            if result is None and not error:
                result = {"status": "ignored", "id": False, "error": False}
            elif result is None:
                result = {"status": "rejected", "id": False, "error": error}
            vals = {"last_outcome": result["status"], "reprocessed_at": now}
            if result["status"] == "rejected":
                vals.update(error=result["error"], attempt_count=record.attempt_count + 1)
            else:
                vals.update(state="reprocessed", interaction_id=result["id"], error=False)
            record.write(vals)
        return [
            {
                "id": record.id,
                "status": record._quarantine_outcome(),
                "interaction_id": record.interaction_id.id,
                "error": record.error or False,
            }
            for record in self
        ]

    def _quarantine_outcome(self):
        self.ensure_one()
        if self.state == "discarded":
            return "discarded"
        # items re-processed before outcomes were recorded were stored
        default = "created" if self.state == "reprocessed" else "rejected"
        return self.last_outcome or default

    def action_discard(self):
        self.write({"state": "discarded"})

    def action_reset_new(self):
        self.write({"state": "new"})

    def _quarantine_prepare_items(self):
        """Return what re-processing each item sends to the ingestion (hook).

        :return: ``{id: (ingest item, None)}``, or ``{id: (None, error)}``
            for an item that cannot be sent, or ``{id: (None, None)}`` for
            one that holds nothing to store. Addons that keep other documents
            in the quarantine (provider webhooks) map them here.
        """
        prepared = {}
        for record in self:
            try:
                item = json.loads(record.payload)
            except ValueError as error:
                prepared[record.id] = (
                    None,
                    self.env._("The payload is not valid JSON: %(error)s", error=str(error)),
                )
                continue
            if item is None:
                prepared[record.id] = (None, self.env._("The payload is empty."))
            else:
                prepared[record.id] = (item, None)
        return prepared

    @api.model
    def _quarantine_store(self, rejected):
        """Keep refused items with their error; return their ids in order.

        An item refused again with exactly the same payload (a replayed
        batch) reuses its open quarantine entry instead of adding one.
        Runs as superuser: the rows hold what the caller itself sent, and
        must be kept even when the caller has no access to the quarantine.
        Safe under concurrency: payloads are locked before the look-up.

        :param rejected: ``[(item, error message)]``
        :return: list of quarantine ids, in the same order
        """
        Quarantine = self.sudo()
        prepared = []
        for item, error in rejected:
            text = payload_text(item)
            prepared.append((item, error, text, hashlib.sha256(text.encode()).hexdigest()))
        # two requests refusing the same payload at once must keep one row:
        # the second waits for the first, then starts again (ConcurrencyError,
        # retried by the RPC layer) and finds its row
        self.env["crm.interaction"]._interaction_lock(
            [(QUARANTINE_LOCK, digest) for *_rest, digest in prepared]
        )
        open_rows = Quarantine.search_fetch(
            [("payload_hash", "in", list({p[3] for p in prepared})), ("state", "=", "new")],
            ["payload_hash", "attempt_count"],
        )
        by_hash = {row.payload_hash: row for row in open_rows}
        to_create = []
        seen = set(by_hash)
        for item, error, text, digest in prepared:
            if digest in seen:
                continue
            seen.add(digest)
            is_dict = isinstance(item, dict)
            channel = item.get("channel") if is_dict else None
            external_id = item.get("external_id") if is_dict else None
            provider = item.get("provider") if is_dict else None
            to_create.append(
                {
                    "payload": text,
                    "error": error,
                    "channel_code": channel if isinstance(channel, str) else False,
                    "external_id": str(external_id)
                    if isinstance(external_id, (str, int)) and not isinstance(external_id, bool)
                    else False,
                    "provider": provider if isinstance(provider, str) and provider else False,
                }
            )
        for row in open_rows:
            row.attempt_count += 1
        for row in Quarantine.create(to_create):
            by_hash[row.payload_hash] = row
        return [by_hash[p[3]].id for p in prepared]
