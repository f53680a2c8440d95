"""Identity keys lose two single-column indexes.

Before 19.0.1.1.0 ``crm_cid_key`` had an index on ``partner_id`` and one on
``key_type_id``. The unique index on (partner_id, key_type_id,
value_normalized) already serves every lookup by contact, and a key type
alone selects too large a part of the table for an index to help; both were
paid at every key written (the keys of each new contact among them). Odoo
keeps an index a field no longer asks for, so this script drops them.
"""

from odoo.tools import sql

INDEXES = ("crm_cid_key__partner_id_index", "crm_cid_key__key_type_id_index")


def migrate(cr, version):
    for name in INDEXES:
        sql.drop_index(cr, name, "crm_cid_key")
