from odoo import fields, models

# Partner fields whose reading counts as reading sensitive data.
SENSITIVE_FIELDS = frozenset({"national_id", "cid_key_ids", "comment"})


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ("res.partner", "crm.access.audited")

    portfolio_team_id = fields.Many2one(
        "crm.team",
        string="Portfolio team",
        index="btree_not_null",
        tracking=True,
        help="The sales team whose members serve this customer. Agents see the "
        "customers of their teams and those they are salesperson of.",
    )

    def _crm_access_customers(self):
        return self.commercial_partner_id.filtered("cid")

    def _crm_access_kind(self, fnames):
        if SENSITIVE_FIELDS.intersection(fnames or ()):
            return "sensitive"
        return super()._crm_access_kind(fnames)
