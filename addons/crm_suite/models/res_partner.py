from odoo import api, models
from odoo.modules import Manifest


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Records of the suite's own models that would show a generic demo
    # contact in the suite's menus once that contact is archived.
    _CRM_SUITE_DEMO_LINKED = (
        ("crm.interaction", "partner_id"),
        ("crm.price.quote", "partner_id"),
        ("crm.cid.key", "partner_id"),
        ("crm.cid.duplicate", "partner_a_id"),
        ("crm.cid.duplicate", "partner_b_id"),
    )

    @api.depends("country_id")
    def _compute_partner_vat_placeholder(self):
        # Odoo's Persian catalogue leaves this placeholder of the customer
        # form in English: the suite's catalogue has it
        result = super()._compute_partner_vat_placeholder()
        for partner in self.filtered(lambda p: p.partner_vat_placeholder == "not applicable"):
            partner.partner_vat_placeholder = self.env._("not applicable")
        return result

    @api.model
    def _crm_suite_demo_hide_generic_contacts(self):
        """Archive Odoo's generic demo contacts (English names, US addresses).

        Run by ``scripts/build_demo_db.sh`` once every addon is installed, on
        the demo database only: a Persian user then meets only the suite's own
        Persian customers in Contacts and in the suite's menus. A contact is
        generic when every XML id it has belongs to an addon outside the suite;
        the companies' and the users' own contacts stay (they are renamed by
        the suite's demo data instead). The suite's records that point at a
        generic contact (interactions, price quotes, identity keys, duplicate
        pairs logged from Odoo's demo mails and orders) are removed.

        :return: the archived contacts
        """
        folder = Manifest.for_addon("crm_suite").addons_path
        suite = {
            name
            for name in self.env["ir.module.module"]._installed()
            if getattr(Manifest.for_addon(name, display_warning=False), "addons_path", None)
            == folder
        }
        # sudo: a demo-building step run from the shell; it reads every
        # contact's XML ids and archives contacts whatever the record rules
        Partner = self.sudo().with_context(active_test=False)
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch([("model", "=", "res.partner")], ["module", "res_id"])
        )
        foreign, own = set(), set()
        for row in data:
            (own if row.module in suite else foreign).add(row.res_id)
        kept = (
            Partner.env["res.users"].with_context(active_test=False).search([]).partner_id
            | Partner.env["res.company"].search([]).partner_id
        )
        generic = Partner.browse(foreign - own) - kept
        generic = generic.filtered("active")
        # their contacts (a generic company's people) go with them
        generic |= Partner.search(
            [("id", "child_of", generic.ids), ("id", "not in", kept.ids), ("active", "=", True)]
        )
        generic.action_archive()
        # with Odoo's inactive ones (OdooBot, the public user)
        hidden = (Partner.browse(foreign - own) | generic).filtered(lambda p: not p.active)
        for model, fname in self._CRM_SUITE_DEMO_LINKED:
            if model in self.env:
                # sudo: the same demo-building step; only records of the
                # contacts archived above (Odoo's demo data) are removed
                records = (
                    self.env[model]
                    .sudo()
                    .with_context(active_test=False)
                    .search([(fname, "in", hidden.ids)])
                )
                records.unlink()
        return generic
