from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy_secretariat")
class TestAdversarialReferralPolicy(AccessPolicyCommon):
    """An agent cannot open another team's letters to themselves with a referral.

    Agents read the normal letters of their portfolio but do not refer
    letters (the clerks do): a referral to themselves, of their own team's
    letter or of another's, is refused and writes nothing; the other team's
    letter stays unreadable. Each row is ``(name, role, attempt)``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        secretariat = cls.env["secretariat.secretariat"].create({"name": "Head", "code": "APR"})
        cls.letters = {}
        for partner in (cls.north, cls.south):
            letter = cls.env["secretariat.letter"].create(
                {
                    "kind": "incoming",
                    "subject": f"Request of {partner.name}",
                    "partner_id": partner.id,
                    "secretariat_id": secretariat.id,
                }
            )
            letter.action_register()
            cls.letters[partner] = letter
        cls.Referral = cls.env["secretariat.letter.referral"]

    ATTACKS = (
        (
            "agent refers another team's letter to themselves",
            "agent",
            lambda t, user: t.Referral.with_user(user).create(
                {"letter_id": t.letters[t.south].id, "user_id": user.id}
            ),
        ),
        (
            "agent refers their own team's letter to a colleague of the other team",
            "agent",
            lambda t, user: t.Referral.with_user(user).create(
                {"letter_id": t.letters[t.north].id, "user_id": t.agent2.id}
            ),
        ),
        (
            "agent refers through the letter's own method",
            "agent",
            lambda t, user: t.letters[t.north].with_user(user).refer([user.id]),
        ),
        (
            "team lead refers another team's letter to themselves",
            "lead",
            lambda t, user: t.Referral.with_user(user).create(
                {"letter_id": t.letters[t.south].id, "user_id": user.id}
            ),
        ),
    )

    def test_attacks_are_refused_and_write_nothing(self):
        for name, role, attempt in self.ATTACKS:
            user = self.users[role]
            with self.subTest(attack=name):
                before = self.Referral.search_count([])
                with self.assertRaises(AccessError):
                    attempt(self, user)
                self.assertEqual(self.Referral.search_count([]), before)
                with self.assertRaises(AccessError):
                    self.letters[self.south].with_user(user).read(["subject"])

    def test_the_clerk_refers_and_the_agent_then_reads(self):
        letter = self.letters[self.south]
        letter.with_user(self.users["clerk"]).refer([self.agent.id])
        self.assertEqual(
            letter.with_user(self.agent).read(["subject"])[0]["subject"], letter.subject
        )
