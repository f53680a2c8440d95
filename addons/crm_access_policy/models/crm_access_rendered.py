from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.orm.models import fix_import_export_id_paths


class CrmAccessRendered(models.AbstractModel):
    """Wizards showing values rendered from a customer's data (the SMS
    composer's number and text, a template's preview).

    Their fields (:meth:`_crm_access_rendered_fields`) are masked on the
    read paths by each wizard for the users who see the customer masked;
    they hold the real values all the same. For the users who may see
    values masked anywhere, they are never searched, ordered, grouped or
    exported: each of those would tell the values apart. A wizard is only
    ever read by its form, which does none of these.
    """

    _name = "crm.access.rendered"
    _description = "Values rendered from a customer's data in a wizard"

    @api.model
    def _crm_access_rendered_fields(self):
        """Return the names of the fields holding rendered values."""
        return ()

    @api.model
    def _search(self, domain, *args, bypass_access=False, **kwargs):
        if not bypass_access:
            fnames = {condition.field_expr for condition in Domain(domain).iter_conditions()}
            self._crm_access_check_rendered({fname.split(".")[0] for fname in fnames})
        return super()._search(domain, *args, bypass_access=bypass_access, **kwargs)

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        self._crm_access_check_rendered({field_name})
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    def _read_group_groupby(self, alias, groupby_spec, query):
        self._crm_access_check_rendered({groupby_spec.split(":")[0].split(".")[0]})
        return super()._read_group_groupby(alias, groupby_spec, query)

    def _read_group_select(self, aggregate_spec, query):
        self._crm_access_check_rendered({aggregate_spec.split(":")[0].split(".")[0]})
        return super()._read_group_select(aggregate_spec, query)

    def export_data(self, fields_to_export):
        self._crm_access_check_rendered(
            {
                fix_import_export_id_paths(column)[0]
                for column in fields_to_export
                if isinstance(column, str) and column
            }
        )
        return super().export_data(fields_to_export)

    def _crm_access_check_rendered(self, fnames):
        """Refuse a search, order, group or export by rendered fields to a
        user who may see values masked.

        :param set fnames: the fields used
        :raise AccessError: when one of them holds rendered values
        """
        used = set(self._crm_access_rendered_fields()) & fnames
        if not used or self.env.su or self.env["res.partner"]._crm_access_sees_full_values():
            return
        raise AccessError(
            self.env._(
                "You cannot search, sort, group or export %(model)s by %(field)s: it may "
                "hold values masked outside your portfolio.",
                # the translated name of the model, which any user may know
                model=self.env["ir.model"]._get(self._name).sudo().name,
                field=self._fields[sorted(used)[0]]._description_string(self.env),
            )
        )
