import logging

from odoo import models

_logger = logging.getLogger(__name__)

try:
    import telegram
except ImportError as err:  # declared in external_dependencies
    _logger.debug(err)

# Bale's bot API mirrors Telegram's under another host (https://docs.bale.ai).
BALE_API_URL = "https://tapi.bale.ai/bot"
BALE_FILE_URL = "https://tapi.bale.ai/file/bot"


class MailGatewayBaleService(models.AbstractModel):
    """The Telegram gateway, talking to Bale's servers."""

    _name = "mail.gateway.bale"
    _inherit = "mail.gateway.telegram"
    _description = "Bale Gateway services"

    def _get_telegram_bot(self, token=False):
        return telegram.Bot(token, base_url=BALE_API_URL, base_file_url=BALE_FILE_URL)

    def _interaction_channel_code(self):
        return "bale"

    def _process_update(self, chat, update):
        message = super()._process_update(chat, update)
        if message:
            # the Telegram implementation labels what it posts as Telegram
            message.sudo().gateway_type = "bale"
        return message
