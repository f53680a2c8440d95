from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.crm_cid.tools.jalali import format_datetime, resolve_tz_name

# Days the counted refusals (no valid key, too large...) are kept.
COUNTED_REFUSALS_DAYS = 90
PROVIDERS = [
    ("voip", "VoIP call (Asterisk/Issabel)"),
    ("sms_kavenegar", "SMS (Kavenegar)"),
    ("sms_ghasedak", "SMS (Ghasedak)"),
    ("sms_melipayamak", "SMS (Melipayamak)"),
    ("telegram", "Telegram bot"),
    ("bale", "Bale bot"),
    ("eitaa", "Eitaa bot"),
    ("rubika", "Rubika bot"),
    ("whatsapp", "WhatsApp (Cloud API)"),
    ("instagram", "Instagram messaging"),
]


class CrmInteractionWebhookLog(models.Model):
    _name = "crm.interaction.webhook.log"
    _description = "Provider webhook request"
    _order = "id desc"
    _rec_name = "provider"

    provider = fields.Selection(selection=PROVIDERS, required=True, readonly=True, index=True)
    channel_code = fields.Char(string="Channel", readonly=True)
    status_code = fields.Integer(string="HTTP status", readonly=True)
    outcome = fields.Selection(
        selection=[
            ("created", "Created"),
            ("duplicate", "Duplicate"),
            ("unmatched", "Unidentified"),
            ("ignored", "Nothing to store"),
            ("status", "Delivery status"),
            ("verified", "Webhook verified"),
            ("rejected", "Refused by the ingestion"),
            ("invalid", "Invalid request"),
            ("unauthorized", "No valid API key"),
            ("forbidden", "Key not allowed"),
            ("too_large", "Too large"),
        ],
        required=True,
        readonly=True,
        index=True,
    )
    error = fields.Text(readonly=True)
    payload = fields.Text(
        readonly=True,
        help="The body as received. Kept only for requests that came with a valid API key.",
    )
    payload_size = fields.Integer(string="Size (bytes)", readonly=True)
    external_id = fields.Char(string="Provider ID", readonly=True, index="btree_not_null")
    remote_addr = fields.Char(string="Sender address", readonly=True)
    api_key_id = fields.Many2one(
        "auth.api.key", string="API key", readonly=True, ondelete="set null"
    )
    interaction_id = fields.Many2one(
        "crm.interaction", string="Interaction", readonly=True, ondelete="set null"
    )
    quarantine_id = fields.Many2one(
        "crm.interaction.quarantine", string="Quarantine", readonly=True, ondelete="set null"
    )
    request_count = fields.Integer(
        string="Requests",
        default=1,
        readonly=True,
        help="Refused requests that brought nothing to keep (no valid key, a key not allowed, "
        "too large) are counted in one row per provider, reason, sender and hour.",
    )
    aggregate_key = fields.Char(
        readonly=True,
        help="Technical: the hour, provider, reason, key and sender a counted row stands for.",
    )
    date_jalali = fields.Char(string="Date (Jalali)", compute="_compute_date_jalali")

    _aggregate_key_uniq = models.UniqueIndex(
        "(aggregate_key) WHERE aggregate_key IS NOT NULL",
        "Refused requests of one hour, reason and sender are counted in one row.",
    )

    @api.autovacuum
    def _gc_counted_refusals(self):
        """Delete the counted refusals older than :data:`COUNTED_REFUSALS_DAYS` days.

        Together with the counting per hour, this keeps what senders without a
        valid key can write bounded.
        """
        limit = fields.Datetime.now() - timedelta(days=COUNTED_REFUSALS_DAYS)
        self.search([("aggregate_key", "!=", False), ("write_date", "<", limit)]).unlink()

    @api.depends("create_date")
    @api.depends_context("tz", "lang")
    def _compute_date_jalali(self):
        tz = resolve_tz_name(self.env.context.get("tz"), self.env.user.tz)
        lang = self.env.lang
        for log in self:
            log.date_jalali = format_datetime(log.create_date, lang, tz, seconds=True) or False
