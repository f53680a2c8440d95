from odoo import api, fields, models, tools
from odoo.tools import email_normalize_all


class CrmInteractionChannel(models.Model):
    _name = "crm.interaction.channel"
    _inherit = "crm.cid.cached.config"
    _description = "Interaction channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical name used by integrations (email, mobile, telegram...). "
        "Never change it once messages were received through it.",
    )
    sequence = fields.Integer(default=10)
    icon = fields.Char(help="Font Awesome icon class, e.g. fa-phone.")
    color = fields.Integer()
    has_duration = fields.Boolean(
        string="Has duration", help="Calls and visits: the interaction records how long it lasted."
    )
    active = fields.Boolean(default=True)
    mail_gateway_senders = fields.Char(
        string="Gateway senders",
        help="E-mail addresses of a gateway that forwards this channel's messages by e-mail "
        "(a fax-to-mail or voicemail-to-mail service), separated by commas. E-mails from "
        "these addresses are recorded on this channel, for the number named in their subject.",
    )

    _code_uniq = models.Constraint("UNIQUE(code)", "Each channel code can only be used once.")

    @api.model
    def _cid_cached_fields(self):
        # the channels the capture of sent e-mails records on are cached
        return ("code", "active")

    @api.model
    @tools.ormcache("code")
    def _interaction_active_channel_id(self, code):
        """Return the id of the active channel of ``code`` (False when there
        is none), cached until a channel's code or activity changes.

        The channels are configuration every employee may read: looked up
        as superuser, the same for everyone.
        """
        channel = self.sudo().with_context(active_test=True)
        return channel.search_fetch([("code", "=", code)], ["code"], limit=1).id or False

    @api.model
    def _interaction_gateway_senders(self):
        """Return ``{normalised sender address: channel id}`` of the mail gateways."""
        channels = self.search_fetch(
            [("mail_gateway_senders", "!=", False)], ["mail_gateway_senders"]
        )
        return {
            address: channel.id
            for channel in channels
            for address in email_normalize_all(channel.mail_gateway_senders)
        }
