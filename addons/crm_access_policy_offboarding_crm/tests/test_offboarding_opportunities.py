from odoo.tests import tagged

from odoo.addons.crm_access_policy_offboarding.tests.test_offboarding import OffboardingCommon


@tagged("post_install", "-at_install", "crm_access_policy_offboarding_crm")
class TestOffboardingOpportunities(OffboardingCommon):
    def test_open_opportunities_go_to_the_successor(self):
        Lead = self.env["crm.lead"]
        won, lost, open_ = Lead.create(
            [
                {"name": name, "type": "opportunity", "user_id": self.agent.id}
                for name in ("Won", "Lost", "Open")
            ]
        )
        won.action_set_won()
        lost.action_set_lost()
        offboarding = self.Offboarding.with_user(self.user_admin).create(
            {"user_id": self.agent.id, "successor_id": self.agent2.id}
        )
        offboarding.action_offboard()
        self.assertEqual(open_.user_id, self.agent2)
        self.assertEqual((won | lost).user_id, self.agent)
        self.assertEqual(offboarding.opportunity_count, 1)
