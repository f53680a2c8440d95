from odoo import models

from ..tools.mask_text import mask_quoted_values, quoted_values

# The preview's texts rendered for its record.
PREVIEW_FIELDS = ("subject", "body_html", "email_from", "email_to", "email_cc", "reply_to")


class MailTemplatePreview(models.TransientModel):
    """A template previewed on a record the user sees masked, masked.

    The preview renders a template for a record the user picks. When the
    user sees that record masked (``crm.access.quoted``: a contact outside
    their portfolio, a lead or ticket of such a customer, a quotation of
    one), every identity value its rendered texts quote is masked, as the
    e-mail composer shows it (``mail.compose.message``). Nothing is sent
    from a preview: it only ever holds the masked text. Records that cannot
    hold a customer cost no query.
    """

    _inherit = "mail.template.preview"

    def _compute_mail_template_fields(self):
        result = super()._compute_mail_template_fields()
        for preview in self:
            texts = {fname: preview[fname] for fname in PREVIEW_FIELDS if preview[fname]}
            # a text quoting no value costs nothing more
            values = [value for text in texts.values() for value in quoted_values(text)]
            if not values or not preview._crm_access_previews_masked():
                continue
            for fname, text in texts.items():
                preview[fname] = mask_quoted_values(text, values)
        return result

    def _crm_access_previews_masked(self):
        """Whether the user sees the record previewed masked."""
        self.ensure_one()
        record = self.resource_ref
        if not record or not self.env["crm.access.quoted"]._crm_access_model_may_mask(record._name):
            return False
        if self.env.user._crm_access_sees_full_values():
            return False
        return bool(
            self.env["crm.access.quoted"]._crm_access_masked_document_ids(record._name, record.ids)
        )
