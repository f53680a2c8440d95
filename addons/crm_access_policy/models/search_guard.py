from odoo import api, models
from odoo.fields import Domain

RELATION_OPERATORS = frozenset({"any", "not any"})


class Base(models.AbstractModel):
    """Searches through relations that skip the masked model's own search.

    A masked field tells no pattern of a customer outside the portfolio
    (``crm.access.masked``), but the ORM searches some relations without
    calling the comodel's search: a many2one declared with
    ``bypass_search_access`` (an analytic account's ``partner_id``, a
    project's, a message's ``notification_ids``) is joined directly. The
    conditions under such a relation are restricted here, on the model
    searched, as the comodel would restrict them (masked fields, and the
    addresses and numbers of ``crm.access.addresses``). (Odoo refuses the
    ``any!`` operator in the domains of callers.)
    """

    _inherit = "base"

    @api.model
    def _search(self, domain, *args, bypass_access=False, **kwargs):
        if not bypass_access and not self.env.su:
            domain = self._crm_access_guard_relations(domain)
        return super()._search(domain, *args, bypass_access=bypass_access, **kwargs)

    @api.model
    def _crm_access_guard_relations(self, domain):
        """Return ``domain`` with the conditions under relations searched
        without access checks restricted as their masked comodel would."""
        domain = Domain(domain)
        if not any(
            "." in condition.field_expr or condition.operator in RELATION_OPERATORS
            for condition in domain.iter_conditions()
        ):
            return domain
        return domain.map_conditions(self._crm_access_guard_relation)

    @api.model
    def _crm_access_guard_relation(self, condition):
        fname, dot, rest = condition.field_expr.partition(".")
        field = self._fields.get(fname)
        if field is None or not field.relational:
            return condition
        if dot:
            if not field.bypass_search_access:
                # the comodel's own search runs, and restricts
                return condition
            operator, subdomain = "any", Domain(rest, condition.operator, condition.value)
        elif condition.operator in RELATION_OPERATORS and field.bypass_search_access:
            if not isinstance(condition.value, (Domain, list, tuple)):
                # a query built by the ORM itself
                return condition
            operator, subdomain = condition.operator, Domain(condition.value)
        else:
            return condition
        comodel = self.env[field.comodel_name]
        guarded = comodel._crm_access_guard_relations(subdomain)
        if isinstance(comodel, self.pool["crm.access.masked"]) and (
            comodel._crm_access_search_restricted()
        ):
            guarded = comodel._crm_access_restrict_domain(guarded)
        elif isinstance(comodel, self.pool["crm.access.addresses"]) and (
            comodel._crm_access_addresses_restricted()
        ):
            # the addresses and numbers of a message's notifications
            comodel._crm_access_count_searched_values(guarded)
            guarded = comodel._crm_access_restrict_address_domain(guarded)
        if guarded == subdomain:
            return condition
        return Domain(fname, operator, guarded)
