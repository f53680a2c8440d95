from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccessPolicyCommon, new_exporter, new_user_admin, refused


@tagged("post_install", "-at_install", "crm_access_policy")
class TestLayoffMode(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin = new_user_admin(cls.env, "ap_user_admin")

    def test_switching_on_and_off_is_logged_on_the_contact(self):
        self.agent.with_user(self.user_admin).crm_access_watch = True
        self.assertTrue(self.agent._crm_access_is_watched())
        self.assertIn("Layoff mode switched on", self.agent.partner_id.message_ids[0].body)
        self.agent.with_user(self.user_admin).crm_access_watch = False
        self.assertFalse(self.agent._crm_access_is_watched())
        self.assertIn("Layoff mode switched off", self.agent.partner_id.message_ids[0].body)

    def test_a_set_of_users_at_once(self):
        wizard = (
            self.env["crm.access.watch.wizard"]
            .with_user(self.user_admin)
            .with_context(active_model="res.users", active_ids=(self.agent | self.agent2).ids)
            .create({})
        )
        self.assertEqual(wizard.user_ids, self.agent | self.agent2)
        wizard.action_apply()
        self.assertTrue(self.agent.crm_access_watch and self.agent2.crm_access_watch)
        for user in (self.agent, self.agent2):
            self.assertIn("Layoff mode switched on", user.partner_id.message_ids[0].body)
        with self.assertRaises(AccessError):
            self.env["crm.access.watch.wizard"].with_user(self.users["manager"]).create(
                {"user_ids": [(6, 0, self.agent.ids)]}
            )

    def test_bulk_reads_and_exports_are_refused_under_watch(self):
        self.set_param("watch_bulk_limit", "2")
        self.set_param("watch_threshold", "100")
        exporter = new_exporter(self.env, "ap_watched_exporter", "manager")
        customers = self.env["res.partner"].create([{"name": f"Watched {n}"} for n in range(3)])
        Partner = self.env["res.partner"].with_user(exporter)
        # not watched: the bulk read is served
        Partner.browse(customers.ids).read(["name"])
        exporter.crm_access_watch = True
        Partner.browse(customers[:2].ids).read(["name"])
        # the refusal is recorded in a transaction of its own, which
        # assertRaises would roll back with its savepoint
        with self.enter_registry_test_mode():
            self.assertTrue(refused(lambda: Partner.browse(customers.ids).read(["name"])))
            self.assertTrue(
                refused(lambda: Partner.search_read([("id", "in", customers.ids)], ["name"]))
            )
            self.assertTrue(
                refused(lambda: Partner.browse(customers[:1].ids).export_data(["name"]))
            )
        # the refusals are on the user's alarm, for the managers
        alarm = self.env["crm.access.alarm"].search([("user_id", "=", exporter.id)])
        self.assertEqual(alarm.state, "open")
        bodies = alarm.message_ids.mapped("body")
        self.assertEqual(len([b for b in bodies if "the read was refused" in b]), 2)
        self.assertEqual(len([b for b in bodies if "the export was refused" in b]), 1)
        self.assertIn(self.manager.partner_id, alarm.message_partner_ids)
        # the user's own contact and company are not customers
        exporter.partner_id.with_user(exporter).read(["name"])
