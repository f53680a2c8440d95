from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.mask import mask_email, mask_formatted_email, mask_national_id, mask_phone

# Partner fields whose reading counts as reading sensitive data.
SENSITIVE_FIELDS = frozenset({"national_id", "cid_key_ids", "comment"})
# Partner fields shown masked outside the portfolio, with their masking.
MASKED_FIELDS = {
    "phone": mask_phone,
    "mobile": mask_phone,
    "phone_sanitized": mask_phone,
    "email": mask_email,
    "email_normalized": mask_email,
    "email_formatted": mask_formatted_email,
    "national_id": mask_national_id,
}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ("res.partner", "crm.access.audited", "crm.access.masked")

    portfolio_team_id = fields.Many2one(
        "crm.team",
        string="Portfolio team",
        index="btree_not_null",
        tracking=True,
        help="The sales team whose members serve this customer. Agents see the "
        "customers of their teams and those they are salesperson of.",
    )
    crm_access_grantee_ids = fields.Many2many(
        "res.users",
        "crm_access_grantee_rel",
        "partner_id",
        "user_id",
        string="Temporary access",
        readonly=True,
        copy=False,
        help="Users holding a granted, unexpired temporary access to this customer "
        "(maintained by the access grants).",
    )

    def _crm_access_customers(self):
        # one plain query: reading commercial_partner_id as the reader would
        # fetch every column of the partners again under the record rules,
        # for every audited read
        if not self._origin.ids:
            return self.browse()
        self.flush_model(["commercial_partner_id", "cid"])
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT c.id FROM res_partner p "
                "JOIN res_partner c ON c.id = p.commercial_partner_id "
                "WHERE p.id = ANY(%s) AND c.cid IS NOT NULL",
                self._origin.ids,
            )
        )
        return self.browse(row[0] for row in rows)

    def _crm_access_kind(self, fnames):
        if SENSITIVE_FIELDS.intersection(fnames or ()):
            return "sensitive"
        return super()._crm_access_kind(fnames)

    def _crm_access_portfolio_domain(self):
        """Commercial entities in the current user's portfolio.

        The same portfolio as the interaction rules of this module: customers
        the user is salesperson of, customers of a portfolio team the user
        belongs to or leads, customers nobody was given, and customers the
        user holds a temporary access grant to.
        """
        uid = self.env.uid
        return [
            "|",
            "|",
            "|",
            "|",
            ("user_id", "=", uid),
            ("portfolio_team_id.member_ids", "in", [uid]),
            ("portfolio_team_id.user_id", "=", uid),
            "&",
            ("user_id", "=", False),
            ("portfolio_team_id", "=", False),
            ("crm_access_grantee_ids", "in", [uid]),
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

    # ------------------------------------------------------------------
    # Masking outside the portfolio (crm.access.masked)
    # ------------------------------------------------------------------

    def _crm_access_mask_fields(self):
        return [fname for fname in MASKED_FIELDS if fname in self._fields]

    def _crm_access_mask_owner(self):
        return self.commercial_partner_id

    def _crm_access_mask_values(self, fnames):
        return {fname: MASKED_FIELDS[fname](self[fname]) for fname in fnames if self[fname]}

    @api.model
    def _crm_access_unmasked_ids(self, partner_ids):
        """Return the ids, among ``partner_ids``, whose values the user sees in full.

        Customers of the user's portfolio (temporary grants included), the
        user's own contact and company, and the contacts of colleagues
        (internal users) are shown in full; one query for the whole set.
        """
        if not partner_ids:
            return set()
        user = self.env.user
        domain = Domain("id", "in", list(partner_ids)) & Domain.OR(
            [
                Domain(self._crm_access_portfolio_domain()),
                Domain("id", "in", user._crm_access_own_partners().ids),
                Domain("user_ids", "any", [("share", "=", False)]),
            ]
        )
        # only narrows down ids the user has just read, through the teams and
        # users of those partners, which the user may not be allowed to read
        partners = self.sudo().with_context(active_test=False)
        return set(partners.search(domain).ids)

    # ------------------------------------------------------------------
    # Limited card
    # ------------------------------------------------------------------

    @api.model
    def crm_access_limited_card(self, partner_id):
        """Return the limited card of a customer, inside or outside the portfolio.

        For an agent who must serve a customer of another portfolio: the
        name, the CID, identity keys masked as outside the portfolio, counts
        of open tickets and opportunities, the list of open tickets (number,
        title, stage) and the caution flags; never what the customer said.
        Every opening is counted in the access log (kind ``card``).

        :param int partner_id: a contact or company; the card is its
            commercial entity's
        :return: ``{"partner_id", "name", "cid", "in_portfolio", "keys":
            [{"type", "label", "value"}], "open_ticket_count", "open_tickets":
            [{"id", "number", "name", "stage"}], "open_opportunity_count",
            "cautions": [{"code", "message"}], "grant": {"id", "state",
            "expires_at"} or False}``
        :raises UserError: when ``partner_id`` is not the id of a contact
        :raises AccessError: when the user may not read the contact or is not
            an internal user
        """
        if not isinstance(partner_id, int) or isinstance(partner_id, bool):
            raise UserError(self.env._("Give the id of the customer as a number."))
        partner = self.browse(partner_id).exists()
        if not partner:
            raise UserError(self.env._("There is no contact with id %(id)s.", id=partner_id))
        return self.env["crm.access.card"]._crm_access_card_values(partner)

    def action_crm_access_limited_card(self):
        """Open the limited card of this customer in a dialog (logged)."""
        self.ensure_one()
        card = self.env["crm.access.card"].create({"partner_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Limited card"),
            "res_model": "crm.access.card",
            "res_id": card.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }
