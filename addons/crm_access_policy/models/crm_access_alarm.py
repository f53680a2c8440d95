import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class CrmAccessAlarm(models.Model):
    """A user read more customers in a short time than the policy allows."""

    _name = "crm.access.alarm"
    _description = "Bulk customer data alarm"
    _inherit = ("mail.thread",)
    _order = "create_date desc, id desc"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", string="User", required=True, readonly=True, index=True)
    customer_count = fields.Integer(
        string="Customers read", readonly=True, help="Distinct customers read within the window."
    )
    value_count = fields.Integer(
        string="Values searched",
        readonly=True,
        help="Distinct phone numbers, e-mails or identity values searched within the window.",
    )
    threshold = fields.Integer(readonly=True)
    is_blocking = fields.Boolean(
        string="Reads suspended",
        readonly=True,
        help="While the alarm is open, the user cannot read customer data.",
    )
    state = fields.Selection(
        [("open", "Open"), ("cleared", "Cleared")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    cleared_by_id = fields.Many2one("res.users", string="Cleared by", readonly=True)
    cleared_at = fields.Datetime(readonly=True)

    _one_open_per_user = models.UniqueIndex(
        "(user_id) WHERE state = 'open'", "A user has at most one open alarm."
    )

    @api.model
    def _crm_access_raise(self, user, customer_count, threshold, searched=False):
        """Open an alarm for ``user`` unless one is open; tell the managers.

        On a read-only cursor (a request served by a database replica), the
        alarm is written on the primary database in a transaction of its own.

        :param bool searched: ``customer_count`` counts the values the user
            searched, not customers read; the search is refused and its
            transaction rolled back, so the alarm is written in a transaction
            of its own, which waits two seconds at most for a lock
        """
        if self.env.cr.readonly:
            with self.env["crm.access.log"]._primary_cursor() as primary:
                self.with_env(self.env(cr=primary))._crm_access_raise_in(
                    user.id, customer_count, threshold, searched
                )
            return self.browse()
        if searched:
            try:
                with self.env.registry.cursor() as cr:
                    cr.execute("SET LOCAL lock_timeout = '2s'")
                    self.with_env(self.env(cr=cr))._crm_access_raise_in(
                        user.id, customer_count, threshold, searched
                    )
            except psycopg2.Error as error:
                # a lock held by the request (an alarm it opened), or a user
                # not committed yet: the refusal stands, the server log keeps it
                _logger.warning("A refused search could not open an alarm: %s", error)
            return self.browse()
        return self._crm_access_raise_in(user.id, customer_count, threshold)

    @api.model
    def _crm_access_raise_in(self, user_id, customer_count, threshold, searched=False):
        # ON CONFLICT: two reads crossing the threshold at once open one alarm
        settings = self.env["res.users"]._crm_access_settings()
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_access_alarm
                       (user_id, customer_count, value_count, threshold, is_blocking, state,
                        create_uid, create_date, write_uid, write_date)
                VALUES (%(user)s, %(count)s, %(values)s, %(threshold)s, %(blocking)s, 'open',
                        %(user)s, %(now)s, %(user)s, %(now)s)
                ON CONFLICT (user_id) WHERE state = 'open' DO NOTHING
                RETURNING id
                """,
                user=user_id,
                count=0 if searched else customer_count,
                values=customer_count if searched else 0,
                threshold=threshold,
                blocking=settings["block"],
                now=now,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return self.browse()
        # the users blocked by an alarm are cached (res.users._crm_access_blocked)
        self.env.registry.clear_cache()
        # the alarm is written by the system on behalf of the policy: the user
        # who triggered it has no right on alarms, and must not have
        alarm = self.browse(row[0]).sudo()
        alarm.invalidate_recordset()
        managers = self.env.ref("crm_access_policy.group_crm_manager").sudo().all_user_ids
        alarm.message_subscribe(partner_ids=managers.partner_id.ids)
        facts = {
            "user": alarm.user_id.name,
            "count": customer_count,
            "window": settings["window"],
            "threshold": threshold,
        }
        body = (
            self.env._(
                "%(user)s searched for %(count)s different phone numbers, e-mails or identity "
                "values of customers within %(window)s minutes (threshold: %(threshold)s); "
                "the search was refused.",
                **facts,
            )
            if searched
            else self.env._(
                "%(user)s read %(count)s customers within %(window)s minutes "
                "(threshold: %(threshold)s).",
                **facts,
            )
        )
        alarm.message_post(
            body=body,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )
        return alarm

    @api.model_create_multi
    def create(self, vals_list):
        alarms = super().create(vals_list)
        self.env.registry.clear_cache()
        return alarms

    def write(self, vals):
        if "state" in vals or "is_blocking" in vals:
            self._crm_access_check_not_own()
        result = super().write(vals)
        if "state" in vals or "is_blocking" in vals or "user_id" in vals:
            self.env.registry.clear_cache()
        return result

    def action_clear(self):
        """Close the alarms: the users may read customer data again.

        :raise AccessError: for users who may not write alarms, and for a
            manager clearing an alarm of their own (another manager must)
        """
        self.check_access("write")
        self._crm_access_check_not_own()
        self.write(
            {"state": "cleared", "cleared_by_id": self.env.uid, "cleared_at": fields.Datetime.now()}
        )
        return True

    def _crm_access_check_not_own(self):
        """Refuse to let a user clear or soften an alarm raised on themselves."""
        if self.env.su:
            return
        if self.filtered(lambda alarm: alarm.user_id == self.env.user):
            raise AccessError(
                self.env._("An alarm raised on your own reads must be cleared by another manager.")
            )
