from . import mail_thread
from . import vcard
from . import attachment
