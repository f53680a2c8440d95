from odoo import models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Merging customers keeps the access policy's records and portfolios."""

    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Merge contacts within the portfolios the user manages.

        The user's right to merge is checked here: the wizard's access rights
        (partner managers, Team Leads), the portfolios of every contact merged
        (``res.users._crm_access_check_merge``) and, as the standard merge
        does for anyone but an administrator, one e-mail address for all.
        The merge itself then runs as superuser: it reads every field of the
        contacts and moves every row that points at them (visitors, keys,
        access log rows), most of which a Team Lead may not read.

        :raise AccessError: when one of the contacts belongs to a portfolio
            the user does not manage
        """
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if len(partners) < 2 or self.env.su:
            return self._crm_access_merge(partners, partner_ids, dst_partner, extra_checks)
        self.check_access("write")
        self.env.user._crm_access_check_merge(partners)
        if extra_checks and not self.env.is_admin() and len(set(partners.mapped("email"))) > 1:
            raise UserError(
                self.env._(
                    "All contacts must have the same email. Only the Administrator can merge "
                    "contacts with different emails."
                )
            )
        # checked above: wizard rights, portfolios, e-mails
        merger = self.sudo()
        return merger._crm_access_merge(
            partners, partner_ids, dst_partner and dst_partner.sudo(), extra_checks
        )

    def action_merge(self):
        # the wizard shows only the contacts the user may read: a merge of
        # contacts some of which are hidden would silently merge the others
        if not self.env.su and self.sudo().partner_ids != self.partner_ids:
            self.env.user._crm_access_check_merge(self.sudo().partner_ids)
        return super().action_merge()

    def _crm_access_merge(self, partners, partner_ids, dst_partner, extra_checks):
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        survivor = partners.exists()
        if len(survivor) == 1:
            self.env["crm.access.grant"]._crm_access_merged(survivor)
        return result

    def _update_foreign_keys(self, src_partners, dst_partner):
        # the standard merge moves foreign keys with plain UPDATEs, which the
        # unique indexes of the access log and of open requests refuse:
        # their rows are folded into the survivor's first
        self.env["crm.access.log"]._crm_access_merge_partners(src_partners, dst_partner)
        self.env["crm.access.grant"]._crm_access_merge_partners(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)
