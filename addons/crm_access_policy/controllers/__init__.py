from . import mail_thread
from . import attachment
