from . import crm_cid_fold_mixin
from . import crm_cid_key_type
from . import crm_cid_key
from . import crm_cid_alias
from . import res_partner
from . import crm_cid_duplicate
from . import crm_document_link_mixin
from . import crm_document_linked_mixin
