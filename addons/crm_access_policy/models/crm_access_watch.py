import logging

import psycopg2.errors

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)


class CrmAccessAudited(models.AbstractModel):
    """Layoff mode: bulk reads of customer data are refused to watched users."""

    _inherit = "crm.access.audited"

    def _crm_access_audit(self, kind):
        if (
            kind != "export"
            and self._crm_access_is_audited()
            and self.env.user._crm_access_is_watched()
        ):
            self._crm_access_check_bulk()
        return super()._crm_access_audit(kind)

    def _crm_access_window_limit(self, user):
        # layoff mode: the watched threshold is a ceiling, not only an alarm
        if user._crm_access_is_watched():
            return user._crm_access_settings()["watch_threshold"]
        return super()._crm_access_window_limit(user)

    def _crm_access_refuse_window(self, user, count, limit):
        """Refuse a watched user's read that would pass the watched threshold.

        Customers are counted per alarm window, not per call: paging through
        a list a few customers at a time is refused as soon as the distinct
        customers of the window would pass the threshold.

        :raise AccessError: always
        """
        if not user.crm_access_watch:
            return super()._crm_access_refuse_window(user, count, limit)
        self._crm_access_log_refusal(user, count, limit, window=True)
        raise AccessError(
            self.env._(
                "Your account is under watch: read at most %(limit)s customers within "
                "%(window)s minutes (this read would make %(count)s).",
                limit=limit,
                window=user._crm_access_settings()["window"],
                count=count,
            )
        )

    def _crm_access_check_export(self):
        user = self.env.user
        if not self.env.su and user.crm_access_watch:
            customers = self._crm_access_customers() - user._crm_access_own_partners()
            self._crm_access_log_refusal(user, len(customers), 0, export=True)
        return super()._crm_access_check_export()

    def _crm_access_check_bulk(self):
        """Refuse a read of more customers at once than the watched limit.

        :raise AccessError: when the read concerns more customers than the
            setting "Bulk read limit under watch"
        """
        user = self.env.user
        customers = self._crm_access_customers() - user._crm_access_own_partners()
        limit = user._crm_access_settings()["watch_bulk_limit"]
        if len(customers) <= limit:
            return
        self._crm_access_log_refusal(user, len(customers), limit)
        raise AccessError(
            self.env._(
                "Your account is under watch: read at most %(limit)s customers at once "
                "(this read concerns %(count)s).",
                limit=limit,
                count=len(customers),
            )
        )

    def _crm_access_log_refusal(self, user, count, limit, export=False, window=False):
        """Keep a trace of a refused bulk read (or export) on the user's open alarm.

        The refusal rolls the request back, so the trace is written in a
        transaction of its own, which waits two seconds at most for a lock
        (the request's own transaction may hold one on the same alarm). The
        server log keeps every refusal, recorded on an alarm or not.
        """
        _logger.warning(
            "Layoff mode: %s of %s customers (%s) refused to user #%s",
            "export" if export else "read within the window" if window else "bulk read",
            count,
            self._name,
            user.id,
        )
        try:
            with self.env.registry.cursor() as cr:
                cr.execute("SET LOCAL lock_timeout = '2s'")
                # the alarm is the policy's own record; the watched user has no right on it
                env = api.Environment(cr, SUPERUSER_ID, {"lang": user.lang})
                if not env["res.users"].browse(user.id).exists():
                    # a user created in the request's own transaction
                    return
                Alarm = env["crm.access.alarm"]
                alarm = Alarm.search([("user_id", "=", user.id), ("state", "=", "open")], limit=1)
                if not alarm:
                    alarm = Alarm.create(
                        {"user_id": user.id, "customer_count": count, "threshold": limit}
                    )
                    managers = env.ref("crm_access_policy.group_crm_manager").all_user_ids
                    alarm.message_subscribe(partner_ids=managers.partner_id.ids)
                model = env["ir.model"]._get(self._name).name
                if window:
                    body = env._(
                        "%(user)s is under watch and tried to read more customers within "
                        "%(window)s minutes than allowed (%(count)s, %(model)s); the read was "
                        "refused (limit: %(limit)s).",
                        user=user.name,
                        window=user._crm_access_settings()["window"],
                        count=count,
                        model=model,
                        limit=limit,
                    )
                elif export:
                    body = env._(
                        "%(user)s is under watch and tried to export %(count)s customers "
                        "(%(model)s); the export was refused.",
                        user=user.name,
                        count=count,
                        model=model,
                    )
                else:
                    body = env._(
                        "%(user)s is under watch and tried to read %(count)s customers at once "
                        "(%(model)s); the read was refused (limit: %(limit)s).",
                        user=user.name,
                        count=count,
                        model=model,
                        limit=limit,
                    )
                alarm.message_post(
                    body=body,
                    message_type="notification",
                    subtype_xmlid="mail.mt_comment",
                )
        except psycopg2.Error as error:
            # a lock held by the request, a concurrent alarm, or a user not
            # committed yet: the refusal stands, the server log keeps it
            _logger.warning("The refusal could not be recorded on an alarm: %s", error)
