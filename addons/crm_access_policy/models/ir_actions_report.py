from markupsafe import Markup

from odoo import api, models

from ..tools.mask_text import mask_quoted_values, quoted_values


class IrActionsReport(models.Model):
    """Printed documents (PDF and HTML reports): counted and masked as the
    documents are on screen.

    A report renders its documents as superuser in places (the ``contact``
    widget reads the customer's phone and e-mail with ``sudo()``), so the
    printout of a quotation, an invoice or a letter would show a customer's
    identity values to a colleague who sees them masked on screen. For an
    internal user who does not see every value:

    - the customers of the documents printed (the contacts themselves, or
      the customer, ``partner_id``, of each document) are read: the print is
      counted in the access log, feeds the bulk-extraction alarm, and is
      refused while the user's reads are suspended or past the layoff
      window, as any other read of them;
    - every identity value the printout quotes that belongs to a customer
      the user sees masked (one of its identity keys, in any spelling) is
      masked in the HTML, and so in the PDF made from it; the company's
      own numbers and the values of customers of the user's portfolio are
      printed as written;
    - a document the user sees masked is rendered anew: no PDF stored by an
      earlier print is handed out (it holds the values in full), and the
      masked printout is not stored as the document's PDF;
    - official documents a role issues (:meth:`_crm_access_report_in_full`:
      invoices, for those who issue them) are printed as written, and
      counted as any print.

    Superuser renderings (portal downloads, e-mails sent by the system)
    and users who see every value are unchanged.
    """

    _inherit = "ir.actions.report"

    @api.model
    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        if (
            self._crm_access_report_masks()
            and not self._crm_access_report_in_full(report_ref)
            and self._crm_access_report_masked_ids(report_ref, res_ids)
        ):
            self = self.with_context(report_pdf_no_attachment=True)
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    @api.model
    def _render_qweb_html(self, report_ref, docids, data=None):
        if not self._crm_access_report_masks():
            return super()._render_qweb_html(report_ref, docids, data=data)
        self._crm_access_report_audit(report_ref, docids)
        html, report_type = super()._render_qweb_html(report_ref, docids, data=data)
        if self._crm_access_report_in_full(report_ref):
            return html, report_type
        return self._crm_access_report_mask(html, is_html=True), report_type

    @api.model
    def _render_qweb_text(self, report_ref, docids, data=None):
        if not self._crm_access_report_masks():
            return super()._render_qweb_text(report_ref, docids, data=data)
        self._crm_access_report_audit(report_ref, docids)
        text, report_type = super()._render_qweb_text(report_ref, docids, data=data)
        if self._crm_access_report_in_full(report_ref):
            return text, report_type
        return self._crm_access_report_mask(text, is_html=False), report_type

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    @api.model
    def _crm_access_report_masks(self):
        """Whether the current rendering is for a person who may see some
        customer masked: an internal user, not as superuser, who does not
        see every value."""
        user = self.env.user
        return not self.env.su and user._is_internal() and not user._crm_access_sees_full_values()

    @api.model
    def _crm_access_report_in_full(self, report_ref):
        """Whether the user prints ``report_ref`` as written: an official
        document the user's role issues (the accounting bridge names the
        invoices, for the users who issue them). Such a print is counted,
        and refused while suspended, all the same. None here."""
        return False

    @api.model
    def _crm_access_report_docs(self, report_ref, docids):
        """Return the documents of ``docids`` printed by ``report_ref`` that may
        hold a customer (contacts, or records with a customer), else an empty
        recordset; deleted ones are left out."""
        if isinstance(docids, int):
            docids = [docids]
        report = self._get_report(report_ref)
        if not docids:
            return self.env["res.partner"]
        if not self.env["crm.access.quoted"]._crm_access_model_may_mask(report.model):
            return self.env["res.partner"]
        Document = self.env[report.model]
        # existence only: the rendering itself checks the user's right to
        # read the documents
        return Document.browse(docids).sudo().exists().with_env(self.env)

    @api.model
    def _crm_access_report_masked_ids(self, report_ref, docids):
        """Return the ids of the documents printed that the user sees masked."""
        docs = self._crm_access_report_docs(report_ref, docids)
        if not docs:
            return set()
        return self.env["crm.access.quoted"]._crm_access_masked_document_ids(docs._name, docs.ids)

    @api.model
    def _crm_access_report_audit(self, report_ref, docids):
        """Count the print as a read of the customers of its documents.

        :raise AccessError: for documents the user may not read; while the
            user's reads are suspended, or past the layoff window
        """
        docs = self._crm_access_report_docs(report_ref, docids)
        # the user's right to read the documents first: what decides the
        # masking and the count is loaded as superuser
        docs.check_access("read")
        customers = self.env["crm.access.quoted"]._crm_access_document_customers(
            docs._name, docs.ids
        )
        customers._crm_access_audit("open" if len(customers) == 1 else "list")

    @api.model
    def _crm_access_report_mask(self, rendered, is_html):
        """Return the ``rendered`` report (bytes, as Odoo renders them) with
        the identity values of the customers the user sees masked masked.

        :param bool is_html: an HTML report (read as shown), else plain text
        """
        text = rendered.decode() if isinstance(rendered, bytes) else str(rendered)
        if is_html:
            # the HTML Odoo itself rendered, read as such, never displayed from here
            text = Markup(text)
        values = quoted_values(text)
        if not values:
            return rendered
        hidden = self.env["crm.access.quoted"]._crm_access_values_of_masked(
            {0: values}, self.env.user
        )
        if not hidden:
            return rendered
        return str(mask_quoted_values(text, hidden[0])).encode()
