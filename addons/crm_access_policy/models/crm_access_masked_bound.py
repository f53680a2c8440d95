from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

# Values of masked fields one search may test, outside the entitled users.
DEFAULT_SEARCH_VALUE_LIMIT = 20
# Types of the values a condition tests one by one.
VALUE_LISTS = (list, tuple, set, frozenset)
# The addresses mail is looking up for the user (res.partner's
# _find_or_create_from_emails), set by the server around that private method
# only: no context key, so no caller can set it.
MAIL_LOOKUP = ContextVar("crm_access_mail_lookup", default=frozenset())
# Set while the server searches values it took from records itself (crm's
# search for the duplicates of a lead, by the lead's own e-mail and phone),
# around those private methods only: no context key, so no caller can set it.
SERVER_LOOKUP = ContextVar("crm_access_server_lookup", default=False)
# Fields that find a customer by a whole identity value without being masked
# themselves (crm_cid's search box field).
WHOLE_VALUE_SEARCH_FIELDS = ("cid_search",)


@contextmanager
def server_lookup():
    """Within this block, the searches of masked values are neither bound nor
    counted: for a private method searching the values of records it was
    given, never a list a caller typed."""
    token = SERVER_LOOKUP.set(True)
    try:
        yield
    finally:
        SERVER_LOOKUP.reset(token)


