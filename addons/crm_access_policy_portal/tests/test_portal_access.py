from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_access_policy.tests.common import ROLE_GROUPS, AccessPolicyCommon

PARTNER_MANAGER = "base.group_partner_manager"


@tagged("post_install", "-at_install", "crm_access_policy")
class TestPortalAccess(AccessPolicyCommon):
    """Odoo's portal wizard, for customers seen in full only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.north_agent = new_test_user(
            cls.env,
            login="ap_portal_agent",
            groups=",".join((ROLE_GROUPS["agent"], PARTNER_MANAGER)),
            lang="en_US",
        )
        cls.env["crm.team.member"].create(
            {"crm_team_id": cls.team_north.id, "user_id": cls.north_agent.id}
        )
        cls.south.email = "south.portal@example.com"
        cls.north.email = "north.portal@example.com"
        cls.manager.group_ids |= cls.env.ref(PARTNER_MANAGER)

    def open_wizard(self, user, partners):
        return (
            self.env["portal.wizard"]
            .with_user(user)
            .with_context(active_ids=partners.ids)
            .create({})
        )

    def test_wizard_opens_on_customers_seen_in_full_only(self):
        rows = [
            # (user, customer, allowed)
            ("north_agent", "north", True),
            ("north_agent", "south", False),
            ("manager", "south", True),
        ]
        for user, customer, allowed in rows:
            with self.subTest(user=user, customer=customer):
                partner = getattr(self, customer)
                if allowed:
                    wizard = self.open_wizard(getattr(self, user), partner)
                    self.assertEqual(wizard.user_ids.email, partner.email)
                else:
                    with self.assertRaisesRegex(AccessError, partner.name):
                        self.open_wizard(getattr(self, user), partner)

    def test_a_line_for_another_portfolio_is_refused(self):
        Line = self.env["portal.wizard.user"].with_user(self.north_agent)
        wizard = self.open_wizard(self.north_agent, self.north)
        attacks = {
            "create": lambda: Line.create(
                {
                    "wizard_id": wizard.id,
                    "partner_id": self.south.id,
                    "email": "insider@example.com",
                }
            ),
            "write": lambda: wizard.user_ids.write({"partner_id": self.south.id}),
        }
        for name, attack in attacks.items():
            with self.subTest(attack=name):
                with self.assertRaises(AccessError):
                    attack()
        self.assertEqual(wizard.user_ids.partner_id, self.north)
        self.assertFalse(self.south.user_ids)
        self.assertEqual(self.south.email, "south.portal@example.com")

    def test_access_granted_within_the_portfolio(self):
        wizard = self.open_wizard(self.north_agent, self.north)
        wizard.user_ids.with_user(self.north_agent).action_grant_access()
        self.assertTrue(self.north.user_ids._is_portal())
