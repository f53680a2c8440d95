from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import escape_psql

from ..tools.mask_addresses import addresses_in, mask_address_list

LIKE_OPERATORS = frozenset({"like", "ilike", "=like", "=ilike"})
NOT_LIKE_OPERATORS = frozenset({"not like", "not ilike", "not =like", "not =ilike"})


class CrmAccessAddresses(models.AbstractModel):
    """E-mail addresses of anybody, masked for the customers outside the portfolio.

    The sender, To and Cc of a message, the address a notification went to:
    fields holding the addresses of several people, customers among them.
    On the public read paths (``read``, so ``web_read``, and ``search_read``)
    the address of a customer the user sees masked (his own e-mail is masked
    for the user) is masked, and so is, on a record of a document whose
    copies the user sees masked, the document's own e-mail; the others are
    shown as they are. The fields answer no partial search for those users
    (a pattern is matched as a whole value), and are not grouped by.
    """

    _name = "crm.access.addresses"
    _description = "E-mail addresses masked outside need-to-know"

    @api.model
    def _crm_access_address_fields(self):
        """Return the names of the fields holding lists of e-mail addresses."""
        return ()

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    def read(self, fields=None, load="_classic_read"):
        rows = super().read(fields, load=load)
        self._crm_access_mask_address_rows(rows)
        return rows

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        rows = super().search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        self._crm_access_mask_address_rows(rows)
        return rows

    @api.model
    def _search(self, domain, *args, bypass_access=False, **kwargs):
        if not bypass_access and self._crm_access_addresses_restricted():
            domain = self._crm_access_restrict_address_domain(domain)
        return super()._search(domain, *args, bypass_access=bypass_access, **kwargs)

    def _read_group_groupby(self, alias, groupby_spec, query):
        self._crm_access_check_address_group(groupby_spec)
        return super()._read_group_groupby(alias, groupby_spec, query)

    def _read_group_select(self, aggregate_spec, query):
        self._crm_access_check_address_group(aggregate_spec)
        return super()._read_group_select(aggregate_spec, query)

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    @api.model
    def _crm_access_addresses_restricted(self):
        """Whether the current user sees customers' addresses masked somewhere."""
        return not self.env["res.partner"]._crm_access_sees_full_values()

    def _crm_access_copied_hidden(self, user=None):
        """Return the addresses masked on some records of ``self`` only: the
        e-mail of the document they belong to, when ``user`` sees its copies
        masked (see ``crm.access.copied``).

        :param user: the user the data is for (default: the current user,
            ``env.su`` ignored); an empty recordset stands for a recipient
            who is no known user, masked as a user without portfolio
        :return: ``{record id: set of normalised addresses}``
        """
        return {}

    def _crm_access_mask_address_rows(self, rows):
        """Mask, in place, the addresses of customers the user sees masked in ``rows``."""
        fnames = [fname for fname in self._crm_access_address_fields() if rows and fname in rows[0]]
        if not fnames or not self._crm_access_addresses_restricted():
            return
        own = self.browse([row["id"] for row in rows])._crm_access_copied_hidden()
        for row in rows:
            for fname in fnames if row["id"] in own else ():
                row[fname] = mask_address_list(row[fname], own[row["id"]])
        addresses = addresses_in(row[fname] for row in rows for fname in fnames)
        if not addresses:
            return
        # the contacts behind the addresses, which the user may not be allowed
        # to read: only to decide which addresses are masked
        contacts = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("email_normalized", "in", list(addresses))])
        )
        hidden = set(contacts._crm_access_masked_for().mapped("email_normalized"))
        if not hidden:
            return
        for row in rows:
            for fname in fnames:
                row[fname] = mask_address_list(row[fname], hidden)

    @api.model
    def _crm_access_restrict_address_domain(self, domain):
        """Return ``domain`` where the address fields match whole values only."""
        fnames = set(self._crm_access_address_fields())
        domain = Domain(domain)
        if not any(cond.field_expr in fnames for cond in domain.iter_conditions()):
            return domain

        def restrict(condition):
            if condition.field_expr not in fnames:
                return condition
            value = condition.value
            if condition.operator in LIKE_OPERATORS:
                if not isinstance(value, str) or not value.strip():
                    return condition
                whole = "=ilike" if "ilike" in condition.operator else "=like"
                return Domain(condition.field_expr, whole, escape_psql(value))
            if condition.operator in NOT_LIKE_OPERATORS:
                # the records left out would tell the pattern apart
                return Domain.FALSE
            return condition

        return domain.map_conditions(restrict)

    def _crm_access_check_address_group(self, spec):
        """Refuse to group or aggregate by an address field for a restricted user."""
        fname = spec.split(":")[0].split(".")[0]
        if fname not in self._crm_access_address_fields():
            return
        if not self._crm_access_addresses_restricted():
            return
        raise AccessError(
            self.env._(
                "You cannot group or aggregate %(model)s by %(field)s: the addresses of "
                "customers outside your portfolio are masked.",
                model=self.env["ir.model"]._get(self._name).sudo().name,
                field=self._fields[fname]._description_string(self.env),
            )
        )
