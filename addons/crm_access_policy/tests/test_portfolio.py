from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy")
class TestPortfolio(AccessPolicyCommon):
    def visible(self, user):
        ids = [i.id for i in self.interactions.values()]
        found = self.env["crm.interaction"].with_user(user).search([("id", "in", ids)])
        return {name for name, i in self.interactions.items() if i in found}

    def test_each_role_sees_its_portfolio(self):
        everything = set(self.interactions)
        self.assertEqual(self.visible(self.agent), {"north", "own", "free", "unknown"})
        self.assertEqual(self.visible(self.agent2), {"south", "free", "unknown"})
        # the lead leads the north team without being a member of it
        self.assertEqual(self.visible(self.lead), {"north", "free", "unknown"})
        self.assertEqual(self.visible(self.manager), everything)
        self.assertEqual(self.visible(self.users["auditor"]), everything)

    def test_another_teams_interaction_is_refused(self):
        south = self.interactions["south"]
        for operation in (
            lambda r: r.read(["subject"]),
            lambda r: r.write({"state": "handled"}),
        ):
            with self.assertRaises(AccessError):
                operation(south.with_user(self.agent))
        self.interactions["north"].with_user(self.agent).write({"state": "handled"})

    def test_a_customer_moved_to_another_team_moves_its_interactions(self):
        self.assertNotIn("south", self.visible(self.agent))
        self.south.portfolio_team_id = self.team_north
        self.assertIn("south", self.visible(self.agent))
        self.assertNotIn("south", self.visible(self.agent2))

    def test_clerk_and_accountant_see_no_interaction(self):
        for role in ("clerk", "accountant"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["crm.interaction"].with_user(self.users[role]).search([])

    def test_auditor_changes_nothing(self):
        auditor = self.users["auditor"]
        north = self.interactions["north"].with_user(auditor)
        self.assertEqual(north.read(["subject"])[0]["subject"], "call of north")
        with self.assertRaises(AccessError):
            north.write({"state": "handled"})
        with self.assertRaises(AccessError):
            north.unlink()

    def test_national_id_is_hidden_from_agents(self):
        self.north.national_id = "0499370899"
        with self.assertRaises(AccessError):
            self.north.with_user(self.agent).read(["national_id"])
        self.assertEqual(
            self.north.with_user(self.manager).read(["national_id"])[0]["national_id"],
            "0499370899",
        )

    def test_keys_are_added_within_the_portfolio_only(self):
        with self.assertRaises(AccessError):
            self.south.with_user(self.agent).cid_add_key("telegram", "@south_customer")
        self.assertFalse(
            self.env["crm.cid.key"].search([("value_normalized", "=", "south_customer")])
        )
        key_id = self.north.with_user(self.agent).cid_add_key("telegram", "@north_customer")
        self.assertEqual(self.env["crm.cid.key"].browse(key_id).partner_id, self.north)
        # a customer of nobody is everyone's; a manager adds keys anywhere
        self.free.with_user(self.agent).cid_add_key("telegram", "@free_customer")
        self.south.with_user(self.manager).cid_add_key("telegram", "@south_customer")

    def test_keys_written_without_create_stay_in_the_portfolio(self):
        # the keys synchronised from contact fields skip create(): the same
        # portfolio check holds for a user bound to their portfolio
        Key = self.env["crm.cid.key"].with_user(self.agent)
        vals = {
            "key_type_id": self.env.ref("crm_cid.key_type_telegram").id,
            "value": "@synced",
            "value_normalized": "synced",
            "source": "partner",
        }
        with self.assertRaises(AccessError):
            Key._cid_insert_synced([dict(vals, partner_id=self.south.id)])
        self.assertFalse(self.south.cid_key_ids.filtered(lambda key: key.type_code == "telegram"))
