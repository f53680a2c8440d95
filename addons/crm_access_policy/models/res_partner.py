from odoo import fields, models
from odoo.exceptions import AccessError

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

    def _crm_access_portfolio_domain(self):
        """Commercial entities in the current user's portfolio.

        The same portfolio as the interaction rules of this module: customers
        the user is salesperson of, customers of a portfolio team the user
        belongs to or leads, and customers nobody was given.
        """
        uid = self.env.uid
        return [
            "|",
            "|",
            "|",
            ("user_id", "=", uid),
            ("portfolio_team_id.member_ids", "in", [uid]),
            ("portfolio_team_id.user_id", "=", uid),
            "&",
            ("user_id", "=", False),
            ("portfolio_team_id", "=", False),
        ]

    def cid_add_key(self, key_type, value, verified=False, source="rpc"):
        # a key identifies the customer on every channel: users bound to
        # their portfolio (who see only its interactions) add keys only there
        user = self.env.user
        if (
            not self.env.su
            and user.has_group("crm_interaction.group_interaction_user")
            and not user.has_group("crm_interaction.group_interaction_all")
        ):
            commercial = self.commercial_partner_id
            if commercial and not commercial.filtered_domain(self._crm_access_portfolio_domain()):
                raise AccessError(
                    self.env._(
                        "%(customer)s is not in your portfolio: ask their team to add the key.",
                        customer=commercial.display_name,
                    )
                )
        return super().cid_add_key(key_type, value, verified=verified, source=source)
