from datetime import timedelta

from psycopg2.errors import UniqueViolation

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon, new_user_admin


class OffboardingCommon(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # sales_team archives a salesperson's memberships as the user who archives
        cls.user_admin = new_user_admin(cls.env, "ap_user_admin", "sales_team.group_sale_manager")
        cls.Offboarding = cls.env["crm.access.offboarding"]
        channel = cls.env.ref("crm_interaction.crm_interaction_channel_phone")
        Interaction = cls.env["crm.interaction"]
        cls.open_call, cls.handled_call = Interaction.create(
            [
                {"channel_id": channel.id, "partner_id": cls.own.id, "user_id": cls.agent.id},
                {
                    "channel_id": channel.id,
                    "partner_id": cls.own.id,
                    "user_id": cls.agent.id,
                    "state": "handled",
                },
            ]
        )

    def offboarding_of(self, user):
        return self.Offboarding.search([("user_id", "=", user.id)])


@tagged("post_install", "-at_install", "crm_access_policy_offboarding")
class TestOffboarding(OffboardingCommon):
    def test_offboard_button_revokes_hands_over_and_keeps_the_report(self):
        # what the agent read: a list of two customers, one interaction body,
        # and a read a hundred days ago, outside the report's period
        self.env["res.partner"].with_user(self.agent).browse((self.north | self.own).ids).read(
            ["name"]
        )
        self.interactions["north"].with_user(self.agent).read(["body"])
        self.env["crm.access.log"].create(
            {
                "user_id": self.agent.id,
                "partner_id": self.south.id,
                "day": fields.Date.today() - timedelta(days=100),
                "kind": "export",
                "count": 7,
            }
        )
        self.env["res.users.apikeys"].with_user(self.agent).sudo()._generate(None, "erp", None)

        action = self.agent.with_user(self.user_admin).action_crm_access_offboard()
        self.assertEqual(
            (action["res_model"], action.get("res_id")), (self.Offboarding._name, None)
        )
        with Form(
            self.Offboarding.with_user(self.user_admin).with_context(action["context"])
        ) as form:
            form.successor_id = self.agent2
            form.reason = "leaves the company"
        offboarding = form.record
        self.assertEqual((offboarding.user_id, offboarding.state), (self.agent, "draft"))
        offboarding.action_offboard()

        self.assertFalse(self.agent.active)
        self.assertTrue(self.agent.crm_access_revoked_at)
        self.assertFalse(
            self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.agent.id)])
        )
        self.assertEqual(self.own.user_id, self.agent2)
        self.assertEqual(self.open_call.user_id, self.agent2)
        self.assertEqual(self.handled_call.user_id, self.agent)
        # the agent left the north team; the successor, in the south team
        # already, stays there (one team per salesperson)
        self.assertFalse(self.team_north.member_ids & self.agent)
        self.assertEqual(self.team_south.member_ids & self.agent2, self.agent2)
        self.assertRecordValues(
            offboarding,
            [
                {
                    "state": "done",
                    "origin": "offboard",
                    "apikeys_revoked": 1,
                    "customer_count": 1,
                    "interaction_count": 1,
                    "team_count": 1,
                    "done_by_id": self.user_admin.id,
                    "report_customer_count": 2,
                    "report_read_count": 3,
                }
            ],
        )
        self.assertEqual(
            {(line.partner_id, line.kind, line.count) for line in offboarding.line_ids},
            {(self.north, "list", 1), (self.own, "list", 1), (self.north, "body", 1)},
        )
        self.assertIn("Offboarded by", offboarding.message_ids[0].body)
        self.assertIn("Offboarded by", self.agent.partner_id.message_ids[0].body)
        self.assertIn("archived by", self.agent.partner_id.message_ids[1].body)
        # the report: a list of lines, and a document
        report = offboarding.with_user(self.users["auditor"]).action_open_access_report()
        lines = (
            self.env[report["res_model"]].with_user(self.users["auditor"]).search(report["domain"])
        )
        self.assertEqual(lines, offboarding.line_ids)
        html, _format = self.env["ir.actions.report"]._render_qweb_pdf(
            "crm_access_policy_offboarding.crm_access_offboarding_report", offboarding.ids
        )
        self.assertIn("North customer", html.decode())
        self.assertIn("Own customer", html.decode())
        self.assertNotIn("South customer", html.decode())

    def test_team_lead_hands_over_the_lead(self):
        offboarding = self.Offboarding.with_user(self.user_admin).create(
            {"user_id": self.lead.id, "successor_id": self.manager.id}
        )
        offboarding.action_offboard()
        self.assertEqual(self.team_north.user_id, self.manager)
        self.assertEqual(offboarding.team_count, 1)

    def test_archiving_directly_revokes_and_waits_for_a_successor(self):
        self.env["res.users.apikeys"].with_user(self.agent).sudo()._generate(None, "erp", None)
        self.agent.with_user(self.user_admin).action_archive()
        offboarding = self.offboarding_of(self.agent)
        self.assertRecordValues(
            offboarding, [{"state": "pending", "origin": "archive", "apikeys_revoked": 1}]
        )
        self.assertFalse(
            self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.agent.id)])
        )
        self.assertEqual(self.own.user_id, self.agent, "the portfolio waits for a successor")
        # the successor is chosen later, from the pending record
        offboarding.with_user(self.user_admin).successor_id = self.manager
        offboarding.with_user(self.user_admin).action_offboard()
        self.assertEqual((offboarding.state, self.own.user_id), ("done", self.manager))

    def test_archiving_hands_over_to_the_successor_of_the_settings(self):
        self.set_param("successor_id", str(self.manager.id))
        self.agent.with_user(self.user_admin).action_archive()
        offboarding = self.offboarding_of(self.agent)
        self.assertEqual((offboarding.state, offboarding.successor_id), ("done", self.manager))
        self.assertEqual(self.own.user_id, self.manager)
        self.assertEqual(self.open_call.user_id, self.manager)
        # the manager, in no team, takes the agent's place in the north team
        self.assertEqual(offboarding.team_ids, self.team_north)
        self.assertEqual(self.team_north.member_ids & (self.agent | self.manager), self.manager)

    def test_bad_input_changes_nothing(self):
        offboarding = self.Offboarding.with_user(self.user_admin).create({"user_id": self.agent.id})
        with self.assertRaises(UserError):
            offboarding.action_offboard()
        self.assertTrue(self.agent.active)
        self.assertEqual(offboarding.state, "draft")
        with self.assertRaises(ValidationError):
            offboarding.successor_id = self.agent
        with self.assertRaises(ValidationError):
            offboarding.successor_id = new_test_user(
                self.env, login="ap_portal", groups="base.group_portal"
            )
        # one offboarding under way per user
        with self.assertRaises(UniqueViolation), mute_logger("odoo.sql_db"):
            self.Offboarding.with_user(self.user_admin).create({"user_id": self.agent.id})
        offboarding.action_cancel()
        with self.assertRaises(UserError):
            offboarding.action_offboard()
        self.assertTrue(self.agent.active)

    def test_only_user_administrators_offboard(self):
        offboarding = self.Offboarding.with_user(self.user_admin).create(
            {"user_id": self.agent2.id, "successor_id": self.manager.id}
        )
        for role in ("agent", "lead", "manager", "auditor"):
            user = self.users[role]
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    offboarding.with_user(user).action_offboard()
                with self.assertRaises(AccessError):
                    self.agent2.with_user(user).action_crm_access_offboard()
                with self.assertRaises(AccessError):
                    self.Offboarding.with_user(user).create({"user_id": self.agent.id})
        self.assertTrue(self.agent2.active)
        # the auditor reads the offboardings and their reports
        self.assertEqual(
            self.Offboarding.with_user(self.users["auditor"]).search(
                [("user_id", "=", self.agent2.id)]
            ),
            offboarding,
        )
        with self.assertRaises(AccessError):
            offboarding.with_user(self.agent).action_open_access_report()
