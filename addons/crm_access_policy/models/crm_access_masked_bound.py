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
    """

    _inherit = "crm.access.masked"

    @api.model
    def _crm_access_restrict_domain(self, domain, owner_field=None, prefixes=("",)):
        # counted on the domain as given: the restriction repeats conditions
        self._crm_access_check_value_count(Domain(domain), prefixes)
        return super()._crm_access_restrict_domain(domain, owner_field, prefixes)

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
            if condition.field_expr not in bounded:
                continue
            value = condition.value
            count += len(value) if isinstance(value, (list, tuple, set, frozenset)) else 1
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
