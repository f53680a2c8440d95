from odoo import api, models
from odoo.fields import Command


class MailMessage(models.Model):
    """Files linked to a message go out with its e-mails, read as superuser:
    a user may not link to a message the files of a document they see
    masked (``ir.attachment._crm_access_check_content``), on that document
    or on another, whoever the message goes to. Files the user uploaded
    themselves stay theirs to post.
    """

    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_access_check_linked_files(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_access_check_linked_files([vals])
        return super().write(vals)

    @api.model
    def _crm_access_check_linked_files(self, vals_list):
        """Refuse the files that ``vals_list`` links to messages when the
        user may not read their content. Decided for the user, not for
        ``env.su``: messages are often created as superuser on the poster's
        behalf (mail checks the files linked the same way).

        :raise AccessError: for a file of a document the user sees masked
        """
        ids = set()
        for vals in vals_list:
            for command in vals.get("attachment_ids") or ():
                if isinstance(command, int):
                    ids.add(command)
                elif command[0] == Command.LINK:
                    ids.add(command[1])
                elif command[0] == Command.SET:
                    ids.update(command[2])
        if ids:
            # no test of their existence: the files are most often those the
            # post just made, known without a query; a missing one fails the
            # check, as it would fail the link
            self.env(su=False)["ir.attachment"].browse(ids)._crm_access_check_content()