class CrmAccessMasked(models.AbstractModel):
    """A bound on the whole values one search may test.

    A whole value still finds a customer outside the portfolio (``=``,
    ``in``, a full e-mail typed in a search box); a list of thousands of
    candidate numbers in one domain would tell which of them belong to
    customers the user may not see. Users who see masked values test at most
    ``crm_access_policy.search_value_limit`` values (20 by default) of those
    fields in one search, across every condition of the domain; a longer
    list is refused with an error saying so.

    The values are also counted per user over the alarm window
    (``crm.access.search.log``): past ``crm_access_policy.search_threshold``
    distinct values (the threshold under watch for a user in layoff mode),
    searches of new values are refused and the managers alerted by the
    bulk-extraction alarm, which suspends the user's reads when the policy
    says so; a suspended user's searches of masked values are refused.
    Searching a value already counted that day costs nothing.

    Mail looks up in one search every address a user writes to (a message
    to 30 new recipients): inside that private lookup, the search of those
    addresses is not bound per search, and still counted over the window.
    Searches the server makes of values it took from records (the
    duplicates of a lead, see :func:`server_lookup`) are neither bound nor
    counted.

    The bound holds on the domains callers give: the public search methods
    (``search``, ``search_read``, ``web_search_read``, ``name_search`` and
    ``search_count``, which all fetch through :meth:`search_fetch` or count)
    and grouping (``_read_group``, under the ``read_group`` family). The
    suite's own lookups of keys (the resolution of an incoming call, a batch
    of SMS, an ingest) search the keys they were given through ``_search``
    and are not bound.
    """

    _inherit = "crm.access.masked"

    @api.model
    def search_fetch(self, domain, field_names=None, offset=0, limit=None, order=None):
        self._crm_access_bound_search(domain)
        return super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)

    @api.model
    def search_count(self, domain, limit=None):
        self._crm_access_bound_search(domain)
        return super().search_count(domain, limit=limit)

    @api.model
    def _read_group(self, domain, *args, **kwargs):
        self._crm_access_bound_search(domain)
        return super()._read_group(domain, *args, **kwargs)

    @api.model
    def _crm_access_bound_search(self, domain, prefixes=("",)):
        """Refuse ``domain`` when it tests too many values of masked fields
        for a user who sees them masked (see the class)."""
        if domain and self._crm_access_search_restricted():
            self._crm_access_check_value_count(Domain(domain), prefixes)

    @api.model
    def _crm_access_search_value_limit(self):
        """Return the most values of masked fields one search may test."""
        raw = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_access_policy.search_value_limit", "")
        )
        return int(raw) if raw.isdigit() else DEFAULT_SEARCH_VALUE_LIMIT

    @api.model
    def _crm_access_check_value_count(self, domain, prefixes=("",)):
        """Refuse a domain testing more values of masked fields than the limit.

        :param domain: a ``Domain``, as given by the caller
        :param prefixes: the paths under which this model's fields are searched
        :raise UserError: past :meth:`_crm_access_search_value_limit`
        """
        if SERVER_LOOKUP.get():
            return
        self._crm_access_check_tested_values(self._crm_access_tested_values(domain, prefixes))

    @api.model
    def _crm_access_check_tested_values(self, values):
        """Refuse a search testing more ``values`` of masked fields than the
        limit, and count them over the user's alarm window (see
        :meth:`_crm_access_audit_search`): for a search of another model
        holding copies of those values (the number an SMS went to).

        :param values: the values tested, one per value (a list)
        :raise UserError: past :meth:`_crm_access_search_value_limit`
        """
        if not values or SERVER_LOOKUP.get():
            return
        count = len(values)
        limit = self._crm_access_search_value_limit()
        lookup = MAIL_LOOKUP.get()
        if count > limit and not (lookup and lookup.issuperset(map(str, values))):
            raise UserError(
                self.env._(
                    "A search may test at most %(limit)s phone numbers, e-mails or "
                    "identity values of customers at once; this one tests %(count)s. "
                    "Search for fewer values.",
                    limit=limit,
                    count=count,
                )
            )
        self._crm_access_audit_search(values)

    @api.model
    def _crm_access_tested_values(self, domain, prefixes=("",)):
        """Return the list of values ``domain`` tests on masked fields (and
        the fields finding a customer by a whole value), one per value."""
        bounded = {
            prefix + fname
            for prefix in prefixes
            for fname in (
                *self._crm_access_search_fields(),
                *(fname for fname in WHOLE_VALUE_SEARCH_FIELDS if fname in self._fields),
            )
        }
        values = []
        for condition in domain.iter_conditions():
            if condition.field_expr in bounded:
                value = condition.value
                values.extend(value if isinstance(value, VALUE_LISTS) else [value])
        return values

    @api.model
    def _crm_access_audit_search(self, values):
        """Count the values a search tests over the user's alarm window.

        The rule of the bulk-read alarm, for searches: a suspended user
        searches no masked value; past the threshold (the threshold under
        watch for a user in layoff mode) the search is refused, and the
        managers alerted by an alarm, which suspends the user's reads when
        the policy blocks on alarms. Empty values (a test of a blank field)
        tell no customer and are not counted.

        :param values: the values tested, as :meth:`_crm_access_tested_values`
        :raise AccessError: when the user is suspended, or past the threshold
        """
        user = self.env.user
        if not user._is_internal() or user._is_superuser():
            return
        values = {
            str(value)
            for value in values
            if value and isinstance(value, (str, int)) and not isinstance(value, bool)
        }
        if not values:
            return
        if user._crm_access_blocked():
            raise AccessError(self.env["crm.access.audited"]._crm_access_suspended_message())
        limit = user._crm_access_threshold(searched=True)
        touched = self.env["crm.access.search.log"]._log_values(user.id, values, limit)
        if touched <= limit:
            return
        # the refusal rolls the request back: the alarm is written apart
        self.env["crm.access.alarm"]._crm_access_raise(user, touched, limit, searched=True)
        raise AccessError(
            self.env._(
                "You searched for %(count)s different phone numbers, e-mails or identity "
                "values of customers within %(window)s minutes, more than the %(limit)s "
                "allowed: this search was refused and the managers were alerted.",
                count=touched,
                window=user._crm_access_settings()["window"],
                limit=limit,
            )
        )


class ResUsers(models.Model):
    """Users show their contact's values: the same bound on their searches."""

    _inherit = "res.users"

    @api.model
    def search_fetch(self, domain, field_names=None, offset=0, limit=None, order=None):
        self._crm_access_bound_user_search(domain)
        return super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)

    @api.model
    def search_count(self, domain, limit=None):
        self._crm_access_bound_user_search(domain)
        return super().search_count(domain, limit=limit)

    @api.model
    def _crm_access_bound_user_search(self, domain):
        self.env["res.partner"]._crm_access_bound_search(domain, prefixes=("", "partner_id."))
