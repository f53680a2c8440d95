from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain

# Values of masked fields one search may test, outside the entitled users.
DEFAULT_SEARCH_VALUE_LIMIT = 20
# Fields that find a customer by a whole identity value without being masked
# themselves (crm_cid's search box field).
WHOLE_VALUE_SEARCH_FIELDS = ("cid_search",)


class CrmAccessMasked(models.AbstractModel):
    """A bound on the whole values one search may test.

    A whole value still finds a customer outside the portfolio (``=``,
    ``in``, a full e-mail typed in a search box); a list of thousands of
    candidate numbers in one domain would tell which of them belong to
    customers the user may not see. Users who see masked values test at most
    ``crm_access_policy.search_value_limit`` values (20 by default) of those
    fields in one search, across every condition of the domain; a longer
    list is refused with an error saying so.

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
        bounded = {
            prefix + fname
            for prefix in prefixes
            for fname in (
                *self._crm_access_search_fields(),
                *(fname for fname in WHOLE_VALUE_SEARCH_FIELDS if fname in self._fields),
            )
        }
        count = 0
        for condition in domain.iter_conditions():
            if condition.field_expr in bounded:
                value = condition.value
                count += len(value) if isinstance(value, (list, tuple, set, frozenset)) else 1
        if not count:
            return
        limit = self._crm_access_search_value_limit()
        if count > limit:
            raise UserError(
                self.env._(
                    "A search may test at most %(limit)s phone numbers, e-mails or "
                    "identity values of customers at once; this one tests %(count)s. "
                    "Search for fewer values.",
                    limit=limit,
                    count=count,
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
