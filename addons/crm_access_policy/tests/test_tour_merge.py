from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_access_policy")
class TestTourMerge(HttpCase):
    def test_a_team_lead_merges_two_customers_from_the_contacts_list(self):
        lead = new_test_user(
            self.env,
            "ap_tour_lead",
            email="ap.tour.lead@example.com",
            groups="crm_access_policy.group_crm_team_lead",
        )
        Team = self.env["crm.team"]
        north = Team.create({"name": "Tour merge north", "user_id": lead.id})
        west = Team.create({"name": "Tour merge west", "user_id": lead.id})
        Partner = self.env["res.partner"]
        first = Partner.create(
            {"name": "Tour Twin Bazaar", "is_company": True, "portfolio_team_id": north.id}
        )
        second = Partner.create(
            {"name": "Tour Twin Bazaar Ltd", "is_company": True, "portfolio_team_id": west.id}
        )
        # the lead opened both customers earlier today
        for partner in (first, second):
            Partner.with_user(lead).browse(partner.id).read(["name"])
        self.start_tour("/odoo/contacts", "crm_access_merge", login="ap_tour_lead")
        survivors = (first | second).exists()
        self.assertEqual(len(survivors), 1)
        # the lead's reads of both customers are now reads of the survivor
        rows = self.env["crm.access.log"].search(
            [("user_id", "=", lead.id), ("partner_id", "=", survivors.id), ("kind", "=", "open")]
        )
        self.assertGreaterEqual(rows.count, 2)
