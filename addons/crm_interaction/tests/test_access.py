from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestAccess(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Interaction = cls.env["crm.interaction"]
        channel = cls.env.ref("crm_interaction.crm_interaction_channel_phone")
        cls.mine = Interaction.create(
            {"channel_id": channel.id, "subject": "mine", "user_id": cls.agent.id}
        )
        cls.my_customer = Interaction.create(
            {
                "channel_id": channel.id,
                "subject": "my customer",
                "partner_id": cls.customer.id,
                "user_id": cls.supervisor.id,
            }
        )
        cls.unassigned = Interaction.create({"channel_id": channel.id, "subject": "unassigned"})
        cls.theirs = Interaction.create(
            {
                "channel_id": channel.id,
                "subject": "theirs",
                "partner_id": cls.company_contact.id,
                "user_id": cls.other_agent.id,
            }
        )
        cls.all_four = cls.mine | cls.my_customer | cls.unassigned | cls.theirs

    def _visible(self, user):
        return self.env["crm.interaction"].with_user(user).search([("id", "in", self.all_four.ids)])

    def test_visibility_matrix(self):
        self.assertEqual(self._visible(self.agent), self.mine | self.my_customer | self.unassigned)
        # the company contact's commercial entity belongs to the other agent
        self.assertEqual(self._visible(self.other_agent), self.unassigned | self.theirs)
        self.assertEqual(self._visible(self.supervisor), self.all_four)
        self.assertEqual(self._visible(self.manager), self.all_four)

    def test_agent_cannot_read_or_write_other_portfolio(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.agent).read(["subject"])
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.agent).write({"state": "handled"})
        self.assertEqual(self.theirs.state, "new")

    def test_received_keys_follow_the_interaction(self):
        results = self.env["crm.interaction"].ingest(
            [self.item("ak-1", mobile="09351112233"), self.item("ak-2", mobile="09123456789")]
        )
        theirs, mine = self.env["crm.interaction"].browse([r["id"] for r in results])
        theirs.user_id = self.other_agent
        Key = self.env["crm.interaction.key"].with_user(self.agent)
        self.assertEqual(Key.search([("interaction_id", "in", [theirs.id, mine.id])]), mine.key_ids)
        with self.assertRaises(AccessError):
            theirs.key_ids.with_user(self.agent).read(["value"])

    def test_agent_cannot_delete_nor_configure(self):
        with self.assertRaises(AccessError):
            self.mine.with_user(self.agent).unlink()
        with self.assertRaises(AccessError):
            self.env["crm.interaction.channel"].with_user(self.supervisor).create(
                {"name": "Pigeon", "code": "pigeon"}
            )
        with self.assertRaises(AccessError):
            self.Quarantine.with_user(self.supervisor).search([])
        self.assertFalse(self.env["crm.interaction.channel"].search([("code", "=", "pigeon")]))

    def test_outsider_sees_nothing(self):
        with self.assertRaises(AccessError):
            self._visible(self.outsider)
        with self.assertRaises(AccessError):
            self.env["crm.interaction"].with_user(self.outsider).caller_card("09123456789")
        self.assertEqual(self.customer.with_user(self.outsider).interaction_count, 0)

    def test_manager_configures_channels(self):
        channel = (
            self.env["crm.interaction.channel"]
            .with_user(self.manager)
            .create({"name": "Pigeon", "code": "pigeon"})
        )
        [result] = (
            self.env["crm.interaction"]
            .with_user(self.supervisor)
            .ingest([self.item("pg-1", channel="pigeon")])
        )
        self.assertEqual(self.env["crm.interaction"].browse(result["id"]).channel_id, channel)
