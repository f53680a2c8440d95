from odoo import fields, models


class MailMail(models.Model):
    """The subject of a notification e-mail, masked for its recipients.

    A ``mail.mail`` shares its message's subject (``_inherits``): a subject
    written on one e-mail would be the message's, seen by every recipient
    and in the chatter. The e-mail of a recipients group that must not see
    some identity values the subject quotes (see ``mail.thread``'s
    ``_crm_access_notify_split``) carries its masked subject apart, sent in
    place of the message's.
    """

    _inherit = "mail.mail"

    crm_access_subject = fields.Char(
        "Subject sent",
        help="Subject sent in place of the message's, the identity values its "
        "recipients may not see masked.",
    )

    def _prepare_outgoing_list(self, mail_server=False, doc_to_followers=None):
        email_list = super()._prepare_outgoing_list(
            mail_server=mail_server, doc_to_followers=doc_to_followers
        )
        if self.crm_access_subject:
            for email in email_list:
                email["subject"] = self.crm_access_subject
        return email_list
