from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AccessPolicyCommon, new_exporter


@tagged("post_install", "-at_install", "crm_access_policy")
class TestExport(AccessPolicyCommon):
    def test_export_needs_the_export_group(self):
        # base's own export right is not enough for customer data
        exporter_of_other_things = new_test_user(
            self.env,
            login="ap_exports_other",
            groups="crm_access_policy.group_crm_agent,base.group_allow_export",
        )
        for user in (self.agent, exporter_of_other_things, self.users["auditor"]):
            for records in (self.north, self.interactions["north"]):
                with self.subTest(user=user.login, model=records._name):
                    with self.assertRaises(AccessError):
                        records.with_user(user).export_data(
                            ["name" if records._name == "res.partner" else "subject"]
                        )
        exporter = new_exporter(self.env, "ap_exporter")
        rows = self.north.with_user(exporter).export_data(["name", "cid"])["datas"]
        self.assertEqual(rows, [["North customer", self.north.cid]])
        # other models stay as Odoo has them
        self.env["res.country"].with_user(exporter).search([], limit=1).export_data(["name"])

    def test_layoff_mode_freezes_exports(self):
        exporter = new_exporter(self.env, "ap_leaving")
        exporter.crm_access_watch = True
        with self.assertRaises(AccessError):
            self.north.with_user(exporter).export_data(["name"])
        self.assertIn("Layoff mode", exporter.partner_id.message_ids[:1].body)
