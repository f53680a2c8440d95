"""A lead without customer, tried by an agent of another team.

Agent1 (team North) reads every lead (Odoo's "All documents" right) and
tries the lead of agent2 (team South) that a website form left without
customer. One row per read path: ``masked``, ``refused`` or ``hidden`` (see
``crm_access_policy.tests.copies_alone``).
"""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_access_policy.tests.copies_alone import (
    ALONE_EMAIL,
    ALONE_PHONE,
    CopiesAloneCommon,
)
from odoo.addons.crm_access_policy.tests.test_adversarial_read import SOUTH_EMAIL

LEAD_SPEC = {
    "name": {},
    "email_from": {},
    "phone": {},
    "email_normalized": {},
    "phone_sanitized": {},
    "email_domain_criterion": {},
}
COPIED = ["email_from", "phone", "email_normalized", "phone_sanitized"]

ROWS = [
    ("read", lambda t, m: m.browse(t.alone.id).read(COPIED), "masked"),
    ("read", lambda t, m: m.browse(t.alone.id).read(), "masked"),
    (
        "search_read",
        lambda t, m: m.search_read([("id", "=", t.alone.id)], ["email_from", "phone"]),
        "masked",
    ),
    ("web_read", lambda t, m: m.browse(t.alone.id).web_read(LEAD_SPEC), "masked"),
    (
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "=", t.alone.id)], LEAD_SPEC),
        "masked",
    ),
    (
        "web_read_group",
        lambda t, m: m.web_read_group(
            [("id", "=", t.alone.id)],
            ["stage_id"],
            auto_unfold=True,
            unfold_read_specification=LEAD_SPEC,
        ),
        "masked",
    ),
    (
        "name_search",
        lambda t, m: [pair[0] for pair in m.name_search("walkin.vis")],
        "hidden",
    ),
    (
        "formatted_read_group",
        lambda t, m: m.formatted_read_group([("id", "=", t.alone.id)], ["email_from"], ["__count"]),
        "refused",
    ),
    (
        "search",
        lambda t, m: m.search([("email_from", "ilike", "walkin.vis")]).ids,
        "hidden",
    ),
    (
        "search",
        lambda t, m: m.search([("phone_mobile_search", "ilike", "0935123")]).ids,
        "hidden",
    ),
    (
        "search",
        lambda t, m: m.search([("email_from", "not ilike", "walkin.vis")]).ids,
        "hidden",
    ),
]


class LeadsAloneCommon(CopiesAloneCommon):
    """Agent2's lead of team South without customer, and its chatter."""

    copied_model = "crm.lead"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman_all = cls.env.ref("sales_team.group_sale_salesman_all_leads")
        cls.agent.group_ids += salesman_all
        cls.agent2.group_ids += salesman_all
        cls.lead.group_ids += salesman_all
        cls.manager.group_ids += salesman_all
        Lead = cls.env["crm.lead"]
        values = {"email_from": ALONE_EMAIL, "phone": ALONE_PHONE, "type": "lead"}
        cls.alone = Lead.create(
            {
                **values,
                "name": "Walk-in of the south",
                "user_id": cls.agent2.id,
                "team_id": cls.team_south.id,
            }
        )
        cls.others = {
            name: Lead.create({**values, "name": name, **extra})
            for name, extra in (
                ("south team, nobody's", {"user_id": False, "team_id": cls.team_south.id}),
                ("north team, nobody's", {"user_id": False, "team_id": cls.team_north.id}),
                ("north team, agent2's", {"user_id": cls.agent2.id, "team_id": cls.team_north.id}),
                ("south team, agent1's", {"user_id": cls.agent.id, "team_id": cls.team_south.id}),
                ("nobody's", {"user_id": False, "team_id": False}),
            )
        }
        cls.post_walkin_email(cls.alone)


