from odoo import api, models
from odoo.exceptions import AccessError


class CrmAccessAudited(models.AbstractModel):
    """Customer data: reads are counted in the access log, exports controlled.

    Models inheriting this mixin say which customers a recordset concerns
    (:meth:`_crm_access_customers`). Every read that goes through the public
    read methods (``read`` and ``search_read``, and so the web client's
    ``web_read`` and ``web_search_read``, and RPC) is counted for the user and
    those customers, may raise the bulk-extraction alarm, and is refused
    while the user is blocked by an alarm. Internal ORM access (field access
    in Python, ``sudo()``) is not counted: it is not a person reading.
    """

    _name = "crm.access.audited"
    _description = "Customer data audited on read and export"

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    def _crm_access_customers(self):
        """Return the commercial partners (with a CID) these records concern."""
        return self.env["res.partner"]

    def _crm_access_kind(self, fnames):
        """Return the access-log kind of reading ``fnames`` of these records."""
        return "open" if len(self) == 1 else "list"

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    # The public read methods only: the web client's web_read and
    # web_search_read go through read(); mail's discuss store and other
    # internal code read through _read_format, which is left alone.

    def read(self, fields=None, load="_classic_read"):
        # audited once read: a read the record rules refuse is not counted,
        # and what a refused audit read never leaves the server
        result = super().read(fields, load=load)
        self._crm_access_audit(self._crm_access_kind(fields or list(self._fields)))
        return result

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        result = super().search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        if result:
            records = self.browse([row["id"] for row in result])
            records._crm_access_audit(records._crm_access_kind(fields or list(self._fields)))
        return result

    def export_data(self, fields_to_export):
        self._crm_access_check_export()
        self._crm_access_audit("export")
        return super().export_data(fields_to_export)

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_is_audited(self):
        """Whether reads of these records by the current user are audited."""
        user = self.env.user
        return bool(self) and not self.env.su and user._is_internal() and not user._is_superuser()

    def _crm_access_audit(self, kind):
        """Count this read; refuse it when the user is blocked by an alarm.

        A customer already counted today for the user and ``kind`` costs no
        write (see ``crm.access.log._log_reads``).
        """
        if not self._crm_access_is_audited():
            return
        user = self.env.user
        customers = self._crm_access_customers() - user._crm_access_own_partners()
        if not customers:
            return
        if user._crm_access_blocked():
            raise AccessError(
                self.env._(
                    "Your reading of customer data is suspended: you read many customers "
                    "in a short time. A manager can lift the suspension."
                )
            )
        limit = self._crm_access_window_limit(user)
        touched = self.env["crm.access.log"]._log_reads(user.id, customers.ids, kind, limit=limit)
        if limit is not None and touched > limit:
            self._crm_access_refuse_window(user, touched, limit)
        settings = user._crm_access_settings()
        threshold = settings["watch_threshold"] if user.crm_access_watch else settings["threshold"]
        if touched > threshold:
            self.env["crm.access.alarm"]._crm_access_raise(user, touched, threshold)

    def _crm_access_window_limit(self, user):
        """Return the most distinct customers ``user`` may read within the
        alarm window (reads beyond are refused), or None for no limit."""
        return None

    def _crm_access_refuse_window(self, user, count, limit):
        """Refuse a read that takes ``user`` past :meth:`_crm_access_window_limit`.

        :raise AccessError: always
        """
        raise AccessError(self.env._("You read too many customers in a short time."))

    def _crm_access_check_export(self):
        """Refuse exports of customer data outside the export group."""
        if self.env.su:
            return
        user = self.env.user
        if user.crm_access_watch:
            raise AccessError(self.env._("Exports of customer data are frozen for your account."))
        if not user.has_group("crm_access_policy.group_crm_export"):
            raise AccessError(
                self.env._(
                    "Only members of the group “May export customer data” can export customer data."
                )
            )
