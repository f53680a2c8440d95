from odoo import api, models


class CrmLead2opportunityPartner(models.TransientModel):
    """The conversion of a lead proposes no customer kept from the user.

    A lead without customer whose typed e-mail or phone resolves to a
    customer the user sees masked (``crm.interaction.cid.mixin``) would be
    proposed to be linked to that customer: the conversion would tell whose
    value it is. It proposes a new customer instead, as for a value of nobody.
    """

    _inherit = "crm.lead2opportunity.partner"

    @api.depends("lead_id")
    def _compute_action(self):
        # the proposed customer (partner_id) follows the action: none on "create"
        result = super()._compute_action()
        for convert in self._crm_access_cid_kept():
            convert.action = "create"
        return result

    def _crm_access_cid_kept(self):
        """Return the conversions of ``self`` that would propose the customer
        their lead's typed values resolve to, which the user sees masked."""
        if "cid_partner_id" not in self.env["crm.lead"]._fields:
            return self.browse()
        # the customer found is compared with the resolved one, which the
        # user may not be allowed to read
        proposing = self.filtered(
            lambda convert: (
                convert.action == "exist"
                and convert.lead_id
                and not convert.lead_id.partner_id
                and convert.lead_id.sudo().cid_partner_id
                and convert.lead_id._find_matching_partner()
                == convert.lead_id.sudo().cid_partner_id
            )
        )
        if not proposing:
            return proposing
        hidden = proposing.lead_id._crm_access_cid_hidden_ids()
        return proposing.filtered(lambda convert: convert.lead_id.id in hidden)
