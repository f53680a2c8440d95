from odoo import api, models

RES_PARTNER = "res.partner"


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
    """

    _inherit = "base"

    def read(self, fields=None, load="_classic_read"):
        rows = super().read(fields, load=load)
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
        revealing = contacts.filtered(
            lambda contact: contact._crm_access_label_reveals(contact.display_name)
        )
        customers = revealing._crm_access_customers().with_env(self.env)
        if customers:
            customers._crm_access_audit(customers._crm_access_kind(labelled))
