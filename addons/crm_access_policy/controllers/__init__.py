from . import mail_thread
