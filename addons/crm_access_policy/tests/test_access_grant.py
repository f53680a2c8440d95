from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAccessGrant(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Grant = cls.env["crm.access.grant"]
        cls.south.mobile = "09171112233"
        cls.south_interaction = cls.interactions["south"]

    def request(self, user=None, reason="walk-in while their agent is away", **kw):
        grant_id = self.Grant.with_user(user or self.agent).request_access(
            self.south.id, reason, **kw
        )
        return self.Grant.browse(grant_id)

    def log_kinds(self, user):
        return set(
            self.env["crm.access.log"]
            .search([("user_id", "=", user.id), ("partner_id", "=", self.south.id)])
            .mapped("kind")
        )

    def reads_south(self, user):
        Interaction = self.env["crm.interaction"].with_user(user)
        return self.south_interaction in Interaction.search(
            [("id", "=", self.south_interaction.id)]
        )

    def test_request_grant_read_expire(self):
        grant = self.request()
        self.assertEqual(
            (grant.state, grant.user_id, grant.partner_id), ("requested", self.agent, self.south)
        )
        self.assertEqual(grant.duration_hours, 8)
        # the lead of the agent's team is asked
        activity = grant.activity_ids
        self.assertEqual(activity.user_id, self.lead)
        self.assertIn(self.lead.partner_id, grant.message_partner_ids)
        # not yet
        self.assertFalse(self.reads_south(self.agent))
        with self.assertRaises(AccessError):
            self.south_interaction.with_user(self.agent).read(["body"])
        grant.with_user(self.lead).action_grant()
        self.assertEqual((grant.state, grant.decided_by_id), ("granted", self.lead))
        self.assertAlmostEqual(
            grant.expires_at, fields.Datetime.now() + timedelta(hours=8), delta=timedelta(minutes=5)
        )
        self.assertFalse(grant.activity_ids)
        # now the customer is in the agent's portfolio: interactions, full keys
        self.assertTrue(self.reads_south(self.agent))
        self.assertEqual(
            self.south_interaction.with_user(self.agent).read(["body"])[0]["body"],
            "<p>what was said</p>",
        )
        self.assertEqual(
            self.south.with_user(self.agent).read(["mobile"])[0]["mobile"], "09171112233"
        )
        # the cron leaves running grants alone, then ends them when their time is over
        self.Grant._cron_expire()
        self.assertEqual(grant.state, "granted")
        grant.sudo().write({"expires_at": fields.Datetime.now() - timedelta(minutes=1)})
        self.assertEqual(self.Grant._cron_expire(), 1)
        self.assertEqual(grant.state, "expired")
        self.assertFalse(self.south.crm_access_grantee_ids)
        self.assertFalse(self.reads_south(self.agent))
        self.assertEqual(
            self.south.with_user(self.agent).read(["mobile"])[0]["mobile"], "0917***2233"
        )
        self.assertLessEqual({"grant_request", "grant", "grant_ended"}, self.log_kinds(self.agent))
        bodies = grant.message_ids.mapped("body")
        self.assertTrue(any("Access granted by" in body for body in bodies), bodies)
        self.assertTrue(any("Access expired" in body for body in bodies), bodies)

    def test_wrong_users_cannot_grant(self):
        grant = self.request()
        other_lead = new_test_user(
            self.env, login="ap_other_lead", groups="crm_access_policy.group_crm_team_lead"
        )
        self.team_south.user_id = other_lead
        for user in (self.agent, self.agent2, other_lead, self.users["auditor"]):
            for action in ("action_grant", "action_refuse"):
                with self.subTest(user=user.login, action=action), self.assertRaises(AccessError):
                    getattr(grant.with_user(user), action)()
        self.assertEqual(grant.state, "requested")
        self.assertFalse(self.south.crm_access_grantee_ids)
        # nor by writing the fields
        with self.assertRaises(AccessError):
            grant.with_user(self.agent).write({"state": "granted"})
        with self.assertRaises(AccessError):
            grant.with_user(self.manager).write({"expires_at": fields.Datetime.now()})
        # a manager may
        grant.with_user(self.manager).action_grant()
        self.assertEqual(grant.state, "granted")
        self.assertEqual(self.south.crm_access_grantee_ids, self.agent)

    def test_refuse_and_revoke(self):
        grant = self.request()
        grant.with_user(self.lead).action_refuse()
        self.assertEqual(grant.state, "refused")
        self.assertFalse(self.reads_south(self.agent))
        with self.assertRaises(UserError):
            grant.with_user(self.lead).action_grant()
        self.assertIn("grant_refused", self.log_kinds(self.agent))
        # a new request, granted, then given back by the agent
        second = self.request()
        second.with_user(self.lead).action_grant()
        self.assertTrue(self.reads_south(self.agent))
        second.with_user(self.agent).action_revoke()
        self.assertEqual(second.state, "revoked")
        self.assertFalse(self.reads_south(self.agent))

    def test_bad_requests(self):
        for reason in ("", "   ", None):
            with self.subTest(reason=reason), self.assertRaises(UserError):
                self.request(reason=reason)
        with self.assertRaises(UserError):
            self.Grant.with_user(self.agent).request_access("south", "x")
        with self.assertRaises(UserError):
            self.Grant.with_user(self.agent).request_access(self.north.id, "already mine")
        mine = [("user_id", "=", self.agent.id)]
        self.assertFalse(self.Grant.search(mine))
        self.request()
        with self.assertRaises(UserError):
            self.request()
        self.assertEqual(self.Grant.search_count(mine), 1)

    def test_requester_is_always_the_caller(self):
        grant = self.Grant.with_user(self.agent2).create(
            {"partner_id": self.north.id, "reason": "for someone else", "user_id": self.agent.id}
        )
        self.assertEqual(grant.user_id, self.agent2)
        # and agents see only their own requests and those of the teams they lead
        self.assertFalse(self.Grant.with_user(self.agent).search([("id", "=", grant.id)]))
        self.assertFalse(self.Grant.with_user(self.lead).search([("id", "=", grant.id)]))
        self.assertEqual(self.Grant.with_user(self.manager).search([("id", "=", grant.id)]), grant)

    def test_card_shows_the_pending_request(self):
        grant = self.request()
        card = self.env["res.partner"].with_user(self.agent).crm_access_limited_card(self.south.id)
        self.assertEqual(card["grant"]["id"], grant.id)
        self.assertEqual(card["grant"]["state"], "requested")


# What each user may do on a request of the agent (north team, led by the
# lead): r(ead), w(rite), c(reate), u(nlink). Decisions go through the
# buttons, whose rights are tested above; nobody deletes a request.
GRANT_MATRIX = {
    "agent": "rc",
    "agent2": "",
    "lead": "rc",
    "manager": "rwc",
    "auditor": "r",
    "clerk": "",
    "accountant": "",
}


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAccessGrantMatrix(AccessPolicyCommon):
    def test_role_operation_matrix_on_a_request(self):
        grant = (
            self.env["crm.access.grant"]
            .with_user(self.agent)
            .create({"partner_id": self.south.id, "reason": "walk-in"})
        )
        users = dict(self.users, agent2=self.agent2)
        for role, allowed in GRANT_MATRIX.items():
            for letter, operation in (
                ("r", "read"),
                ("w", "write"),
                ("c", "create"),
                ("u", "unlink"),
            ):
                with self.subTest(role=role, operation=operation):
                    target = grant.with_user(users[role])
                    if letter in allowed:
                        target.check_access(operation)
                    else:
                        with self.assertRaises(AccessError):
                            target.check_access(operation)
