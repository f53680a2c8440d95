from odoo.http import request

from odoo.addons.mail.controllers.attachment import AttachmentController


class CrmAccessAttachmentController(AttachmentController):
    """The first page of a PDF attachment is its content: withheld from the
    users who see its document masked, as the file itself is."""

    def _get_pdf_first_page_response(self, attachment):
        attachment = attachment.with_env(request.env)
        attachment._crm_access_check_content()
        attachment._crm_access_count_content()
        return super()._get_pdf_first_page_response(attachment)
