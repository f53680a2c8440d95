from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL, escape_psql

from ..tools.mask import identity_keys, is_masked, may_be_identity_value

# Operators that match a masked field against a whole value: finding a
# customer by a full key (or excluding one) stays possible everywhere.
EXACT_OPERATORS = frozenset({"=", "!=", "in", "not in"})
# Operators matching part of a value: turned into a whole-value match outside
# the user's portfolio (a full value typed in a search box still finds).
LIKE_OPERATORS = frozenset({"like", "ilike", "=like", "=ilike"})


class CrmAccessMasked(models.AbstractModel):
    """Identity values masked outside need-to-know, on the server.

    Models inheriting this mixin name their sensitive fields and how to mask
    each one (:meth:`_crm_access_mask_values`). What the public read methods
    return (``read``, so the web client's ``web_read`` and
    ``web_search_read``, and ``search_read``, over any RPC) carries masked
    values for the records whose customer is outside the user's portfolio,
    unless the user sees sensitive identity data (crm_cid) or every
    interaction. Internal ORM access (field access in Python, mail and SMS
    composers, ``sudo()``) reads the real values.

    The other doors to the values are closed for those users too:

    * display names, which Odoo computes as superuser (``name_search``,
      many2one labels, ``web_read``): models mask them in
      ``_compute_display_name`` through :meth:`_crm_access_masked_records`
      with ``real_user=True``, which decides from the user, not from ``su``;
    * searching: a condition on a masked field matches the records outside
      the portfolio only on the whole value (``=``, ``in``, or a ``like``
      whose pattern is the whole value), so that a pattern (``0912%``) is no
      oracle; ordering by a masked field is ignored;
    * grouping and aggregating (the ``read_group`` family) on a masked field
      is refused.

    A masked value is never written back: create and write refuse values that
    look masked in the masked fields.
    """

    _name = "crm.access.masked"
    _description = "Identity values masked outside need-to-know"

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    def _crm_access_mask_fields(self):
        """Return the names of the fields whose values may be masked."""
        return ()

    def _crm_access_mask_owner(self):
        """Return the commercial partner whose portfolio decides for this record."""
        self.ensure_one()
        return self.env["res.partner"]

    def _crm_access_mask_values(self, fnames):
        """Return ``{field: masked value}`` of this record for ``fnames``."""
        return {}

    @api.model
    def _crm_access_mask_owner_field(self):
        """Return the stored field holding the owner given by :meth:`_crm_access_mask_owner`."""
        return "commercial_partner_id"

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    def _crm_access_rows_read(self, rows):
        rows = super()._crm_access_rows_read(rows)
        self._crm_access_mask_rows(rows)
        return rows

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_access_check_not_masked(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_access_check_not_masked(vals)
        return super().write(vals)

    @api.model
    def _search(self, domain, *args, bypass_access=False, **kwargs):
        # bypass_access comes from the ORM's own joins, never from a caller's domain
        if not bypass_access and self._crm_access_search_restricted():
            domain = self._crm_access_restrict_domain(domain)
        return super()._search(domain, *args, bypass_access=bypass_access, **kwargs)

    @api.model
    def _search_display_name(self, operator, value):
        # name_search and many2one lookups search the display name, which
        # stands for conditions on the masked fields (the e-mail of a contact)
        domain = super()._search_display_name(operator, value)
        if domain is NotImplemented or not self._crm_access_search_restricted():
            return domain
        # a whole value typed there finds a customer outside the portfolio,
        # one value a call: counted with the values of searches (a name is
        # no identity value, and is not)
        typed = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        identities = [text for text in typed if may_be_identity_value(text)]
        if identities:
            self._crm_access_audit_search(identities)
        return self._crm_access_restrict_domain(domain)

    def _order_to_sql(self, order, query, alias=None, reverse=False):
        sql = super()._order_to_sql(order, query, alias=alias, reverse=reverse)
        if sql or not order:
            return sql
        # every term was a masked field left out (below): the records come in
        # the order of their ids, never in the table's physical order
        return SQL.identifier(alias or self._table, "id")

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        # the order of the records would tell the masked values apart
        if field_name in self._crm_access_search_fields() and self._crm_access_search_restricted():
            return SQL()
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    def _read_group_groupby(self, alias, groupby_spec, query):
        self._crm_access_check_group_field(groupby_spec)
        return super()._read_group_groupby(alias, groupby_spec, query)

    def _read_group_select(self, aggregate_spec, query):
        self._crm_access_check_group_field(aggregate_spec)
        return super()._read_group_select(aggregate_spec, query)

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_sees_full_values(self):
        """Whether the current user sees every identity value unmasked."""
        return self.env.su or self._crm_access_user_sees_full_values()

    def _crm_access_user_sees_full_values(self):
        """Whether the user, even when acting as superuser (``sudo()``), sees
        every identity value unmasked."""
        return self.env.user._crm_access_sees_full_values()

    def _crm_access_search_restricted(self):
        """Whether searches, orders and groups of the current user are kept
        from telling masked values apart."""
        return not self._crm_access_sees_full_values()

    def _crm_access_masked_records(self, real_user=False):
        """Return the records of ``self`` the current user sees masked.

        :param bool real_user: decide from the user even when ``self`` is
            superuser: for what Odoo computes as superuser and hands to the
            user (display names of ``name_search``, many2one labels)
        """
        if not self:
            return self.browse()
        if (
            self._crm_access_user_sees_full_values()
            if real_user
            else self._crm_access_sees_full_values()
        ):
            return self.browse()
        masked_ids = self._crm_access_masked_ids()
        return self.filtered(lambda record: record.id in masked_ids)

    def _crm_access_masked_ids(self):
        """Return the set of ids of ``self`` whose owner the user does not see
        in full; see :meth:`_crm_access_masked_records`, which decided that
        the user does not see every value."""
        owner_column = self._crm_access_mask_owner_column()
        dirty = owner_column and self.env._field_dirty.get(self._fields[owner_column], ())
        if (
            owner_column
            and all(isinstance(record_id, int) for record_id in self._ids)
            and not any(record_id in dirty for record_id in self._ids)
        ):
            # one query on the stored owners: neither the owners nor their
            # commercial entities are fetched under the record rules again.
            # Owners changed in this transaction and not written yet (a
            # constraint checking a new record) are taken from the cache
            # below: writing them here would run ahead of the check.
            rows = self.env.execute_query(
                SQL(
                    "SELECT r.id FROM %s AS r WHERE r.id = ANY(%s) AND %s IS NOT NULL AND NOT %s",
                    SQL.identifier(self._table),
                    list(self._ids),
                    SQL.identifier("r", owner_column),
                    self.env["res.partner"]._crm_access_unmasked_owner_test(
                        SQL.identifier("r", owner_column)
                    ),
                )
            )
            return {row[0] for row in rows}
        owners = {record.id: record._crm_access_mask_owner().id for record in self}
        unmasked = self.env["res.partner"]._crm_access_unmasked_ids(
            {owner for owner in owners.values() if owner}
        )
        # a record of nobody (an unidentified caller's key) is nobody's customer data
        return {record_id for record_id, owner in owners.items() if owner and owner not in unmasked}

    @api.model
    def _crm_access_mask_owner_column(self):
        """Return the column of this model's table holding the owner of
        :meth:`_crm_access_mask_owner` (a stored many2one to contacts named by
        :meth:`_crm_access_mask_owner_field`), or None when it is a path."""
        fname = self._crm_access_mask_owner_field()
        field = self._fields.get(fname)
        if (
            field is not None
            and field.type == "many2one"
            and field.comodel_name == "res.partner"
            and field.store
            and field.column_type
            and not field.inherited
        ):
            return fname
        return None

    def _crm_access_mask_rows(self, rows):
        """Mask, in place, the values of read ``rows`` the user may not see in full."""
        fnames = set(self._crm_access_mask_fields())
        if not rows or not fnames.intersection(rows[0]):
            return
        records = self.browse([row["id"] for row in rows])
        masked = records._crm_access_masked_records()
        # a form's new record (onchange) made from a record seen masked
        origins = records._crm_access_masked_origins(masked)
        if not masked and not origins:
            return
        fnames = [fname for fname in fnames if fname in rows[0]]
        # new records among them (a form's record whose customer the user
        # sees masked) by their ids, not their origins'
        masked_ids = set(masked._ids)
        for row in rows:
            # a new record's id is false: browsed in a list
            if row["id"] in masked_ids:
                row.update(masked.browse([row["id"]])._crm_access_mask_values(fnames))
            elif row["id"] in origins:
                known = origins[row["id"]]
                row.update(
                    self.browse([row["id"]])._crm_access_mask_values(
                        [fname for fname in fnames if identity_keys(row[fname]) & known]
                    )
                )

    def _crm_access_masked_origins(self, masked):
        """Return ``{id: identity keys}`` for the new records of ``self`` (a
        form's onchange) not in ``masked`` whose origin, the record the form
        shows, the user sees masked: the keys of the origin's stored values
        (:func:`identity_keys`).

        The form sends values of its own (no customer, a salesperson of the
        user's): the origin decides, as stored. Its values, and any spelling
        of them an onchange makes (a phone formatted for another country),
        are masked in what the new record returns; a value the user typed
        instead is returned as typed.
        """
        news = [
            record
            for record in self
            if not isinstance(record.id, int) and record._origin and record not in masked
        ]
        if not news:
            return {}
        origins = self.browse([record._origin.id for record in news])
        seen_masked = origins._crm_access_masked_records()
        if not seen_masked:
            return {}
        fnames = self._crm_access_mask_fields()
        # the stored values of records the user reads masked: only compared
        # with what the form returns, never handed out
        known = {
            origin.id: set().union(*(identity_keys(origin[fname]) for fname in fnames))
            for origin in seen_masked.sudo()
        }
        return {
            record.id: known[record._origin.id] for record in news if known.get(record._origin.id)
        }

    @api.model
    def _crm_access_search_fields(self):
        """Return ``{field: whole-value operator}``: the fields whose search
        would tell masked values apart, and the operator that matches a whole
        value in place of a pattern (``=ilike`` matches the pattern taken
        literally, ``=`` hands the value to the field's own search)."""
        return dict.fromkeys(self._crm_access_mask_fields(), "=ilike")

    @api.model
    def _crm_access_restrict_domain(self, domain, owner_field=None, prefixes=("",)):
        """Return ``domain`` where a masked field tells no value of a record
        outside the user's portfolio but a whole one.

        A condition on a masked field keeps matching the records whose values
        the user sees in full. Outside of them, it matches on the whole value
        only: ``=``, ``!=``, ``in`` and ``not in`` as they are, the ``like``
        operators as a match of the whole value they were given, and any
        other operator (``not ilike``, ``<``...) never.

        :param owner_field: the path, on the model searched, to the owner of
            the values (the commercial entity); this model's owner field by
            default. A model that shows these fields on its own (``res.users``
            through its contact) passes its own path.
        :param prefixes: the paths to this model under which the fields are
            searched too; the ORM joins some relations without searching
            their model (``res.users`` to its contact), so the fields behind
            them are guarded here
        """
        search_fields = {
            prefix + fname: operator
            for prefix in prefixes
            for fname, operator in self._crm_access_search_fields().items()
        }
        domain = Domain(domain)
        if not any(cond.field_expr in search_fields for cond in domain.iter_conditions()):
            return domain
        unmasked = self._crm_access_unmasked_domain(owner_field)

        restricted = {}

        def restrict(condition):
            fname = condition.field_expr
            if fname not in search_fields or condition.operator in EXACT_OPERATORS:
                return condition
            # the same condition twice gives the same domain (kept once)
            key = (fname, condition.operator, repr(condition.value))
            if key not in restricted:
                restricted[key] = restrict_one(condition)
            return restricted[key]

        def restrict_one(condition):
            fname = condition.field_expr
            value = condition.value
            if not (
                condition.operator in LIKE_OPERATORS and isinstance(value, str) and value.strip()
            ):
                return _guarded(condition, unmasked)
            if search_fields[fname] == "=":
                return _guarded(condition, unmasked) | Domain(fname, "=", value)
            whole = "=ilike" if "ilike" in condition.operator else "=like"
            whole = Domain(fname, whole, escape_psql(value))
            if "\\" in value:
                return _guarded(condition, unmasked) | whole
            # the pattern matches the whole value it is made of (it holds no
            # escape): one test of the pattern per record, then the owner
            return _guarded(condition, unmasked | whole)

        return domain.map_conditions(restrict)

    @api.model
    def _crm_access_unmasked_domain(self, owner_field=None):
        """Return a domain of this model (or of the model ``owner_field``
        belongs to): the records the user sees in full."""
        # the owners the user sees in full, as a subquery: the portfolio is
        # decided through teams and users the user may not read
        Partner = self.env["res.partner"]
        if owner_field is None and (column := self._crm_access_mask_owner_column()):
            # the SQL of the owners seen in full is made once per worker
            def to_sql(model, alias, query):
                owner = model._field_to_sql(alias, column, query)
                return SQL(
                    "(%s IS NULL OR %s)",
                    owner,
                    Partner._crm_access_unmasked_owner_test(owner, correlated=False),
                )

            return Domain.custom(to_sql=to_sql)
        owners = Partner.sudo().with_context(active_test=False)
        query = owners._search(Partner._crm_access_unmasked_owner_domain())
        owner_field = owner_field or self._crm_access_mask_owner_field()
        return Domain(owner_field, "in", query) | Domain(owner_field, "=", False)

    def _crm_access_check_group_field(self, spec):
        """Refuse to group or aggregate on a masked field for a restricted user."""
        fname = spec.split(":")[0].split(".")[0]
        if fname not in self._crm_access_mask_fields() or not self._crm_access_search_restricted():
            return
        raise AccessError(
            self.env._(
                "You cannot group or aggregate %(model)s by %(field)s: its values are "
                "masked outside your portfolio.",
                # the translated name of the model, which any user may know
                model=self.env["ir.model"]._get(self._name).sudo().name,
                # the label alone: the full description asks whether the
                # field is groupable, which comes back here
                field=self._fields[fname]._description_string(self.env),
            )
        )

    def _crm_access_check_not_masked(self, vals):
        """Refuse to store a masked value in place of the real one."""
        for fname in self._crm_access_mask_fields():
            if is_masked(vals.get(fname)):
                raise UserError(
                    self.env._(
                        "%(field)s holds a masked value (%(value)s): type the full value, "
                        "or leave the field unchanged.",
                        field=self._fields[fname].get_description(self.env)["string"],
                        value=vals[fname],
                    )
                )


def _guarded(condition, domain):
    """Return ``condition & domain`` where ``domain`` is tested only on the
    records ``condition`` matches.

    PostgreSQL evaluates the second term of an ``AND`` whose first is null (a
    pattern on an empty field), and may compute a sub-query of the second
    term on the whole table for it: here ``domain`` (the owners seen in full,
    through their teams and grants) is tested on the matching records only.
    Same result as ``condition & domain`` in every context: false where it
    is false or null (a negation is ``IS NOT TRUE``).
    """

    def to_sql(model, alias, query):
        return SQL(
            "(CASE WHEN %s THEN %s ELSE FALSE END)",
            _domain_sql(condition, model, alias, query),
            _domain_sql(domain, model, alias, query),
        )

    return Domain.custom(to_sql=to_sql)


def _domain_sql(domain, model, alias, query):
    """Return the SQL of ``domain`` on ``model`` (optimized first)."""
    domain = Domain(domain).optimize_full(model)
    if domain.is_true():
        return SQL("TRUE")
    if domain.is_false():
        return SQL("FALSE")
    return domain._to_sql(model, alias, query)
