from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestNoOracle(InteractionCommon):
    """ingest and reconcile answer within the caller's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.theirs = cls.Interaction.create(
            {
                "channel_id": cls.channel_mobile.id,
                "subject": "theirs",
                "partner_id": cls.company_contact.id,
                "user_id": cls.other_agent.id,
            }
        )
        # stored earlier for the other agent's customer, by an integration
        [cls.stored] = cls.Interaction.ingest([cls.item("or-theirs", mobile="09351112233")])
        [cls.waiting] = cls.Interaction.ingest([cls.item("or-waiting", occurred_at="bad")])

    def link_error(self, user, res_id):
        item = self.item(
            f"or-link-{user.login}-{res_id}", links=[{"model": "crm.interaction", "id": res_id}]
        )
        [result] = self.Interaction.with_user(user).ingest([item])
        return result

    def test_a_link_to_an_unreadable_document_is_refused_like_a_missing_one(self):
        unreadable = self.link_error(self.agent, self.theirs.id)
        missing = self.link_error(self.agent, 999999999)
        self.assertEqual(unreadable["status"], "rejected")
        self.assertEqual(missing["status"], "rejected")
        self.assertEqual(
            unreadable["error"].replace(str(self.theirs.id), "ID"),
            missing["error"].replace("999999999", "ID"),
        )
        self.assertNotIn("theirs", unreadable["error"])
        # the supervisor reads every interaction: the link is stored
        allowed = self.link_error(self.supervisor, self.theirs.id)
        self.assertEqual(allowed["status"], "unmatched", allowed)
        links = self.Interaction.browse(allowed["id"]).link_ids
        self.assertEqual(links.mapped("res_id"), [self.theirs.id])

    def test_a_duplicate_outside_the_rights_names_nothing(self):
        self.assertEqual(self.stored["status"], "created")
        [duplicate] = self.Interaction.with_user(self.agent).ingest([self.item("or-theirs")])
        self.assertEqual(
            duplicate,
            {
                "status": "duplicate",
                "id": False,
                "partner_id": False,
                "cid": False,
                "error": False,
            },
        )
        [precise] = self.Interaction.with_user(self.supervisor).ingest([self.item("or-theirs")])
        self.assertEqual(precise["status"], "duplicate")
        self.assertEqual(precise["id"], self.stored["id"])
        self.assertEqual(precise["partner_id"], self.company_contact.id)
        self.assertTrue(precise["cid"])

    def test_reconcile_answers_within_the_callers_rights(self):
        Interaction = self.Interaction.with_user(self.agent)
        # the agent's own call, identified to the other agent's customer
        [own] = Interaction.ingest([self.item("or-own", mobile="09351112233")])
        [own_bad] = Interaction.ingest([self.item("or-own-bad", occurred_at="bad")])
        self.assertEqual((own["status"], own_bad["status"]), ("created", "rejected"))
        ids = ["or-theirs", "or-waiting", "or-own", "or-own-bad", "or-none"]
        self.assertEqual(
            Interaction.reconcile("mobile", ids),
            {
                "missing": ["or-theirs", "or-waiting", "or-none"],
                "present": 1,
                "quarantined": ["or-own-bad"],
            },
        )
        self.assertEqual(
            self.Interaction.with_user(self.supervisor).reconcile("mobile", ids),
            {"missing": ["or-none"], "present": 2, "quarantined": ["or-waiting", "or-own-bad"]},
        )
