from odoo import api, models

from ..tools.mask import is_masked, mask_phone

# The composer's fields showing the number of its single recipient.
NUMBER_FIELDS = ("recipient_single_number", "recipient_single_number_itf")


class SmsComposer(models.TransientModel):
    """The number the SMS composer shows for its single recipient, masked
    for the users who see it masked on the record.

    Opened on a contact's card, a lead or a ticket, the composer shows the
    number it will send to: the record's own, or its customer's. A user who
    sees that record or that customer masked gets the number masked in the
    form (its round-trip and its reads), as on the record. The masked
    number the form sends back stands for the number it masks: it is
    dropped, and the composer sends to the real number, which it neither
    shows nor writes back on the record. A number the user types in its
    place is used as typed.
    """

    _inherit = "sms.composer"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            _drop_masked_numbers(vals)
        return super().create(vals_list)

    def write(self, vals):
        _drop_masked_numbers(vals)
        return super().write(vals)

    def onchange(self, values, field_names, fields_spec):
        values = dict(values)
        _drop_masked_numbers(values)
        return super().onchange(values, field_names, fields_spec)

    def read(self, fields=None, load="_classic_read"):
        rows = super().read(fields, load=load)
        self._crm_access_mask_number_rows(rows)
        return rows

    def _crm_access_mask_number_rows(self, rows):
        """Mask, in place, the recipient's number of the rows of composers
        whose record or recipient the user sees masked."""
        fnames = [fname for fname in NUMBER_FIELDS if rows and fname in rows[0]]
        if not fnames or self.env["res.partner"]._crm_access_sees_full_values():
            return
        composers = self.browse([row["id"] for row in rows])
        hidden = composers._crm_access_hidden_recipients()
        for row in rows:
            if row["id"] not in hidden:
                continue
            for fname in fnames:
                if row[fname] and not is_masked(row[fname]):
                    row[fname] = mask_phone(row[fname])

    def _crm_access_hidden_recipients(self):
        """Return the ids of the composers of ``self`` sending to one record
        that the user sees masked, or whose recipient (the record's customer)
        the user sees masked."""
        singles = self.filtered(lambda composer: composer.comment_single_recipient)
        if not singles:
            return set()
        # the records sent to, decided once per model
        masked_ids = {
            model: self.env["mail.message"]._crm_access_masked_document_ids(
                model, composers.mapped("res_id")
            )
            for model, composers in singles.grouped("res_model").items()
        }
        hidden = {
            composer.id for composer in singles if composer.res_id in masked_ids[composer.res_model]
        }
        recipients = {}
        for composer in singles.filtered(lambda composer: composer.id not in hidden):
            records = composer._get_records()
            # the customer the number is taken from, which the user may not
            # be allowed to read: only to decide the masking
            info = records.sudo()._sms_get_recipients_info(
                force_field=composer.number_field_name, partner_fallback=True
            )
            recipients[composer.id] = info[records.id]["partner"]
        partners = self.env["res.partner"].browse(
            {partner.id for found in recipients.values() for partner in found}
        )
        masked = partners._crm_access_masked_for()
        hidden.update(
            composer_id
            for composer_id, found in recipients.items()
            if set(found.ids) & set(masked.ids)
        )
        return hidden


def _drop_masked_numbers(vals):
    """Drop from ``vals`` the recipient's numbers that are masks: the form
    sends back the number it was shown, which the composer takes again from
    the record."""
    for fname in NUMBER_FIELDS:
        if is_masked(vals.get(fname)):
            del vals[fname]
