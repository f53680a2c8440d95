from odoo.modules.module import get_module_path, load_script
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

DROPPED = ("crm_cid_key__partner_id_index", "crm_cid_key__key_type_id_index")


@tagged("post_install", "-at_install", "crm_cid")
class TestCidKeyIndexes(TransactionCase):
    """The keys' table carries no index that another one already covers."""

    def indexes(self):
        return {
            name
            for (name,) in self.env.execute_query(
                SQL("SELECT indexname FROM pg_indexes WHERE tablename = 'crm_cid_key'")
            )
        }

    def plan(self, query):
        # a plan on the real table: sequential scans priced out, so that the
        # plan shows which index can serve the query at all
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        rows = self.env.execute_query(SQL("EXPLAIN %s", query))
        return "\n".join(row[0] for row in rows)

    def test_no_single_column_index_on_the_contact_or_the_type(self):
        self.assertFalse(self.indexes() & set(DROPPED))
        self.assertIn("crm_cid_key_partner_type_value_uniq", self.indexes())

    def test_lookups_by_contact_use_the_unique_index(self):
        partner = self.env["res.partner"].create({"name": "نمایه", "mobile": "09351110000"})
        plan = self.plan(SQL("SELECT id FROM crm_cid_key WHERE partner_id = %s", partner.id))
        self.assertIn("crm_cid_key_partner_type_value_uniq", plan)
        plan = self.plan(
            SQL("SELECT id FROM crm_cid_key WHERE partner_id IN %s", (partner.id, partner.id + 1))
        )
        self.assertIn("crm_cid_key_partner_type_value_uniq", plan)

    def test_the_migration_drops_the_indexes_of_older_versions(self):
        for name, column in zip(DROPPED, ("partner_id", "key_type_id"), strict=True):
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX %s ON crm_cid_key (%s)",
                    SQL.identifier(name),
                    SQL.identifier(column),
                )
            )
        self.assertLessEqual(set(DROPPED), self.indexes())
        path = f"{get_module_path('crm_cid')}/migrations/19.0.1.1.0/post-migrate.py"
        script = load_script(path, "crm_cid_post_migrate_19_0_1_1")
        script.migrate(self.env.cr, "19.0.1.0.0")
        self.assertFalse(self.indexes() & set(DROPPED))
        # run again (an update interrupted and restarted): nothing to drop
        script.migrate(self.env.cr, "19.0.1.0.0")
        self.assertFalse(self.indexes() & set(DROPPED))

    def test_a_contact_deleted_takes_its_keys_along(self):
        partner = self.env["res.partner"].create({"name": "رفتنی", "mobile": "09351110001"})
        key_ids = partner.sudo().cid_key_ids.ids
        self.assertTrue(key_ids)
        partner.unlink()
        self.assertFalse(self.env["crm.cid.key"].sudo().browse(key_ids).exists())
