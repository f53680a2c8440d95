from odoo import api, models
from odoo.fields import Domain
from odoo.orm.models import (
    READ_GROUP_AGGREGATE,
    fix_import_export_id_paths,
    parse_read_group_spec,
)
from odoo.tools import SQL

# The fields naming the customer a document's typed values resolve to.
CID_FIELDS = ("cid_partner_id", "cid")
# Operators true of an empty field whatever the value tested (a missing
# value is neither like nor part of anything).
EMPTY_TRUE_OPERATORS = frozenset({"not any", "not like", "not ilike", "not =like", "not =ilike"})
# Alias of the contact resolved, in the SQL deciding whether it is shown.
RESOLVED_ALIAS = "crm_access_cid_resolved"


class CrmInteractionCidMixin(models.AbstractModel):
    """The customer a document's typed e-mail or phone resolves to, kept from
    the users who see that customer masked.

    A lead's or a ticket's ``cid_partner_id`` (and its ``cid``) names the
    customer its e-mail or phone belongs to. Typed by a user who sees that
    customer masked, the value would be answered with its owner:

    - on the form's new record, such a customer is left out, as if the value
      were nobody's; the customer the user chose on the form, and the one
      the record shown already had (unless the record reads without it,
      below), stay;
    - on a saved document whose resolved customer is not its own contact
      (``partner_id``) and is seen masked by the user, ``cid_partner_id``
      and ``cid`` read as empty (``read``, so ``web_read`` and
      ``web_search_read``, and ``search_read``), group and aggregate as
      no customer,
      are not ordered by, and a search on them (or a path through them)
      matches the document as one without customer. Exporting them needs
      the right to export customer data.

    Whether a document is such one is decided in SQL, one query per call.
    The users who see the customer in full (its portfolio, a manager) see
    the document as stored.
    """

    _inherit = "crm.interaction.cid.mixin"

    def _compute_cid_partner_id(self):
        super()._compute_cid_partner_id()
        news = self.filtered(lambda document: not isinstance(document.id, int))
        if not news or self.env["res.partner"]._crm_access_user_sees_full_values():
            return
        # the customers resolved for the form, and those of the records it
        # shows, which the user may not be allowed to read: only compared
        found = [
            document
            for document in news.sudo()
            if document.cid_partner_id and document.cid_partner_id != document.partner_id
        ]
        if not found:
            return
        # the customer the record shown already had stays, unless it is kept
        # from the user there too (the record reads without it)
        kept = self.browse(
            {
                document._origin.id
                for document in found
                if document.cid_partner_id == document._origin.cid_partner_id
            }
        )._crm_access_cid_hidden_ids(real_user=True)
        found = [
            document
            for document in found
            if document.cid_partner_id != document._origin.cid_partner_id
            or document._origin.id in kept
        ]
        masked = (
            self.env["res.partner"]
            .browse({document.cid_partner_id.id for document in found})
            ._crm_access_masked_for()
        )
        for document in found:
            if document.cid_partner_id.id in masked.ids:
                document.cid_partner_id = False

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    def _crm_access_rows_read(self, rows):
        rows = super()._crm_access_rows_read(rows)
        self._crm_access_cid_blank_rows(rows)
        return rows

    @api.model
    def _search(self, domain, *args, bypass_access=False, **kwargs):
        # bypass_access comes from the ORM's own joins, never from a caller's domain
        if not bypass_access:
            domain = self._crm_access_cid_restrict_domain(domain)
        return super()._search(domain, *args, bypass_access=bypass_access, **kwargs)

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        fname = field_name.split(".")[0]
        if fname in CID_FIELDS and self._crm_access_cid_restricted():
            # by the customer's id (its name would tell it), none for the
            # documents whose customer is kept from the user: the expression
            # their groups are made of
            return SQL(
                "(CASE WHEN %s THEN NULL ELSE %s END) %s %s",
                self._crm_access_cid_hidden_sql(alias, query),
                self._field_to_sql(alias, fname, query),
                direction,
                nulls,
            )
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    def _read_group_groupby(self, alias, groupby_spec, query):
        sql = super()._read_group_groupby(alias, groupby_spec, query)
        if _spec_field(groupby_spec) not in CID_FIELDS or not self._crm_access_cid_restricted():
            return sql
        # the documents whose customer is kept from the user come under no customer
        return SQL(
            "(CASE WHEN %s THEN NULL ELSE %s END)",
            self._crm_access_cid_hidden_sql(alias, query),
            sql,
        )

    def _read_group_select(self, aggregate_spec, query):
        sql = super()._read_group_select(aggregate_spec, query)
        fname, _property, func = (
            parse_read_group_spec(aggregate_spec)
            if aggregate_spec != "__count"
            else (None, None, None)
        )
        if (
            fname not in CID_FIELDS
            or func not in READ_GROUP_AGGREGATE
            or not self._crm_access_cid_restricted()
        ):
            return sql
        # aggregated as none for the documents whose customer is kept from the user
        return READ_GROUP_AGGREGATE[func](
            self._table,
            SQL(
                "(CASE WHEN %s THEN NULL ELSE %s END)",
                self._crm_access_cid_hidden_sql(self._table, query),
                self._field_to_sql(self._table, fname, query),
            ),
        )

    def _crm_access_export_customer_prefixes(self, fields_to_export):
        prefixes = super()._crm_access_export_customer_prefixes(fields_to_export)
        for column in fields_to_export:
            path = fix_import_export_id_paths(column) if isinstance(column, str) else []
            if path and path[0].split(".")[0] in CID_FIELDS:
                # the customer a typed value belongs to: customer data
                prefixes.add(("cid_partner_id",))
        return prefixes

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    @api.model
    def _crm_access_cid_restricted(self):
        """Whether the current user may see some resolved customers masked."""
        return not self.env["res.partner"]._crm_access_sees_full_values()

    def _crm_access_cid_hidden_ids(self, real_user=False):
        """Return the ids of the saved documents of ``self`` whose resolved
        customer is kept from the current user (one query, none for a user
        who sees every customer in full).

        :param bool real_user: decide from the user even when ``self`` is
            superuser (a form's compute, run as superuser for the user)
        """
        ids = [record_id for record_id in self._ids if isinstance(record_id, int)]
        if not ids:
            return set()
        Partner = self.env["res.partner"]
        if (
            Partner._crm_access_user_sees_full_values()
            if real_user
            else Partner._crm_access_sees_full_values()
        ):
            return set()
        self.browse(ids).flush_recordset(["partner_id", "cid_partner_id"])
        rows = self.env.execute_query(
            SQL(
                "SELECT d.id FROM %s AS d WHERE d.id = ANY(%s) AND %s",
                SQL.identifier(self._table),
                ids,
                self._crm_access_cid_hidden_sql("d"),
            )
        )
        return {row[0] for row in rows}

    def _crm_access_cid_blank_rows(self, rows):
        """Empty, in place, the resolved customer of read ``rows`` the user may not see."""
        if not rows or not set(CID_FIELDS).intersection(rows[0]):
            return
        hidden = self.browse([row["id"] for row in rows])._crm_access_cid_hidden_ids()
        for row in rows:
            if row["id"] in hidden:
                row.update({fname: False for fname in CID_FIELDS if fname in row})

    @api.model
    def _crm_access_cid_hidden_sql(self, alias, query=None):
        """Return an SQL condition on the document under ``alias``: its
        resolved customer is not its contact and the user sees it masked.

        The customers seen in full are computed once by PostgreSQL for the
        whole statement (not per row).
        """
        if query is None:
            resolved = SQL.identifier(alias, "cid_partner_id")
            contact = SQL.identifier(alias, "partner_id")
        else:
            resolved = self._field_to_sql(alias, "cid_partner_id", query)
            contact = self._field_to_sql(alias, "partner_id", query)
        # the commercial entity of a contact the user may not be allowed to
        # read: only tested against the entities the user sees in full
        owner = SQL(
            "(SELECT %s FROM res_partner AS %s WHERE %s = %s)",
            SQL.identifier(RESOLVED_ALIAS, "commercial_partner_id"),
            SQL.identifier(RESOLVED_ALIAS),
            SQL.identifier(RESOLVED_ALIAS, "id"),
            resolved,
        )
        return SQL(
            "(%s IS NOT NULL AND %s IS DISTINCT FROM %s AND NOT COALESCE(%s, FALSE))",
            resolved,
            resolved,
            contact,
            self.env["res.partner"]._crm_access_unmasked_owner_test(owner, correlated=False),
        )

    @api.model
    def _crm_access_cid_restrict_domain(self, domain):
        """Return ``domain`` where a condition on the resolved customer (or a
        path through it) sees a document whose customer is kept from the user
        as one without customer."""
        domain = Domain(domain)
        if (
            not any(
                cond.field_expr.split(".")[0] in CID_FIELDS for cond in domain.iter_conditions()
            )
            or not self._crm_access_cid_restricted()
        ):
            return domain

        def shown_sql(model, alias, query):
            return SQL("NOT %s", model._crm_access_cid_hidden_sql(alias, query))

        shown = Domain.custom(to_sql=shown_sql)

        def restrict(condition):
            if condition.field_expr.split(".")[0] not in CID_FIELDS:
                return condition
            if "." not in condition.field_expr and _true_when_empty(condition):
                return (shown & condition) | ~shown
            return shown & condition

        return domain.map_conditions(restrict)


def _spec_field(spec):
    """Return the field a ``read_group`` spec starts from."""
    return spec.split(":")[0].split(".")[0]


def _true_when_empty(condition):
    """Whether ``condition`` (on a field of the document itself) holds for
    a document whose field is empty."""
    operator, value = condition.operator, condition.value
    if operator in EMPTY_TRUE_OPERATORS:
        return True
    if operator not in ("=", "in", "!=", "not in"):
        return False
    # a single value, or a collection of them (an OrderedSet once normalised)
    values = [value] if value is None or isinstance(value, (str, int)) else list(value)
    empty = any(tested is False or tested is None for tested in values)
    return empty if operator in ("=", "in") else not empty
