from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite")
class TestSuiteMenusTour(HttpCase):
    def test_agent_logs_in_and_sees_suite_menus(self):
        new_test_user(
            self.env,
            "crm_suite_tour_agent",
            password="crm-suite-Tour-1",
            groups="base.group_user,base.group_partner_manager",
            name="Tour Agent",
        )
        self.start_tour("/web/login", "crm_suite_login_menus", login=None)

    def test_menus_for_employees_only(self):
        root = self.env.ref("crm_suite.crm_suite_menu_root")
        portal = new_test_user(self.env, "crm_suite_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["ir.ui.menu"].with_user(portal)._visible_menu_ids()
        internal = new_test_user(self.env, "crm_suite_internal", groups="base.group_user")
        visible = self.env["ir.ui.menu"].with_user(internal)._visible_menu_ids()
        self.assertIn(root.id, visible)
