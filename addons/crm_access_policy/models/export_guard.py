from odoo import models
from odoo.orm.models import fix_import_export_id_paths
from odoo.tools import OrderedSet

# Fields of a contact that an export of another model may take along without
# the right to export customer data: what names the customer and how they
# are organised, no value that identifies or reaches a person.
FREE_PARTNER_FIELDS = frozenset(
    {
        "id",
        ".id",
        "name",
        "display_name",
        "complete_name",
        "cid",
        "ref",
        "is_company",
        "company_type",
        "company_name",
        "commercial_company_name",
        "type",
        "active",
        "lang",
        "country_id",
        "state_id",
        "city",
        "company_id",
        "category_id",
        "industry_id",
        "parent_id",
        "commercial_partner_id",
        "user_id",
        "portfolio_team_id",
        "team_id",
    }
)
# Models whose every field is customer data when reached by an export.
CUSTOMER_DATA_MODELS = frozenset({"crm.cid.key"})
# Fields of other models holding a copy of a customer's identity values, with
# the field naming the customer: ``{model: (customer field, {fields})}``.
COPIED_IDENTITY_FIELDS = {
    "crm.lead": (
        "partner_id",
        frozenset(
            {
                "email_from",
                "email_cc",
                "email_normalized",
                "email_domain_criterion",
                "phone",
                "phone_sanitized",
                "phone_mobile_search",
                # crm_interaction_website: the national ID a website form gave
                "national_id",
                "street",
                "street2",
                "zip",
            }
        ),
    ),
    "helpdesk.ticket": ("partner_id", frozenset({"partner_email", "email_cc"})),
    "account.move": ("partner_id", frozenset({"invoice_source_email"})),
    "mail.message": (
        "author_id",
        frozenset({"email_from", "incoming_email_cc", "incoming_email_to", "outgoing_email_to"}),
    ),
    # the address and number a notification went to, the partner notified
    "mail.notification": ("res_partner_id", frozenset({"mail_email_address", "sms_number"})),
}


class Base(models.AbstractModel):
    """The export right on customer data, whatever model the export starts from.

    Exporting contacts needs the group “May export customer data”
    (``crm.access.audited``). An export of another model (sale orders,
    invoices, opportunities, tickets, price quotes, letters...) with a
    column such as ``partner_id/phone``, ``partner_id/email`` or
    ``partner_id/cid_key_ids/value``, or with a field holding a copy of
    them (an opportunity's ``email_from``, a ticket's ``partner_email``)
    takes the same data out: it needs the
    same right, is frozen in layoff mode and is counted in the access log as
    an export of the customers it reaches.
    """

    _inherit = "base"

    def export_data(self, fields_to_export):
        prefixes = self._crm_access_export_customer_prefixes(fields_to_export)
        if not prefixes:
            return super().export_data(fields_to_export)
        Partner = self.env["res.partner"]
        Partner._crm_access_check_export()
        result = super().export_data(fields_to_export)
        # the customers reached by the columns, as exported; reading the
        # relations again as superuser only collects their ids
        partners = Partner.browse(
            OrderedSet(
                pid for prefix in prefixes for pid in self.sudo().mapped(".".join(prefix)).ids
            )
        )
        partners._crm_access_audit("export")
        return result

    def _crm_access_export_customer_prefixes(self, fields_to_export):
        """Return the paths to the contacts whose customer data an export takes.

        :param list fields_to_export: the columns, as given to ``export_data``
        :return: a set of tuples of field names leading from ``self`` to
            ``res.partner`` records, one per column that reads on them a field
            outside :data:`FREE_PARTNER_FIELDS`, reaches identity keys or
            reads a copy of identity values (:data:`COPIED_IDENTITY_FIELDS`);
            empty for models that control their own exports
            (``crm.access.audited``)
        """
        if isinstance(self, self.pool["crm.access.audited"]):
            return set()
        prefixes = set()
        for column in fields_to_export:
            path = fix_import_export_id_paths(column) if isinstance(column, str) else []
            model = self
            for index, name in enumerate(path):
                fname = name.split(".")[0]
                field = model._fields.get(fname)
                if name in ("id", ".id") or field is None:
                    break
                customer_field, copies = COPIED_IDENTITY_FIELDS.get(model._name, (None, ()))
                if fname in copies:
                    prefixes.add((*path[:index], customer_field))
                    break
                if model._name == "res.partner":
                    if fname not in FREE_PARTNER_FIELDS or field.comodel_name in (
                        CUSTOMER_DATA_MODELS
                    ):
                        prefixes.add(tuple(path[:index]))
                        break
                elif field.comodel_name in CUSTOMER_DATA_MODELS:
                    # the keys' customers
                    prefixes.add((*path[: index + 1], "partner_id"))
                    break
                if not field.relational:
                    break
                model = self.env[field.comodel_name]
        return prefixes
