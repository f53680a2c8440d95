from markupsafe import Markup

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..tools.mask import is_masked
from ..tools.mask_text import mask_quoted_values, quoted_values

# The template's fields rendered for the composer's record, and the
# composer's fields holding them.
RENDERED_FIELDS = {"subject": "subject", "body_html": "body"}


class MailComposeMessage(models.TransientModel):
    """The subject and body the e-mail composer renders from a template,
    masked for the users who see its record masked.

    Opened with a template on one record in comment mode ("Send by email"
    on a quotation, a template chosen in the chatter's full composer), the
    composer shows the template rendered for that record. For a user who
    sees the record masked (``crm.access.quoted``: a contact outside their
    portfolio, a lead or ticket of such a customer, a quotation of one),
    every identity value the rendered subject and body quote is masked, as
    the chatter would show it to them: the composer holds and shows the
    masked text (its round-trips, its reads).

    When the message is sent, a subject or body that still reads as the
    masked rendering (same text; formatting alone does not count) stands
    for the real rendering: the template is rendered again for the record,
    and the real text is sent, so the customer receives their values,
    when the message goes out of the company to the customer alone (its
    contacts, as recipients or followers; otherwise it is sent as shown). A
    subject or body the user edited is sent as edited, masks included. A
    message scheduled from the composer keeps the text shown (its author
    reads it until it is sent): it goes out masked.

    Only comment mode on one record renders on the composer: in batch or
    mass mode the composer holds the template's source, rendered for each
    record at send time, and shows no value of any record. Users who see
    the record in full are unchanged, and records that cannot hold a
    customer cost no query (``crm.access.quoted._crm_access_model_may_mask``).
    """

    _inherit = "mail.compose.message"

    def _prepare_mail_values_rendered(self, res_ids):
        values = super()._prepare_mail_values_rendered(res_ids)
        real = self._crm_access_real_renderings()
        for res_id in values if real else ():
            values[res_id].update(real)
        return values

    def _prepare_schedule_message_post_values(self, post_values):
        # a scheduled message is its author's to read until it is sent: it
        # keeps the text they were shown
        for fname in self._crm_access_real_renderings():
            post_values[fname] = self[fname] or ""
        return super()._prepare_schedule_message_post_values(post_values)

    def _set_value_from_template(self, template_fname, composer_fname=False):
        value = super()._set_value_from_template(template_fname, composer_fname)
        if template_fname not in RENDERED_FIELDS or not value:
            return value
        # a text quoting no value costs nothing more
        values = quoted_values(value)
        if values and self._crm_access_renders_masked():
            fname = composer_fname or template_fname
            self[fname] = mask_quoted_values(value, values)
            value = self[fname]
        return value

    def _crm_access_renders_masked(self):
        """Whether this composer renders its template for one record that
        the user sees masked.

        No query for a record that cannot hold a customer, nor for a user
        who sees every value.
        """
        self.ensure_one()
        if (
            self.composition_mode != "comment"
            or self.composition_batch
            or not self.model
            or self.model not in self.env
        ):
            return False
        res_ids = self._evaluate_res_ids()
        if len(res_ids) != 1:
            return False
        Quoted = self.env["crm.access.quoted"]
        if (
            not Quoted._crm_access_model_may_mask(self.model)
            or self.env.user._crm_access_sees_full_values()
        ):
            return False
        return bool(Quoted._crm_access_masked_document_ids(self.model, res_ids))

    def _crm_access_sends_to_customer(self):
        """Whether every recipient of the message outside the company (the
        composer's, and the document's followers unless skipped) belongs
        to the document's customer: colleagues receive it as they see the
        document (``mail.thread``'s notifications)."""
        self.ensure_one()
        # the customer and followers of a document the user may not read
        # in full: only to decide whom the real text may reach
        record = self.env[self.model].sudo().browse(self._evaluate_res_ids())
        customer = record if record._name == "res.partner" else record.partner_id
        recipients = self.partner_ids.sudo()
        if not self.notify_skip_followers and "message_partner_ids" in record._fields:
            recipients |= record.message_partner_ids
        outside = recipients.filtered(
            lambda partner: not partner.user_ids.filtered(lambda user: not user.share)
        )
        return all(
            partner.commercial_partner_id == customer.commercial_partner_id for partner in outside
        )

    def _crm_access_real_renderings(self):
        """Return ``{composer field: real rendering}`` for the subject and
        body that still read as the masked rendering shown to the user
        (see the class docstring); empty when nothing was masked."""
        self.ensure_one()
        if not self.template_id:
            return {}
        # only a text still holding a mask may be the masked rendering: no
        # query for the others
        fnames = [
            template_fname
            for template_fname, composer_fname in RENDERED_FIELDS.items()
            if is_masked(self[composer_fname] and str(self[composer_fname]))
        ]
        if (
            not fnames
            or not self._crm_access_renders_masked()
            or not self._crm_access_sends_to_customer()
        ):
            return {}
        res_ids = self._evaluate_res_ids()
        # rendered as the user, as the form was: it goes to the recipients,
        # never back to the user
        try:
            rendered = self.template_id._generate_template(res_ids, set(fnames))[res_ids[0]]
        except UserError:
            # a template the user may not render (a field of the sensitive
            # data group) never rendered in their form: its masks are theirs
            return {}
        real = {}
        for template_fname in fnames:
            composer_fname = RENDERED_FIELDS[template_fname]
            value = rendered.get(template_fname)
            if not value:
                continue
            if composer_fname == "body":
                value = Markup(value)
            masked = mask_quoted_values(value, quoted_values(value))
            if masked != value and _reads_as(self[composer_fname], masked):
                real[composer_fname] = value
        return real


def _reads_as(sent, shown):
    """Whether the text ``sent`` back by the form reads as the text ``shown``:
    the same words, whatever the markup and the white space."""
    if isinstance(shown, Markup) or isinstance(sent, Markup):
        sent, shown = html2plaintext(sent or ""), html2plaintext(shown or "")
    return " ".join(str(sent or "").split()) == " ".join(str(shown or "").split())
