from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy")
class TestMerge(AccessPolicyCommon):
    """Merging customers folds the policy's rows and keeps to managed portfolios."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the lead also leads a second team: both portfolios are theirs
        cls.team_west = cls.env["crm.team"].create({"name": "West", "user_id": cls.lead.id})
        Partner = cls.env["res.partner"]
        cls.twin_a = Partner.create(
            {"name": "Twin Trading", "is_company": True, "portfolio_team_id": cls.team_north.id}
        )
        cls.twin_b = Partner.create(
            {"name": "Twin Trading Co", "is_company": True, "portfolio_team_id": cls.team_west.id}
        )
        cls.Log = cls.env["crm.access.log"]

    def merge(self, user, partners, dst):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user)
            .create(
                {
                    "state": "selection",
                    "partner_ids": [(6, 0, partners.ids)],
                    "dst_partner_id": dst.id,
                }
            )
        )
        return wizard.action_merge()

    def test_a_team_lead_merges_two_customers_they_read(self):
        Partner = self.env["res.partner"].with_user(self.lead)
        for partner in (self.twin_a, self.twin_b):
            Partner.browse(partner.id).read(["name"])
        Partner.browse((self.twin_a | self.twin_b).ids).read(["name"])
        self.Log._flush_reads(force=True)
        # another team's agent holds open requests to both
        Grant = self.env["crm.access.grant"].with_user(self.agent2)
        request_a = Grant.request_access(self.twin_a.id, "Covering for North")
        request_b = Grant.request_access(self.twin_b.id, "Covering for West")
        grants = self.env["crm.access.grant"].browse([request_a, request_b])
        grants[1].with_user(self.manager).action_grant()
        self.merge(self.lead, self.twin_a | self.twin_b, self.twin_a)
        self.assertFalse(self.twin_b.exists())
        rows = self.Log.search([("user_id", "=", self.lead.id)])
        self.assertEqual(rows.partner_id, self.twin_a)
        self.assertEqual({(row.kind, row.count) for row in rows}, {("open", 2), ("list", 2)})
        # one open request of the agent goes on, the granted one
        open_grants = self.env["crm.access.grant"].search(
            [("user_id", "=", self.agent2.id), ("state", "in", ("requested", "granted"))]
        )
        self.assertEqual(len(open_grants), 1)
        self.assertEqual((open_grants.state, open_grants.partner_id), ("granted", self.twin_a))
        closed = grants - open_grants
        self.assertEqual(closed.state, "refused")
        self.assertIn("Closed by the merge", closed.message_ids[0].body)
        self.assertEqual(self.twin_a.crm_access_grantee_ids, self.agent2)
        # the agent's own log rows of both customers are folded as well
        self.assertEqual(
            self.Log.search([("user_id", "=", self.agent2.id)]).partner_id, self.twin_a
        )

    def test_a_merge_across_portfolios_is_refused(self):
        Partner = self.env["res.partner"].with_user(self.lead)
        Partner.browse((self.twin_a | self.south).ids).read(["name"])
        with self.assertRaises(AccessError):
            self.merge(self.lead, self.twin_a | self.south, self.twin_a)
        self.assertTrue(self.south.exists())
        # a customer of an agent of another team, without a portfolio team
        stray = self.env["res.partner"].create({"name": "Stray", "user_id": self.agent2.id})
        with self.assertRaises(AccessError):
            self.merge(self.lead, self.twin_a | stray, self.twin_a)
        # a member of the lead's team is theirs; a Manager merges anywhere
        mine = self.env["res.partner"].create({"name": "Mine", "user_id": self.agent.id})
        self.merge(self.lead, self.twin_a | mine, self.twin_a)
        self.assertFalse(mine.exists())
        self.merge(self.manager, self.twin_a | self.south, self.twin_a)
        self.assertFalse(self.south.exists())

    def test_an_agent_cannot_merge(self):
        merger = new_test_user(
            self.env,
            login="ap_agent_merger",
            groups="crm_access_policy.group_crm_agent,base.group_partner_manager",
        )
        self.env["crm.team.member"].create(
            {"crm_team_id": self.team_north.id, "user_id": merger.id}
        )
        with self.assertRaises(AccessError):
            self.merge(merger, self.north | self.twin_a, self.north)
