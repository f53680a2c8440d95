from odoo import api, models

from ..tools.mask_text import mask_quoted_values, quoted_values


class SmsTemplatePreview(models.TransientModel):
    """The preview of an SMS template rendered for a record, masked as the
    record is for the user.

    The preview renders the template for a record the user chooses (the
    first record of its model when opened), which may quote its customer's
    mobile, e-mail or national ID. For a user who sees that record masked
    (a customer outside the portfolio, a lead or ticket seen masked, a
    record whose customer is seen masked), every identity value the preview
    quotes is masked (``read``, ``search_read``, so ``web_read`` and the
    form's round-trip), as on the record; for a record the user sees
    whole, the values of the customers they see masked, as in any text.
    The text is never exported by users who may see values masked
    (``crm.access.rendered``).
    """

    _name = "sms.template.preview"
    _inherit = ("sms.template.preview", "crm.access.rendered")

    @api.model
    def _crm_access_rendered_fields(self):
        return ("body",)

    def _crm_access_rows_read(self, rows):
        rows = super()._crm_access_rows_read(rows)
        self._crm_access_mask_preview_rows(rows)
        return rows

    def _crm_access_mask_preview_rows(self, rows):
        """Mask, in place, the identity values quoted in the previews of
        ``rows`` rendered for records the user sees masked."""
        if not rows or "body" not in rows[0]:
            return
        quoted = {
            row["id"]: values
            for row in rows
            if row["body"] and (values := quoted_values(row["body"]))
        }
        if not quoted or self.env["res.partner"]._crm_access_sees_full_values():
            return
        previews = self.browse(list(quoted)).filtered("resource_ref")
        Message = self.env["mail.message"]
        masked = set()
        for model, found in previews.grouped(lambda preview: preview.resource_ref._name).items():
            records = {preview.id: preview.resource_ref.id for preview in found}
            masked_ids = Message._crm_access_masked_document_ids(model, list(records.values()))
            masked.update(preview_id for preview_id, rid in records.items() if rid in masked_ids)
        # elsewhere, the values of the customers the user sees masked
        others = self.env["crm.access.quoted"]._crm_access_values_of_masked(
            {rid: values for rid, values in quoted.items() if rid not in masked}, self.env.user
        )
        for row in rows:
            hidden = quoted[row["id"]] if row["id"] in masked else others.get(row["id"])
            if hidden:
                row["body"] = mask_quoted_values(row["body"], hidden)
