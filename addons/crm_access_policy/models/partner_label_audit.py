from odoo import api, models

RES_PARTNER = "res.partner"
# Context key set by web_read_group: its groups, subgroups included, are
# counted once, by web_read_group itself.
GROUP_TITLES_COUNTED = "crm_access_group_titles_counted"


class Base(models.AbstractModel):
    """Customers shown as a many2one label on models that are not audited.

    Odoo computes the label of a many2one (``read``, ``search_read``, and
    ``web_read`` for a sub-specification asking for ``display_name``) as
    superuser. The label of a contact is masked as the user would read the
    contact (``res.partner._compute_display_name``); when it carries the
    contact's data (an identity value: an e-mail with ``show_email``, a phone
    within the name...; its address with ``show_address``, its tax ID with
    ``show_vat``), that read is a read of the customer: counted in the
    access log, alarmed, refused while the user is suspended. Models that are
    audited count their own reads; labels made of names alone are not
    customer data.

    The same goes for the titles of groups by a contact (``read_group``,
    ``formatted_read_group``, ``formatted_read_grouping_sets`` and
    ``web_read_group`` grouped by a many2one to contacts, directly or
    through a path, or by a property holding contacts): the title is the
    contact's label, counted by the same rule, once per call.
    """

    _inherit = "base"

    def read(self, fields=None, load="_classic_read"):
        rows = super().read(fields, load=load)
        self._crm_access_rows_read(rows)
        if load and rows:
            self._crm_access_audit_labels(fields or list(self._fields))
        return rows

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        rows = super().search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        self._crm_access_rows_read(rows)
        if rows and read_kwargs.get("load", "_classic_read"):
            records = self.browse([row["id"] for row in rows])
            records._crm_access_audit_labels(fields or list(self._fields))
        return rows

    def web_read(self, specification):
        result = super().web_read(specification)
        if result:
            # the labelled fields read with the same context are audited at
            # once: one count of their contacts, not one per column
            labelled = {}
            for fname, spec in specification.items():
                if isinstance(spec, dict) and "display_name" in (spec.get("fields") or {}):
                    context = spec.get("context") or {}
                    key = repr(sorted(context.items(), key=lambda item: item[0]))
                    labelled.setdefault(key, (context, []))[1].append(fname)
            for context, fnames in labelled.values():
                self.with_context(**context)._crm_access_audit_labels(fnames)
        return result

    def _crm_access_rows_read(self, rows):
        """Change, in place, the ``rows`` that ``read`` or ``search_read`` of
        these records return, before they reach the caller (masking); return
        them."""
        return rows

    def _crm_access_audit_labels(self, fnames):
        """Count the contacts whose many2one labels in ``fnames`` of these
        records carry their data (identity values, the address or the tax ID
        the context asks for), as a read of their customers.

        :raise AccessError: when the user is suspended, or past the layoff limit
        """
        if not self or self.env.su or isinstance(self, self.pool["crm.access.audited"]):
            return
        labelled = [
            fname
            for fname in fnames
            if (field := self._fields.get(fname))
            and field.type == "many2one"
            and field.comodel_name == RES_PARTNER
        ]
        if not labelled:
            return
        Partner = self.env[RES_PARTNER]
        if not Partner._crm_access_user_is_audited():
            return
        # the contacts and their labels as Odoo computed them for the user,
        # as superuser (the user may not be allowed to read the contacts)
        records = self.sudo()
        contacts = Partner.sudo().browse()
        for fname in labelled:
            contacts |= records[fname]
        self._crm_access_count_labels(
            {contact.id: contact.display_name for contact in contacts}, labelled
        )

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        # the formatting of read_group's groups, once per call (read_group
        # itself is deprecated: an override would take its warnings)
        result = super()._read_group_format_result(rows_dict, lazy_groupby)
        self._crm_access_audit_group_titles(lazy_groupby, rows_dict)
        return result

    @api.model
    @api.readonly
    def formatted_read_group(self, domain, groupby=(), *args, **kwargs):
        groups = super().formatted_read_group(domain, groupby, *args, **kwargs)
        if not self.env.context.get(GROUP_TITLES_COUNTED):
            self._crm_access_audit_group_titles(groupby, groups)
        return groups

    @api.model
    @api.readonly
    def formatted_read_grouping_sets(self, domain, grouping_sets, *args, **kwargs):
        groupings = super().formatted_read_grouping_sets(domain, grouping_sets, *args, **kwargs)
        self._crm_access_audit_group_titles(
            [spec for grouping in grouping_sets for spec in grouping],
            [group for groups in groupings for group in groups],
        )
        return groupings

    @api.model
    @api.readonly
    def web_read_group(self, domain, groupby, *args, **kwargs):
        # the groups opened within are counted with the first level, at once
        reader = self.with_context(**{GROUP_TITLES_COUNTED: True})
        result = super(Base, reader).web_read_group(domain, groupby, *args, **kwargs)
        groups, pending = [], list(result.get("groups") or ())
        while pending:
            group = pending.pop()
            groups.append(group)
            pending.extend((group.get("__groups") or {}).get("groups") or ())
        self._crm_access_audit_group_titles(groupby, groups)
        return result

    @api.model
    def _crm_access_audit_group_titles(self, groupby, groups):
        """Count the contacts whose labels, as titles of ``groups`` grouped by
        ``groupby``, carry their data, as a read of their customers (see
        :meth:`_crm_access_audit_labels`).

        :raise AccessError: when the user is suspended, or past the layoff limit
        """
        if not groups or self.env.su or isinstance(self, self.pool["crm.access.audited"]):
            return
        titled = [spec for spec in groupby if self._crm_access_groupby_comodel(spec) == RES_PARTNER]
        if not titled or not self.env[RES_PARTNER]._crm_access_user_is_audited():
            return
        # the labels the user was given
        labels = {
            value[0]: value[1]
            for group in groups
            for spec in titled
            if isinstance(value := group.get(spec), (list, tuple)) and len(value) == 2
        }
        fnames = [spec.split(":")[0].split(".")[0] for spec in titled]
        self._crm_access_count_labels(labels, fnames)

    @api.model
    def _crm_access_groupby_comodel(self, spec):
        """Return the model the groups of ``spec`` are records of, if any:
        the comodel of the many2one it ends with, through a path of many2one
        fields, or of the relational property it names (a many2one or
        many2many property, grouped by one record a group)."""
        model = self
        field = None
        names = spec.split(":")[0].split(".")
        for index, fname in enumerate(names):
            if field is not None:
                if field.type == "properties":
                    return model._crm_access_property_comodel(field, names[index:])
                if field.type != "many2one":
                    return None
                model = self.env[field.comodel_name]
            field = model._fields.get(fname)
            if field is None:
                return None
        return field.comodel_name if field.type == "many2one" else None

    @api.model
    def _crm_access_property_comodel(self, field, names):
        """Return the comodel of the relational property ``names`` (one
        name) of the properties ``field`` of this model, if any."""
        if len(names) != 1:
            return None
        # the definition, as the grouping itself read it for the user
        definition = self.get_property_definition(f"{field.name}.{names[0]}")
        if definition.get("type") in ("many2one", "many2many"):
            return definition.get("comodel")
        return None

    @api.model
    def _crm_access_count_labels(self, labels, fnames):
        """Count the contacts of ``labels`` (``{contact id: label}``, labels
        of ``fnames`` of this model shown to the user) whose label carries
        their data, as a read of their customers.

        :raise AccessError: when the user is suspended, or past the layoff limit
        """
        # the contacts are looked at as superuser (the user may not be allowed
        # to read them): the labels were already computed for the user
        contacts = self.env[RES_PARTNER].sudo().browse(labels)
        revealing = contacts.filtered(
            lambda contact: contact._crm_access_label_reveals(labels[contact.id])
        )
        customers = revealing._crm_access_customers().with_env(self.env)
        if customers:
            customers._crm_access_audit(customers._crm_access_kind(fnames))
