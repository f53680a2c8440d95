from odoo import api, models


class IrActionsReport(models.Model):
    """Invoices printed as written by the users who issue them.

    An invoice is an official document: it carries the buyer's identifiers
    as the law asks (national ID, economic code), and it is the document the
    customer receives and the company keeps. The users who issue invoices
    (Odoo's Invoicing group, which the Accountant role brings) print them
    as written even for customers they see masked on screen; the print is
    still a read of the customer, counted and refused while suspended
    (``crm_access_policy``'s printed reports). Every other report, and
    invoices printed by anybody else, is masked as before.
    """

    _inherit = "ir.actions.report"

    @api.model
    def _crm_access_report_in_full(self, report_ref):
        return super()._crm_access_report_in_full(report_ref) or (
            self._is_invoice_report(report_ref)
            and self.env.user.has_group("account.group_account_invoice")
        )
