from odoo.tests import tagged

from .test_offboarding import OffboardingCommon


@tagged("post_install", "-at_install", "crm_access_policy_offboarding")
class TestLayoffOffboarding(OffboardingCommon):
    def test_switching_on_prepares_the_reassignment_and_off_drops_it(self):
        self.agent.with_user(self.user_admin).crm_access_watch = True
        prepared = self.offboarding_of(self.agent)
        self.assertRecordValues(prepared, [{"state": "draft", "origin": "layoff"}])
        self.assertIn("Layoff mode switched on", self.agent.partner_id.message_ids[0].body)
        self.assertIn("prepared", prepared.message_ids[0].body)
        # switching twice prepares nothing more
        self.agent.with_user(self.user_admin).write({"crm_access_watch": True})
        self.assertEqual(self.offboarding_of(self.agent), prepared)
        self.agent.with_user(self.user_admin).crm_access_watch = False
        self.assertEqual(prepared.state, "cancel")
        self.assertIn("Layoff mode switched off", self.agent.partner_id.message_ids[0].body)
        # the prepared record is the one the Offboard button opens
        self.agent.with_user(self.user_admin).crm_access_watch = True
        action = self.agent.with_user(self.user_admin).action_crm_access_offboard()
        self.assertEqual(
            action["res_id"],
            self.offboarding_of(self.agent).filtered(lambda o: o.state == "draft").id,
        )

    def test_a_set_of_users_at_once_prepares_each_reassignment(self):
        wizard = (
            self.env["crm.access.watch.wizard"]
            .with_user(self.user_admin)
            .with_context(active_model="res.users", active_ids=(self.agent | self.agent2).ids)
            .create({})
        )
        wizard.action_apply()
        self.assertEqual(
            self.Offboarding.search([("user_id", "in", (self.agent | self.agent2).ids)]).mapped(
                "state"
            ),
            ["draft", "draft"],
        )
