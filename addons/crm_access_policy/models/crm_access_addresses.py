from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL, escape_psql

from ..tools.mask_addresses import addresses_in, mask_address_list
from .crm_access_masked_bound import VALUE_LISTS

LIKE_OPERATORS = frozenset({"like", "ilike", "=like", "=ilike"})
NOT_LIKE_OPERATORS = frozenset({"not like", "not ilike", "not =like", "not =ilike"})
# Operators comparing a value with a bound: a few of them find any value.
COMPARISON_OPERATORS = frozenset({"<", "<=", ">", ">="})


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

    Fields holding a phone number (:meth:`_crm_access_number_fields`, the
    number an SMS went to) are masked by the model
    (:meth:`_crm_access_mask_number_rows`); they answer no partial search
    either, are neither grouped nor ordered by, and the whole numbers a
    search tests are bounded and counted as the searches of customers'
    phone numbers are (``crm_access_masked_bound``). So are the whole
    addresses searched in :meth:`_crm_access_counted_address_fields` (the
    address an e-mail notification went to, the sender and recipients of
    a message). No comparison (``<``, ``>``...) tells a part of
    an address or number.
    """

    _name = "crm.access.addresses"
    _description = "E-mail addresses masked outside need-to-know"

    @api.model
    def _crm_access_address_fields(self):
        """Return the names of the fields holding lists of e-mail addresses."""
        return ()

    @api.model
    def _crm_access_number_fields(self):
        """Return the names of the fields holding a phone number."""
        return ()

    @api.model
    def _crm_access_counted_address_fields(self):
        """Return the names of the address fields (one address or a list)
        whose searched values are bounded and counted as numbers are, and
        which are not ordered by."""
        return ()

    @api.model
    def _crm_access_counted_fields(self):
        """Return the names of the fields whose searched values are bounded
        and counted (numbers, and addresses held one by one)."""
        return (*self._crm_access_number_fields(), *self._crm_access_counted_address_fields())

    def _crm_access_mask_number_rows(self, rows):
        """Mask, in place, the phone numbers of read ``rows`` the user may
        not see (and count their reading); the model decides."""

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    def _crm_access_rows_read(self, rows):
        rows = super()._crm_access_rows_read(rows)
        self._crm_access_mask_address_rows(rows)
        self._crm_access_mask_number_rows(rows)
        return rows

    @api.model
    def _search(self, domain, *args, bypass_access=False, **kwargs):
        if not bypass_access and self._crm_access_addresses_restricted():
            self._crm_access_count_searched_values(domain)
            domain = self._crm_access_restrict_address_domain(domain)
        return super()._search(domain, *args, bypass_access=bypass_access, **kwargs)

    def _order_to_sql(self, order, query, alias=None, reverse=False):
        sql = super()._order_to_sql(order, query, alias=alias, reverse=reverse)
        if sql or not order or not self._crm_access_counted_fields():
            return sql
        # every term was a number or address left out (below): the records come in the
        # order of their ids, never in the table's physical order
        return SQL.identifier(alias or self._table, "id")

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        # the order of the records would tell the masked numbers apart
        if (
            field_name in self._crm_access_counted_fields()
            and self._crm_access_addresses_restricted()
        ):
            return SQL()
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

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
    def _crm_access_count_searched_values(self, domain):
        """Bound and count the whole phone numbers and addresses ``domain``
        (as the caller gave it) tests in :meth:`_crm_access_counted_fields`,
        as the searches of customers' phone numbers and e-mails are."""
        fnames = set(self._crm_access_counted_fields())
        if not fnames:
            return
        values = []
        for condition in Domain(domain).iter_conditions():
            if condition.field_expr in fnames:
                value = condition.value
                values.extend(value if isinstance(value, VALUE_LISTS) else [value])
        self.env["res.partner"]._crm_access_check_tested_values(values)

    @api.model
    def _crm_access_restrict_address_domain(self, domain):
        """Return ``domain`` where the address fields match whole values only."""
        fnames = {*self._crm_access_address_fields(), *self._crm_access_number_fields()}
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
            if condition.operator in NOT_LIKE_OPERATORS | COMPARISON_OPERATORS:
                # the records left out would tell the pattern apart; a bound
                # would tell the value, a few bounds at a time
                return Domain.FALSE
            return condition

        return domain.map_conditions(restrict)

    def _crm_access_check_address_group(self, spec):
        """Refuse to group or aggregate by an address or number field for a
        restricted user."""
        fname = spec.split(":")[0].split(".")[0]
        if fname not in (*self._crm_access_address_fields(), *self._crm_access_number_fields()):
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
