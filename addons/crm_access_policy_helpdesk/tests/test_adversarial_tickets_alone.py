"""A ticket without customer, tried by an agent of another team.

Agent1 (helpdesk team North) reads every ticket (OCA Helpdesk's "All
tickets" right) and tries the ticket of agent2 (helpdesk team South) that
an e-mail left without customer. One row per read path: ``masked``,
``refused`` or ``hidden`` (see ``crm_access_policy.tests.copies_alone``).
"""

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_access_policy.tests.copies_alone import ALONE_EMAIL, CopiesAloneCommon

TICKET_SPEC = {"name": {}, "partner_email": {}, "email_cc": {}}

ROWS = [
    ("read", lambda t, m: m.browse(t.alone.id).read(["partner_email", "email_cc"]), "masked"),
    (
        "search_read",
        lambda t, m: m.search_read([("id", "=", t.alone.id)], ["partner_email"]),
        "masked",
    ),
    ("web_read", lambda t, m: m.browse(t.alone.id).web_read(TICKET_SPEC), "masked"),
    (
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "=", t.alone.id)], TICKET_SPEC),
        "masked",
    ),
    (
        "web_read_group",
        lambda t, m: m.web_read_group(
            [("id", "=", t.alone.id)],
            ["stage_id"],
            auto_unfold=True,
            unfold_read_specification=TICKET_SPEC,
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
        lambda t, m: m.formatted_read_group(
            [("id", "=", t.alone.id)], ["partner_email"], ["__count"]
        ),
        "refused",
    ),
    (
        "search",
        lambda t, m: m.search([("partner_email", "ilike", "walkin.vis")]).ids,
        "hidden",
    ),
    (
        "search",
        lambda t, m: m.search([("email_cc", "=like", "walkin%")]).ids,
        "hidden",
    ),
]


class TicketsAloneCommon(CopiesAloneCommon):
    """Agent2's ticket of desk South without customer, and its chatter."""

    copied_model = "helpdesk.ticket"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        every_ticket = cls.env.ref("helpdesk_mgmt.group_helpdesk_user")
        for user in (cls.agent, cls.agent2, cls.lead, cls.manager):
            user.group_ids += every_ticket
        Team = cls.env["helpdesk.ticket.team"]
        cls.desk_north = Team.create(
            {"name": "Desk North", "user_id": cls.lead.id, "user_ids": [(6, 0, cls.agent.ids)]}
        )
        cls.desk_south = Team.create({"name": "Desk South", "user_ids": [(6, 0, cls.agent2.ids)]})
        Ticket = cls.env["helpdesk.ticket"]
        values = {
            "description": "<p>a question</p>",
            "partner_email": ALONE_EMAIL,
            "email_cc": f"Visitor <{ALONE_EMAIL}>",
        }
        cls.alone = Ticket.create(
            {
                **values,
                "name": "Walk-in of the south",
                "user_id": cls.agent2.id,
                "team_id": cls.desk_south.id,
            }
        )
        cls.others = {
            name: Ticket.create({**values, "name": name, **extra})
            for name, extra in (
                ("south desk, nobody's", {"user_id": False, "team_id": cls.desk_south.id}),
                ("north desk, agent2's", {"user_id": cls.agent2.id, "team_id": cls.desk_north.id}),
                ("south desk, agent1's", {"user_id": cls.agent.id, "team_id": cls.desk_south.id}),
                ("nobody's", {"user_id": False, "team_id": False}),
            )
        }
        cls.post_walkin_email(cls.alone)


@tagged("post_install", "-at_install", "crm_access_policy_helpdesk")
class TestAdversarialTicketsAlone(TicketsAloneCommon):
    def test_the_setup_holds_the_secrets(self):
        self.assertFalse(self.alone.partner_id)
        self.assertEqual(self.alone.partner_email, ALONE_EMAIL)
        self.assertTrue(self.alone.with_user(self.agent).has_access("read"))

    def test_every_path_of_a_ticket_without_customer(self):
        self.assert_rows(ROWS, self.alone)

    def test_the_messages_of_the_ticket_show_its_e_mail_masked(self):
        self.assert_messages_masked(self.alone)

    def test_the_composer_does_not_suggest_the_own_e_mail(self):
        self.assert_suggestions_hidden(self.alone)

    def test_no_part_of_the_values_finds_the_ticket(self):
        self.assert_no_fragment_finds(self.alone, ["partner_email", "email_cc"])
        Ticket = self.as_agent()
        self.assertIn(self.alone, Ticket.search([("partner_email", "=ilike", ALONE_EMAIL)]))

    def test_the_portfolio_of_the_ticket_decides(self):
        fnames = ["partner_email"]
        full, masked = (ALONE_EMAIL,), ("w***@example.net",)
        self.assertEqual(self.read_as(self.agent2, self.alone, fnames), full)
        self.assertEqual(self.read_as(self.lead, self.alone, fnames), masked)
        self.assertEqual(self.read_as(self.manager, self.alone, fnames), full)
        expected = {
            "south desk, nobody's": masked,
            "north desk, agent2's": full,
            "south desk, agent1's": full,
            "nobody's": full,
        }
        for name, values in expected.items():
            with self.subTest(ticket=name):
                self.assertEqual(self.read_as(self.agent, self.others[name], fnames), values)
        # the leader of the North desk sees its tickets
        ticket = self.others["north desk, agent2's"]
        self.assertEqual(self.read_as(self.lead, ticket, fnames), full)

    def test_reading_counts_nobody_when_the_values_resolve_to_nobody(self):
        self.as_agent().browse(self.alone.id).read(["partner_email"])
        self.assertFalse(self.env["crm.access.log"].search([("user_id", "=", self.agent.id)]))

    def test_a_masked_value_sent_back_keeps_the_real_one(self):
        self.alone.with_user(self.agent).write({"partner_email": "w***@example.net"})
        self.assertEqual(self.alone.partner_email, ALONE_EMAIL)

    def test_the_mail_gateway_stores_the_real_address(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_context(default_team_id=self.desk_south.id)
            .message_new(
                {
                    "from": "visitor.two@example.net",
                    "subject": "A question",
                    "body": "<p>hello</p>",
                    "cc": "",
                }
            )
        )
        self.assertEqual(ticket.partner_email, "visitor.two@example.net")
        [row] = ticket.with_user(self.agent2).read(["partner_email"])
        self.assertEqual(row["partner_email"], "visitor.two@example.net")


@tagged("post_install", "-at_install", "crm_access_policy_helpdesk")
class TestAdversarialTicketsAloneRoutes(TicketsAloneCommon, HttpCase):
    """The ticket's chatter over HTTP, in agent1's own session."""

    def test_thread_messages(self):
        self.assert_thread_messages_masked(self.alone)

    def test_recipient_routes(self):
        self.assert_recipient_routes_hidden(self.alone)
