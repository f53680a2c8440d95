from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon
from odoo.addons.crm_access_policy.tests.matrix import ROLES, AccessMatrixMixin

# Roles in the order of ROLES (agent, lead, manager, auditor, clerk,
# accountant); each cell: on a letter (or its referral, document) of the
# agent's portfolio / of another team's (notation in
# crm_access_policy/tests/matrix.py). The agent's letter concerns an invoice,
# the other team's does not: the accountant reads only the first.
MATRIX = {
    "secretariat.letter": ("r/-", "r/-", "r", "r", "rwcu", "r/-"),
    "secretariat.letter.referral": ("r/-", "r/-", "r", "r", "rwc", "r/-"),
    "secretariat.letter.link": ("r/-", "r/-", "r", "r", "rwcu", "r/-"),
    "secretariat.secretariat": ("r", "r", "r", "r", "r", "r"),
    "secretariat.series": ("r", "r", "r", "r", "r", "r"),
    "secretariat.letter.template": ("r", "r", "r", "r", "r", "r"),
    "secretariat.counter": ("-", "-", "-", "-", "r", "-"),
    "secretariat.letter.refer": ("-", "-", "-", "-", "rwc", "-"),
    "secretariat.letter.link.add": ("-", "-", "-", "-", "rwc", "-"),
    "secretariat.register.print": ("-", "-", "-", "-", "rwc", "-"),
}


@tagged("post_install", "-at_install", "crm_access_policy_secretariat")
class TestAccessMatrixSecretariat(AccessMatrixMixin, AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Letter = env["secretariat.letter"]
        # the recipient of the referrals holds none of the roles
        cls.colleague = new_test_user(env, "aps_colleague", groups="base.group_user")
        cls.secretariat = env["secretariat.secretariat"].create(
            {"name": "Head office", "code": "APS"}
        )
        cls.template = env["secretariat.letter.template"].create(
            {"name": "Reply", "kind": "outgoing", "body": "<p>Dear customer</p>"}
        )
        cls.invoice = env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": cls.north.id}
        )
        cls.letters = {}
        for partner in (cls.north, cls.south):
            letter = cls.make_letter(partner)
            letter.action_register()
            letter.refer([cls.colleague.id], instruction="Answer it")
            cls.letters[partner] = letter
        cls.letters[cls.north].link_documents("account.move", cls.invoice.ids)
        cls.letters[cls.south].link_documents("res.partner", cls.south.ids)
        pair = (cls.north, cls.south)

        def per_letter(factory):
            return tuple(factory(cls.letters[partner]) for partner in pair)

        series = cls.letters[cls.north].series_id
        counter = env["secretariat.counter"].search([("series_id", "=", series.id)], limit=1)
        printing = env["secretariat.register.print"].create({})
        cls.records = {
            "secretariat.letter": per_letter(lambda letter: letter),
            "secretariat.letter.referral": per_letter(lambda letter: letter.referral_ids),
            "secretariat.letter.link": per_letter(lambda letter: letter.link_ids),
            "secretariat.secretariat": (cls.secretariat, cls.secretariat),
            "secretariat.series": (series, series),
            "secretariat.letter.template": (cls.template, cls.template),
            "secretariat.counter": (counter, counter),
            "secretariat.letter.refer": per_letter(
                lambda letter: env["secretariat.letter.refer"].create(
                    {"letter_ids": [Command.set(letter.ids)]}
                )
            ),
            "secretariat.letter.link.add": per_letter(
                lambda letter: env["secretariat.letter.link.add"].create(
                    {
                        "res_model": "res.partner",
                        "res_id": letter.partner_id.id,
                        "letter_ids": [Command.set(letter.ids)],
                    }
                )
            ),
            "secretariat.register.print": (printing, printing),
        }

    @classmethod
    def make_letter(cls, partner, user=None, **values):
        Letter = cls.Letter.with_user(user) if user else cls.Letter
        return Letter.create(
            {
                "kind": "incoming",
                "subject": f"Request of {partner.name}",
                "partner_id": partner.id,
                "secretariat_id": cls.secretariat.id,
                "body": "<p>what the letter says</p>",
                **values,
            }
        )

    def visible(self, role, letters):
        return self.Letter.with_user(self.users[role]).search([("id", "in", letters.ids)])

    def test_role_model_operation_matrix(self):
        cases = self.assert_access_matrix(MATRIX, self.records)
        self.assertEqual(cases, len(MATRIX) * len(ROLES) * 2 * 4)

    def test_clerk_works_the_letters(self):
        clerk = self.users["clerk"]
        self.assertTrue(clerk.has_group("secretariat.group_secretariat_clerk"))
        letter = self.make_letter(self.south, user=clerk)
        letter.action_register()
        self.assertTrue(letter.indicator_number)
        [referral_id] = letter.refer([self.colleague.id], instruction="Please answer")
        self.assertEqual(letter.state, "referred")
        self.assertEqual(
            self.env["secretariat.letter.referral"].browse(referral_id).user_id, self.colleague
        )
        self.assertIn("what the letter says", letter.body)

    def test_portfolio_letters_of_agents_and_leads(self):
        north, south = self.letters[self.north], self.letters[self.south]
        confidential = self.make_letter(self.north, confidentiality="confidential")
        own = self.make_letter(self.own)
        everything = north | south | confidential | own
        self.assertEqual(self.visible("agent", everything), north | own)
        # the lead leads North without being a member; the own customer is the agent's
        self.assertEqual(self.visible("lead", everything), north)
        self.assertEqual(self.visible("manager", everything), north | south | own)
        self.assertEqual(self.visible("auditor", everything), north | south | own)
        self.assertEqual(self.visible("clerk", everything), north | south | own)

    def test_internal_letters_are_not_customer_data(self):
        internal = self.Letter.create(
            {
                "kind": "internal",
                "subject": "Staff memo",
                "internal_user_id": self.colleague.id,
                "secretariat_id": self.secretariat.id,
            }
        )
        for role in ("agent", "lead", "accountant"):
            with self.subTest(role=role):
                self.assertFalse(self.visible(role, internal))
        # the manager is an auditor too
        for role in ("auditor", "manager", "clerk"):
            with self.subTest(role=role):
                self.assertEqual(self.visible(role, internal), internal)

    def test_accountant_reads_letters_about_accounting_documents_only(self):
        north, south = self.letters[self.north], self.letters[self.south]
        self.assertEqual(self.visible("accountant", north | south), north)
        with self.assertRaises(AccessError):
            south.with_user(self.users["accountant"]).read(["body"])
        # once the other letter concerns the invoice too, the accountant reads it
        south.link_documents("account.move", self.invoice.ids)
        self.assertEqual(self.visible("accountant", north | south), north | south)

    def test_letter_referred_to_an_agent_stays_readable(self):
        south = self.letters[self.south]
        with self.assertRaises(AccessError):
            south.with_user(self.agent).read(["subject"])
        south.refer([self.agent.id])
        self.assertEqual(south.with_user(self.agent).read(["subject"])[0]["subject"], south.subject)

    def test_agent_cannot_write_a_portfolio_letter(self):
        with self.assertRaises(AccessError):
            self.letters[self.north].with_user(self.agent).write({"summary": "changed"})
        self.assertFalse(self.letters[self.north].summary)
