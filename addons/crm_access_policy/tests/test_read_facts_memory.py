from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from .common import AccessPolicyCommon

SOUTH_MOBILE = "09171112233"
NORTH_MOBILE = "09111112233"
MASKED_SOUTH = "0917***2233"


@tagged("post_install", "-at_install", "crm_access_policy")
class TestReadFactsMemory(AccessPolicyCommon):
    """A read decides its contacts from what it fetched, never more generously
    than the portfolio's query would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.mobile = SOUTH_MOBILE
        cls.north.mobile = NORTH_MOBILE
        cls.own.mobile = "09351112233"

    def read_mobiles(self, user, partners):
        self.env.invalidate_all()
        rows = partners.with_user(user).read(["mobile"])
        return {row["id"]: row["mobile"] for row in rows}

    def test_the_portfolio_read_asks_the_database_nothing(self):
        Partner = type(self.env["res.partner"])
        asked = []
        original = Partner._crm_access_facts_in_database

        def facts_in_database(records, test_owner):
            asked.extend(records.ids)
            return original(records, test_owner)

        with patch.object(Partner, "_crm_access_facts_in_database", facts_in_database):
            mobiles = self.read_mobiles(self.agent, self.north | self.own | self.south)
        self.assertEqual(mobiles[self.north.id], NORTH_MOBILE)
        self.assertEqual(mobiles[self.south.id], MASKED_SOUTH)
        # only the customer outside the portfolio (a grant could unmask it)
        self.assertEqual(asked, self.south.ids)

    def test_each_way_into_the_portfolio(self):
        nobody = self.env["res.partner"].create(
            {"name": "Nobody's customer", "mobile": "09121110000"}
        )
        cases = [
            ("team member", self.agent, self.north, NORTH_MOBILE),
            ("team leader", self.lead, self.north, NORTH_MOBILE),
            ("salesperson", self.agent, self.own, "09351112233"),
            ("customer of nobody", self.agent, nobody, "09121110000"),
            ("another team", self.agent, self.south, MASKED_SOUTH),
            ("another team, seen by its member", self.agent2, self.south, SOUTH_MOBILE),
        ]
        for name, user, partner, expected in cases:
            with self.subTest(name):
                self.assertEqual(self.read_mobiles(user, partner)[partner.id], expected)

    def test_a_grant_is_decided_by_the_query(self):
        self.assertEqual(self.read_mobiles(self.agent, self.south)[self.south.id], MASKED_SOUTH)
        self.south.sudo().crm_access_grantee_ids = [Command.link(self.agent.id)]
        self.assertEqual(self.read_mobiles(self.agent, self.south)[self.south.id], SOUTH_MOBILE)

    def test_leaving_the_team_masks_at_once(self):
        self.assertEqual(self.read_mobiles(self.agent, self.north)[self.north.id], NORTH_MOBILE)
        self.env["crm.team.member"].search(
            [("crm_team_id", "=", self.team_north.id), ("user_id", "=", self.agent.id)]
        ).unlink()
        self.assertEqual(self.read_mobiles(self.agent, self.north)[self.north.id], "0911***2233")
        # and joining another team unmasks its customers
        self.env["crm.team.member"].create(
            {"crm_team_id": self.team_south.id, "user_id": self.agent.id}
        )
        self.assertEqual(self.read_mobiles(self.agent, self.south)[self.south.id], SOUTH_MOBILE)

    def test_a_team_given_a_new_leader_changes_the_portfolio_at_once(self):
        self.assertEqual(self.read_mobiles(self.lead, self.south)[self.south.id], MASKED_SOUTH)
        self.team_south.user_id = self.lead
        self.assertEqual(self.read_mobiles(self.lead, self.south)[self.south.id], SOUTH_MOBILE)

    def test_a_customer_moved_in_memory_is_decided_as_it_is_now(self):
        north = self.north.with_user(self.agent)
        self.assertEqual(north.read(["mobile"])[0]["mobile"], NORTH_MOBILE)
        # moved to South in the same transaction, not yet flushed
        self.north.sudo().portfolio_team_id = self.team_south
        self.assertEqual(north.read(["mobile"])[0]["mobile"], "0911***2233")
