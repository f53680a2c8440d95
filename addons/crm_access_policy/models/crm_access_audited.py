from odoo import api, models
from odoo.exceptions import AccessError
from odoo.orm.models import parse_read_group_spec

# Context key set by the public grouping methods: their groups are read by a person.
GROUP_READ = "crm_access_group_read"
# Field types whose group values name or identify the records of a group.
IDENTIFYING_TYPES = frozenset({"char", "text", "html"})


class CrmAccessAudited(models.AbstractModel):
    """Customer data: reads are counted in the access log, exports controlled.

    Models inheriting this mixin say which customers a recordset concerns
    (:meth:`_crm_access_customers`). Every read that goes through the public
    read methods (``read`` and ``search_read``, and so the web client's
    ``web_read`` and ``web_search_read`` with their sub-specifications, and
    RPC; ``name_search``; the groups of ``read_group``,
    ``formatted_read_group``, ``formatted_read_grouping_sets`` and
    ``web_read_group`` whose values name the records) is counted for the user
    and those customers, may raise the bulk-extraction alarm, is refused in
    bulk to a user under watch (layoff mode), and is refused while the user is
    blocked by an alarm (grouping included). Internal ORM access (field access
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

    @api.model
    @api.readonly
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        result = super().name_search(name, domain, operator, limit)
        if result and self._crm_access_user_is_audited():
            # the names found are read, as a list would show them
            records = self.browse([record_id for record_id, _name in result])
            records._crm_access_audit(records._crm_access_kind([self._rec_name or "display_name"]))
        return result

    @api.model
    @api.readonly
    def read_group(self, domain, fields, groupby, *args, **kwargs):
        return super(CrmAccessAudited, self._crm_access_group_reader()).read_group(
            domain, fields, groupby, *args, **kwargs
        )

    @api.model
    @api.readonly
    def formatted_read_group(self, domain, *args, **kwargs):
        return super(CrmAccessAudited, self._crm_access_group_reader()).formatted_read_group(
            domain, *args, **kwargs
        )

    @api.model
    @api.readonly
    def formatted_read_grouping_sets(self, domain, grouping_sets, *args, **kwargs):
        reader = self._crm_access_group_reader()
        # served first: a grouping refused (by a masked field) reads nothing
        result = super(CrmAccessAudited, reader).formatted_read_grouping_sets(
            domain, grouping_sets, *args, **kwargs
        )
        if reader._crm_access_user_is_audited() and any(
            reader._crm_access_identifying_groupby(spec)
            for grouping in grouping_sets
            for spec in grouping
        ):
            # a pivot: the records of every cell are read
            records = reader.search(domain)
            fnames = {
                parse_read_group_spec(spec)[0] for grouping in grouping_sets for spec in grouping
            }
            records._crm_access_audit(records._crm_access_kind(fnames))
        return result

    @api.model
    @api.readonly
    def web_read_group(self, domain, groupby, *args, **kwargs):
        return super(CrmAccessAudited, self._crm_access_group_reader()).web_read_group(
            domain, groupby, *args, **kwargs
        )

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        if not (
            self.env.context.get(GROUP_READ)
            and self._crm_access_user_is_audited()
            and any(self._crm_access_identifying_groupby(spec) for spec in groupby)
        ):
            return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        # the values of the groups name their records: those records are read
        rows = super()._read_group(
            domain, groupby, [*aggregates, "id:array_agg"], having, offset, limit, order
        )
        records = self.browse(sorted({record_id for row in rows for record_id in row[-1] or ()}))
        fnames = [parse_read_group_spec(spec)[0] for spec in groupby]
        records._crm_access_audit(records._crm_access_kind(fnames))
        return [row[:-1] for row in rows]

    def export_data(self, fields_to_export):
        self._crm_access_check_export()
        self._crm_access_audit("export")
        return super().export_data(fields_to_export)

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_is_audited(self):
        """Whether reads of these records by the current user are audited."""
        return bool(self) and self._crm_access_user_is_audited()

    @api.model
    def _crm_access_user_is_audited(self):
        """Whether reads of this model's records by the current user are audited."""
        user = self.env.user
        return not self.env.su and user._is_internal() and not user._is_superuser()

    @api.model
    def _crm_access_group_reader(self):
        """Return this model for a public grouping method: groups read by a person.

        :raise AccessError: when the user's reads are suspended by an alarm
        """
        if not self._crm_access_user_is_audited():
            return self
        if self.env.user._crm_access_blocked():
            raise AccessError(self._crm_access_suspended_message())
        return self.with_context(**{GROUP_READ: True})

    @api.model
    def _crm_access_identifying_groupby(self, spec):
        """Whether the values of the groups of ``spec`` name or identify their records.

        Text fields (names, numbers, the record's own id), relations to
        contacts, and paths through a relation do; a state, a date, a flag
        or a relation to anything else does not.
        """
        fname, path, _granularity = parse_read_group_spec(spec)
        field = self._fields.get(fname)
        if not field:
            return False
        if fname == "id" or field.type in IDENTIFYING_TYPES:
            return True
        if field.relational:
            return bool(path) or field.comodel_name == "res.partner"
        return False

    @api.model
    def _crm_access_suspended_message(self):
        return self.env._(
            "Your reading of customer data is suspended: you read many customers "
            "in a short time. A manager can lift the suspension."
        )

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
            raise AccessError(self._crm_access_suspended_message())
        limit = self._crm_access_window_limit(user)
        touched = self.env["crm.access.log"]._log_reads(user.id, customers.ids, kind, limit=limit)
        if limit is not None and touched > limit:
            self._crm_access_refuse_window(user, touched, limit)
        threshold = user._crm_access_threshold()
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
