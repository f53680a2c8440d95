from odoo import api, fields, models
from odoo.tools import html2plaintext


class CrmInteraction(models.Model):
    """What a user reads of interactions, with the user's rights.

    Odoo computes related fields as superuser: an interaction pointing at a
    message of a document the user may not read would show that message's
    text. The texts are shown only when the user may read the message
    itself, or for an SMS, the SMS or the chatter message it was logged on;
    the timeline's preview of an interaction that only points at a message
    follows the same rule.

    Opening the card of a caller is reading that customer: it is counted in
    the access log as a card read (as the limited card), raises the alarm
    and is refused while the user is suspended. The customer's internal note
    (``comment``) is shown only to users who see the customer in full (their
    portfolio, a temporary grant, every interaction).
    """

    _inherit = "crm.interaction"

    message_body = fields.Html(
        related=False, compute="_compute_crm_access_content", string="Message content"
    )
    sms_body = fields.Text(related=False, compute="_compute_crm_access_content", string="SMS text")

    @api.depends("message_id.body", "sms_id.body")
    @api.depends_context("uid")
    def _compute_crm_access_content(self):
        # the targets as stored (the user may not read them), then the texts
        # of those the user may read
        stored = self.sudo()
        readable = stored.message_id | stored.sms_id.mail_message_id
        sms_all = self.env.su or self.env.user.has_group("base.group_system")
        if not self.env.su:
            readable = readable.with_env(self.env)._filtered_access("read")
        for interaction, record in zip(self, stored, strict=True):
            message, sms = record.message_id, record.sms_id
            interaction.message_body = message.body if message in readable else False
            interaction.sms_body = (
                sms.body if sms and (sms_all or sms.mail_message_id in readable) else False
            )

    def _timeline_values(self, rows=None):
        items = super()._timeline_values(rows)
        if self.env.su:
            return items
        # the previews taken from the e-mail, as stored (the user may not
        # read the messages), then those of messages the user may not read
        only_message = self.sudo().filtered(
            lambda interaction: (
                interaction.message_id and not interaction.summary and not interaction.body
            )
        )
        readable = only_message.message_id.with_env(self.env)._filtered_access("read")
        hidden = {
            interaction.id for interaction in only_message if interaction.message_id not in readable
        }
        for item in items:
            if item["id"] in hidden:
                item["preview"] = ""
        return items

    @api.model
    def _caller_card_values(self, partner):
        # logs the opening, raises the alarm, refuses a suspended user
        partner.with_env(self.env(su=False))._crm_access_audit("card")
        values = super()._caller_card_values(partner)
        note = html2plaintext(partner.comment or "").strip()
        if note and partner._crm_access_masked_for():
            # the note is the caution quoting it, in whatever language
            values["cautions"] = [text for text in values["cautions"] if note not in text]
        return values
