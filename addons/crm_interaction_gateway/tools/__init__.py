from . import bot_messages
