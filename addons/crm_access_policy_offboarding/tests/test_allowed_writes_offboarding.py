from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.common import new_user_admin
from odoo.addons.crm_access_policy.tests.test_adversarial_write import AdversarialWriteCommon


@tagged("post_install", "-at_install", "crm_access_policy_offboarding")
class TestAllowedWritesOffboarding(AdversarialWriteCommon):
    """The offboarding moves customers the right way: to the successor."""

    def test_offboarding_hands_the_portfolio_over(self):
        user_admin = new_user_admin(self.env, "aw_user_admin", "sales_team.group_sale_manager")
        offboarding = (
            self.env["crm.access.offboarding"]
            .with_user(user_admin)
            .create({"user_id": self.agent.id, "successor_id": self.colleague.id})
        )
        offboarding.action_offboard()
        self.assertEqual(self.own.user_id, self.colleague)
