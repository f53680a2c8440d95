from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_access_policy")
class TestTourLimitedCard(HttpCase):
    def test_agent_opens_the_limited_card_and_asks_for_access(self):
        Team = self.env["crm.team"]
        agent = new_test_user(
            self.env,
            "ap_tour_agent",
            email="ap.tour.agent@example.com",
            groups="crm_access_policy.group_crm_agent",
        )
        north = Team.create({"name": "Tour north"})
        south = Team.create({"name": "Tour south"})
        self.env["crm.team.member"].create({"crm_team_id": north.id, "user_id": agent.id})
        customer = self.env["res.partner"].create(
            {
                "name": "Tour South Shop",
                "is_company": True,
                "mobile": "09171112233",
                "portfolio_team_id": south.id,
            }
        )
        self.start_tour("/odoo/crm-any-customer", "crm_access_limited_card", login="ap_tour_agent")
        grant = self.env["crm.access.grant"].search([("user_id", "=", agent.id)])
        self.assertEqual(
            (grant.partner_id, grant.state, grant.reason),
            (customer, "requested", "Walk-in customer, their agent is away"),
        )
        logged = self.env["crm.access.log"].search(
            [("user_id", "=", agent.id), ("partner_id", "=", customer.id)]
        )
        self.assertIn("card", logged.mapped("kind"))
        self.assertIn("grant_request", logged.mapped("kind"))
        # the real mobile was never written back
        self.assertEqual(customer.mobile, "09171112233")
