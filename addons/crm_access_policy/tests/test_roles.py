from odoo.tests import tagged

from .common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy")
class TestRolesOn360(AccessPolicyCommon):
    def test_vendor_role_only_for_accounting(self):
        if "supplier_rank" not in self.env["res.partner"]._fields:
            self.skipTest("the vendor role comes with account")
        self.north.write({"customer_rank": 1, "supplier_rank": 1, "mobile": "09111239999"})
        Interaction = self.env["crm.interaction"]
        # managers see the vendor role where they also read the accounts
        # (crm_access_policy_ledger gives auditors, and so managers, Odoo's
        # read-only accounting group)
        manager_reads_accounts = self.manager.has_group("account.group_account_readonly")
        for role, sees_vendor in (
            ("agent", False),
            ("lead", False),
            ("manager", manager_reads_accounts),
            ("accountant", True),
        ):
            user = self.users[role]
            with self.subTest(role=role):
                partner = self.north.with_user(user)
                self.assertTrue(partner.cid_is_customer)
                self.assertEqual(partner.cid_is_vendor, sees_vendor)
                self.assertEqual(
                    partner._crm_access_roles(),
                    ["customer", "vendor"] if sees_vendor else ["customer"],
                )
        card = Interaction.with_user(self.agent).caller_card("09111239999")
        self.assertEqual((card["partner_id"], card["roles"]), (self.north.id, ["customer"]))
        # the superuser's view is not served to the agent from the cache
        self.assertTrue(self.north.sudo().cid_is_vendor)
        self.assertFalse(self.north.with_user(self.agent).cid_is_vendor)
