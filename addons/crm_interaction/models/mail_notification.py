import logging
from collections import defaultdict

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# e-mails recorded per batch of the outbox (after a commit, or by the cron)
OUTBOX_BATCH = 500
OUTBOX_POSTCOMMIT_KEY = "crm_interaction.outbox"


class MailNotification(models.Model):
    """E-mail notifications as the outbox of the capture of sent e-mails.

    Every e-mail Odoo sends to a recipient of a chatter message is recorded as
    an outbound interaction (``crm.interaction._interaction_capture_sent``).
    The notification carries the flag ``crm_interaction_pending`` in the very
    row Odoo inserts, so sending costs no query of the suite's, and the flag
    commits or rolls back with the message: nothing is lost and nothing is
    recorded for a message that never was. The capture runs right after the
    commit, in a transaction of its own, and the cron records whatever a crash
    or an error left pending. The provider id of an interaction (message id
    and recipient) is unique: a notification recorded twice gives one
    interaction.
    """

    _inherit = "mail.notification"

    crm_interaction_pending = fields.Boolean(
        string="Interaction pending",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="The e-mail is still to be recorded on the recipient's timeline.",
    )

    crm_interaction_attempts = fields.Integer(
        string="Failed recording attempts",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="How many times recording the e-mail failed: the outbox takes the e-mails that "
        "failed least first, so that e-mails which always fail hold back no new one.",
    )

    # only pending rows are indexed: the outbox stays small whatever the
    # number of notifications
    _crm_interaction_pending_idx = models.Index("(id) WHERE crm_interaction_pending")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("crm_interaction_skip_capture"):
            is_candidate = self.env["crm.interaction"]._interaction_is_sent_candidate
            for vals in vals_list:
                if is_candidate(vals):
                    vals["crm_interaction_pending"] = True
        notifications = super().create(vals_list)
        pending = [
            notification.id
            for notification, vals in zip(notifications, vals_list, strict=True)
            if vals.get("crm_interaction_pending")
        ]
        if pending:
            self._crm_interaction_outbox_after_commit(pending)
        return notifications

    def _crm_interaction_outbox_after_commit(self, notification_ids):
        """Record the given pending notifications once the transaction commits."""
        postcommit = self.env.cr.postcommit
        queued = postcommit.data.get(OUTBOX_POSTCOMMIT_KEY)
        if queued is not None:
            queued.update(notification_ids)
            return
        queued = postcommit.data[OUTBOX_POSTCOMMIT_KEY] = set(notification_ids)
        registry = self.env.registry

        @postcommit.add
        def capture():
            try:
                with registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    env["mail.notification"]._crm_interaction_capture_outbox(ids=sorted(queued))
            except Exception:
                # the message is committed and its notifications stay
                # pending: the cron records them on its next run
                _logger.exception("Recording %d sent e-mails failed; left to the cron", len(queued))

    @api.model
    def _crm_interaction_capture_outbox(self, ids=None, limit=OUTBOX_BATCH):
        """Record pending e-mail notifications as outbound interactions.

        Takes the pending notifications that failed least, oldest first (or
        the pending ones among ``ids``), skipping those another transaction
        is recording, and clears their flag in the same transaction as the
        interactions it creates. Those that fail stay pending, one attempt
        more: e-mails that always fail go behind every other.

        :return: the number of notifications recorded
        """
        self.flush_model(["crm_interaction_pending", "crm_interaction_attempts"])
        where = SQL("crm_interaction_pending")
        if ids is not None:
            where = SQL("%s AND id = ANY(%s)", where, list(ids))
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM mail_notification WHERE %s"
                " ORDER BY COALESCE(crm_interaction_attempts, 0), id LIMIT %s"
                " FOR UPDATE SKIP LOCKED",
                where,
                limit,
            )
        )
        notification_ids = [row[0] for row in rows]
        if not notification_ids:
            return 0
        # the capture records what Odoo sent on a message a user was allowed
        # to post; the customers and their interactions are outside that
        # user's rights
        notifications = self.sudo().browse(notification_ids)
        Interaction = self.env["crm.interaction"]
        # each batch is recorded as its sender in the company of its document,
        # as it would have been while sending
        batches = defaultdict(lambda: self.sudo().browse())
        for notification in notifications:
            message = notification.mail_message_id
            sender = message.author_id.user_ids[:1]
            company = message.record_company_id or sender.company_id or self.env.company
            batches[sender, company] |= notification
        failed = set()
        for (sender, company), batch in batches.items():
            recorder = Interaction.with_user(sender or self.env.user).with_company(company).sudo()
            try:
                with self.env.cr.savepoint():
                    recorder._interaction_capture_sent(batch)
            except Exception:
                # one e-mail that cannot be recorded does not hold back the
                # others: they are recorded one by one, the failing ones stay
                # pending (logged by id)
                failed.update(self._crm_interaction_capture_one_by_one(recorder, batch))
        recorded = [
            notification_id for notification_id in notification_ids if notification_id not in failed
        ]
        self.env.execute_query(
            SQL(
                "UPDATE mail_notification SET crm_interaction_pending = NULL WHERE id = ANY(%s)",
                recorded,
            )
        )
        if failed:
            self.env.execute_query(
                SQL(
                    "UPDATE mail_notification"
                    " SET crm_interaction_attempts = COALESCE(crm_interaction_attempts, 0) + 1"
                    " WHERE id = ANY(%s)",
                    sorted(failed),
                )
            )
        notifications.invalidate_recordset(["crm_interaction_pending", "crm_interaction_attempts"])
        return len(recorded)

    def _crm_interaction_capture_one_by_one(self, recorder, notifications):
        """Record ``notifications`` one at a time; return the ids of those that failed."""
        failed = set()
        for notification in notifications:
            try:
                with self.env.cr.savepoint():
                    recorder._interaction_capture_sent(notification)
            except Exception:
                _logger.exception(
                    "Recording the sent e-mail of notification %d failed; left pending",
                    notification.id,
                )
                failed.add(notification.id)
        return failed

    @api.model
    def _cron_crm_interaction_capture_outbox(self):
        """Record the e-mails a failed or interrupted capture left pending."""
        while done := self._crm_interaction_capture_outbox():
            remaining = self.env["ir.cron"]._commit_progress(done)
            if done < OUTBOX_BATCH or not remaining:
                break
