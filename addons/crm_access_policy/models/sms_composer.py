from odoo import api, models

from ..tools.mask import is_masked, mask_phone
from ..tools.mask_text import mask_quoted_values, quoted_values, unmask_quoted_values

# The composer's fields showing the number of its single recipient.
NUMBER_FIELDS = ("recipient_single_number", "recipient_single_number_itf")
# Context keys set when sending: the ids of the records whose bodies are
# sent masked, and of those whose masks are put back (see the class).
MASKED_BODIES = "crm_access_sms_masked_bodies"
RESTORED_BODIES = "crm_access_sms_restored_bodies"
# ... and whether the SMS go to numbers typed in the form.
TYPED_NUMBERS = "crm_access_sms_typed_numbers"


class SmsComposer(models.TransientModel):
    """The number and the text the SMS composer shows for its single
    recipient, masked for the users who see them masked on the record.

    Opened on a contact's card, a lead or a ticket, the composer shows the
    number it will send to: the record's own, or its customer's. A user who
    sees that record or that customer masked gets the number masked in the
    form (its round-trip and its reads), as on the record. The masked
    number the form sends back stands for the number it masks: it is
    dropped, and the composer sends to the real number, which it neither
    shows nor writes back on the record. A number the user types in its
    place is used as typed.

    Opened with an SMS template, the composer shows the template rendered
    for the record, which may quote the customer's mobile, e-mail or
    national ID: for that user, every identity value the text quotes is
    masked (``read``, ``search_read``, so ``web_read`` and the form's
    round-trip); for the others, the values of the customers they see
    masked, as in any text (``crm.access.quoted``). The text sent is
    decided when sending:

    - sent to the record's own number, a mask left in the text stands for
      the value the template gave there (whoever saw it masked): the text
      sent back unchanged sends the template as rendered, an edited text
      is sent as edited with its masks put back
      (:func:`~..tools.mask_text.unmask_quoted_values`: only where the
      value is then read as a value, so that whoever sees the text masked
      sees it as it was sent back; a mask glued to a word, or one the
      template did not give, is sent as it is: the mask rather than a
      value its readers could not see masked);
    - sent to another number (typed in the form, or the numbers of a
      composer posting on several records), the user could read it there:
      every identity value the text of a record seen masked quotes is sent
      masked, those a text typed as a template (``{{ object.mobile }}``)
      renders included, and from any other record the values of the
      customers the user sees masked.

    In mass mode (and when posting on several records), the form shows the
    template as written, not rendered: it quotes nobody's values, and each
    SMS goes to its record's own number with the template rendered for it.

    The number and the text are never searched, sorted, grouped or exported
    by users who may see values masked (``crm.access.rendered``).
    """

    _name = "sms.composer"
    _inherit = ("sms.composer", "crm.access.rendered")

    @api.model
    def _crm_access_rendered_fields(self):
        return (*NUMBER_FIELDS, "body")

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

    def _crm_access_rows_read(self, rows):
        rows = super()._crm_access_rows_read(rows)
        self._crm_access_mask_composer_rows(rows)
        return rows

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _action_send_sms(self):
        # decided before sending: sending to a typed number writes it on
        # the record, after which it would pass for the record's own
        typed, masked, restored = self._crm_access_sent_bodies()
        composer = self.with_context(
            **{TYPED_NUMBERS: typed, MASKED_BODIES: masked, RESTORED_BODIES: restored}
        )
        return super(SmsComposer, composer)._action_send_sms()

    def _prepare_body_values(self, records):
        bodies = super()._prepare_body_values(records)
        context = self.env.context
        masked = set(context.get(MASKED_BODIES) or ())
        restored = set(context.get(RESTORED_BODIES) or ())
        quoted = {
            record_id: values
            for record_id, body in bodies.items()
            if (record_id in masked or context.get(TYPED_NUMBERS))
            and (values := quoted_values(body))
        }
        # sent to a typed number, the values of the customers the user sees
        # masked are sent masked from any record
        others = self.env["crm.access.quoted"]._crm_access_values_of_masked(
            {record_id: values for record_id, values in quoted.items() if record_id not in masked},
            self.env.user,
        )
        for record_id, body in bodies.items():
            if record_id in masked and record_id in quoted:
                bodies[record_id] = mask_quoted_values(body, quoted[record_id])
            elif record_id in others:
                bodies[record_id] = mask_quoted_values(body, others[record_id])
            elif record_id in restored and is_masked(body):
                bodies[record_id] = unmask_quoted_values(body, self._crm_access_template_values())
        return bodies

    def _crm_access_sent_bodies(self):
        """Return whether this composer sends to numbers typed in its form,
        the ids of the records whose SMS text is sent masked, and of those
        whose masks are put back.

        :return: ``(typed, masked ids, restored ids)``
        """
        self.ensure_one()
        if self.composition_mode != "comment" or not self.res_model:
            return False, [], []
        if self.comment_single_recipient:
            number = self.recipient_single_number_itf
            if not number or number == self.recipient_single_number:
                return False, [], [self.res_id]
            hidden = self.id in self._crm_access_hidden_recipients()
            return True, [self.res_id] if hidden else [], []
        if not self.sanitized_numbers:
            return False, [], []
        # posting on several records, sent to numbers typed in the form
        records = self._get_records()
        masked = self.env["mail.message"]._crm_access_masked_document_ids(
            self.res_model, records.ids
        )
        return True, sorted(masked), []

    def _crm_access_template_values(self):
        """Return the identity values the composer's template quotes,
        rendered for its record as the form showed it."""
        if not self.template_id or not self.res_id:
            return []
        context = self._get_additional_render_context().get("body", {})
        rendered = self.template_id._render_field(
            "body", [self.res_id], compute_lang=True, add_context=context
        )[self.res_id]
        return quoted_values(rendered)

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_mask_composer_rows(self, rows):
        """Mask, in place, the recipient's number and the identity values
        the text quotes, in the rows of composers whose record or recipient
        the user sees masked."""
        if not rows:
            return
        fnames = [fname for fname in NUMBER_FIELDS if fname in rows[0]]
        quoted = {}
        if "body" in rows[0]:
            quoted = {
                row["id"]: values
                for row in rows
                if row["body"] and (values := quoted_values(row["body"]))
            }
        if not (fnames or quoted) or self.env["res.partner"]._crm_access_sees_full_values():
            return
        hidden = self.browse([row["id"] for row in rows])._crm_access_hidden_recipients()
        # elsewhere, the values of the customers the user sees masked
        others = self.env["crm.access.quoted"]._crm_access_values_of_masked(
            {rid: values for rid, values in quoted.items() if rid not in hidden}, self.env.user
        )
        for row in rows:
            if row["id"] in others:
                row["body"] = mask_quoted_values(row["body"], others[row["id"]])
            if row["id"] not in hidden:
                continue
            for fname in fnames:
                if row[fname] and not is_masked(row[fname]):
                    row[fname] = mask_phone(row[fname])
            if row["id"] in quoted:
                row["body"] = mask_quoted_values(row["body"], quoted[row["id"]])

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
