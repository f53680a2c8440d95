from odoo import models


class IrBinary(models.AbstractModel):
    """The content of attachments streamed over HTTP (``/web/content``,
    ``/web/image``, mail's zip of attachments), withheld as on the ORM read
    paths (``ir.attachment._crm_access_check_content``).

    Decided for the user of the request, whether the attachment was found
    by the user's rights or by a token (mail hands the chatter's readers a
    token per attachment, with which Odoo streams it as superuser).
    """

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        if record._name == "ir.attachment" and field_name in record._crm_access_content_fields():
            attachment = record.with_env(self.env)
            attachment._crm_access_check_content()
            attachment._crm_access_count_content()
        return super()._record_to_stream(record, field_name)
