from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools.access_fields import guarded_fields
from ..tools.mask import mask_key

# Fields holding what the customer said.
CONTENT_FIELDS = frozenset({"body", "summary", "subject"})


class CrmInteraction(models.Model):
    _name = "crm.interaction"
    _inherit = ("crm.interaction", "crm.access.audited", "crm.access.masked")

    def write(self, vals):
        fnames = [f for f in guarded_fields(self._name, "standing") if f in vals]
        if fnames and not self.env.su:
            self._crm_access_check_standing(vals, fnames)
        return super().write(vals)

    def _crm_access_check_standing(self, vals, fnames):
        """Refuse a new customer or responsible on interactions of a customer outside
        the user's standing portfolio.

        A temporary grant lets an agent work another team's interactions;
        making themselves responsible for them, or moving them to a customer
        of their own, would keep them after the grant is over.
        """
        if self.env.user.has_group("crm_interaction.group_interaction_all"):
            return
        Partner = self.env["res.partner"]
        # the customers' teams decide, which the user may not read
        for interaction in self.sudo():
            customer = interaction.commercial_partner_id
            if not customer or not any(
                interaction[fname].id != (vals[fname] or False) for fname in fnames
            ):
                continue
            if not customer.filtered_domain(Partner._crm_access_standing_portfolio_domain()):
                raise AccessError(
                    self.env._(
                        "Only the team of %(customer)s changes the customer or the "
                        "responsible of its interactions.",
                        customer=customer.with_env(self.env).display_name,
                    )
                )

    def _crm_access_customers(self):
        # one plain query for the customers of the page: reading
        # commercial_partner_id on the records would read them again under
        # the record rules, every column of them, for every audited read
        self.flush_model(["commercial_partner_id"])
        self.env["res.partner"].flush_model(["cid"])
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT p.id FROM crm_interaction i "
                "JOIN res_partner p ON p.id = i.commercial_partner_id "
                "WHERE i.id = ANY(%s) AND p.cid IS NOT NULL",
                self._origin.ids,
            )
        )
        return self.env["res.partner"].browse(row[0] for row in rows)

    def _crm_access_mask_fields(self):
        # the received keys, summed up: the values of crm.interaction.key
        return ("key_summary",)

    def _crm_access_mask_owner(self):
        return self.commercial_partner_id

    def _crm_access_mask_values(self, fnames):
        return {
            "key_summary": ", ".join(
                f"{key.type_code}: {mask_key(key.type_code, key.value_normalized or key.value)}"
                for key in self.key_ids
            )
        }

    def _crm_access_kind(self, fnames):
        if CONTENT_FIELDS.intersection(fnames or ()):
            return "body"
        return super()._crm_access_kind(fnames)

    @api.model
    def timeline_page(self, partner_id, filters=None, cursor=None, limit=50):
        page = super().timeline_page(partner_id, filters=filters, cursor=cursor, limit=limit)
        if page["items"]:
            # a page shows subjects and previews of what the customer said: a
            # read of their interactions' content. Every item concerns the same
            # commercial entity, so the first one names the customer.
            self.browse(page["items"][0]["id"])._crm_access_audit("body")
        return page