@tagged("post_install", "-at_install", "crm_access_policy_crm")
class TestAdversarialLeadsAlone(LeadsAloneCommon):
    def test_the_setup_holds_the_secrets(self):
        self.assertFalse(self.alone.partner_id)
        self.assertEqual((self.alone.email_from, self.alone.phone), (ALONE_EMAIL, ALONE_PHONE))
        # agent1 may read the lead: the masking is all that stands between
        self.assertTrue(self.alone.with_user(self.agent).has_access("read"))

    def test_every_path_of_a_lead_without_customer(self):
        self.assert_rows(ROWS, self.alone)

    def test_the_messages_of_the_lead_show_its_e_mail_masked(self):
        self.assert_messages_masked(self.alone)

    def test_the_composer_does_not_suggest_the_own_e_mail(self):
        self.assert_suggestions_hidden(self.alone)

    def test_no_part_of_the_values_finds_the_lead(self):
        self.assert_no_fragment_finds(self.alone, ["email_from", "phone", "email_normalized"])
        # the whole value still finds it
        Lead = self.as_agent()
        self.assertIn(self.alone, Lead.search([("email_from", "=ilike", ALONE_EMAIL)]))
        self.assertIn(self.alone, Lead.search([("phone", "=", ALONE_PHONE)]))

    def test_the_portfolio_of_the_lead_decides(self):
        fnames = ["email_from", "phone"]
        full = (ALONE_EMAIL, ALONE_PHONE)
        masked = ("w***@example.net", "0935***4567")
        # the salesperson, the Team Lead of North (not of South), the manager
        self.assertEqual(self.read_as(self.agent2, self.alone, fnames), full)
        self.assertEqual(self.read_as(self.lead, self.alone, fnames), masked)
        self.assertEqual(self.read_as(self.manager, self.alone, fnames), full)
        expected = {
            "south team, nobody's": masked,
            "north team, nobody's": full,
            "north team, agent2's": full,
            "south team, agent1's": full,
            "nobody's": full,
        }
        for name, values in expected.items():
            with self.subTest(lead=name):
                self.assertEqual(self.read_as(self.agent, self.others[name], fnames), values)
        # the Team Lead of North sees the leads of its team
        lead_of_north = self.others["north team, agent2's"]
        self.assertEqual(self.read_as(self.lead, lead_of_north, fnames), full)
        # inside its portfolio a part of a value finds the lead
        Lead = self.as_agent()
        found = Lead.search([("email_from", "ilike", "walkin.vis")])
        self.assertIn(self.others["north team, nobody's"], found)
        self.assertNotIn(self.others["south team, nobody's"], found)

    def test_a_customer_given_later_decides_instead(self):
        # agent1's own customer, without e-mail: the lead keeps its own
        self.alone.partner_id = self.own
        [row] = self.as_agent().browse(self.alone.id).read(["email_from"])
        self.assertEqual(row["email_from"], ALONE_EMAIL)

    def test_reading_counts_for_the_customer_the_values_resolve_to(self):
        Log = self.env["crm.access.log"]
        self.as_agent().browse(self.alone.id).read(["email_from"])
        self.assertFalse(Log.search([("user_id", "=", self.agent.id)]))
        if "cid_partner_id" not in self.alone._fields:
            return
        self.alone.email_from = SOUTH_EMAIL
        self.assertEqual(self.alone.cid_partner_id, self.south)
        [row] = self.as_agent().browse(self.alone.id).read(["email_from"])
        self.assertEqual(row["email_from"], "s***@example.com")
        self.assertTrue(self.log_of_south())
        # and a suspended user gets nothing of it
        self.env["crm.access.alarm"].create(
            {"user_id": self.agent.id, "customer_count": 500, "threshold": 200, "is_blocking": True}
        )
        with self.assertRaises(AccessError):
            self.as_agent().browse(self.alone.id).read(["email_from"])

    def test_a_masked_value_sent_back_keeps_the_real_one(self):
        lead = self.alone.with_user(self.agent)
        lead.write({"email_from": "w***@example.net", "phone": "0935***4567"})
        self.assertEqual((self.alone.email_from, self.alone.phone), (ALONE_EMAIL, ALONE_PHONE))

    def test_tracked_copies_are_hidden_outside_the_portfolio(self):
        message = self.alone.message_post(body="changed")
        fields = self.env["ir.model.fields"]._get_ids("crm.lead")
        trackings = self.env["mail.tracking.value"].create(
            [
                {
                    "field_id": fields[fname],
                    "old_value_char": old,
                    "new_value_char": new,
                    "mail_message_id": message.id,
                }
                for fname, old, new in (
                    ("email_from", ALONE_EMAIL, "walkin.other@example.net"),
                    ("name", "Walk-in", "Walk-in, renamed"),
                )
            ]
        )
        shown = self.alone.with_user(self.agent)._track_filter_for_display(trackings)
        self.assertEqual(shown.field_id.mapped("name"), ["name"])
        shown = self.alone.with_user(self.agent2)._track_filter_for_display(trackings)
        self.assertIn("email_from", shown.field_id.mapped("name"))

    def test_odoo_flows_use_the_real_values(self):
        # the salesperson converts the lead: the new customer gets the real values
        lead = self.alone.with_user(self.agent2)
        lead._handle_partner_assignment(create_missing=True)
        self.assertEqual(self.alone.partner_id.sudo().email, ALONE_EMAIL)
        # an e-mail to the sales alias makes a lead of the real address
        new = (
            self.env["crm.lead"]
            .with_context(default_team_id=self.team_south.id)
            .message_new({"from": "Visitor <visitor.two@example.net>", "subject": "A question"})
        )
        self.assertEqual(new.email_from, "Visitor <visitor.two@example.net>")
        # duplicates are found on the real values, whoever looks
        twin = self.env["crm.lead"].create(
            {"name": "Twin", "email_from": ALONE_EMAIL, "team_id": self.team_south.id}
        )
        duplicates = twin.with_user(self.agent).duplicate_lead_ids
        self.assertIn(self.others["south team, nobody's"], duplicates)


@tagged("post_install", "-at_install", "crm_access_policy_crm")
class TestAdversarialLeadsAloneRoutes(LeadsAloneCommon, HttpCase):
    """The lead's chatter over HTTP, in agent1's own session."""

    def test_thread_messages(self):
        self.assert_thread_messages_masked(self.alone)

    def test_recipient_routes(self):
        self.assert_recipient_routes_hidden(self.alone)
