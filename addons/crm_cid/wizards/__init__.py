from . import base_partner_merge_automatic_wizard
from . import crm_cid_import
from . import crm_cid_import_line
