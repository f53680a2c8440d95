"""A ticket without customer, tried by an agent of another team.

Agent1 (helpdesk team North) reads every ticket (OCA Helpdesk's "All
tickets" right) and tries the ticket of agent2 (helpdesk team South) that
an e-mail left without customer. One row per read path: ``masked``,
``refused`` or ``hidden`` (see ``crm_access_policy.tests.copies_alone``).
"""

from typing import ClassVar

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_access_policy.tests.copies_alone import (
    ALONE_EMAIL,
    CopiesAloneCommon,
    alone_rows,
)

TICKET_SPEC = {"name": {}, "partner_email": {}, "email_cc": {}}

ROWS = alone_rows(
    TICKET_SPEC,
    ["partner_email", "email_cc"],
    ["partner_email"],
    "partner_email",
    [[("partner_email", "ilike", "walkin.vis")], [("email_cc", "=like", "walkin%")]],
)


class TicketsAloneCommon(CopiesAloneCommon):
    """Agent2's ticket of desk South without customer, and its chatter."""

    copied_model = "helpdesk.ticket"
    alone_values: ClassVar[dict] = {
        "description": "<p>a question</p>",
        "partner_email": ALONE_EMAIL,
        "email_cc": f"Visitor <{ALONE_EMAIL}>",
    }
    alone_fields: ClassVar[list] = ["partner_email"]
    fragment_fields: ClassVar[list] = ["partner_email", "email_cc"]
    read_all_group = "helpdesk_mgmt.group_helpdesk_user"
    team_word = "desk"

    @classmethod
    def portfolio_teams(cls):
        Team = cls.env["helpdesk.ticket.team"]
        north = Team.create(
            {"name": "Desk North", "user_id": cls.lead.id, "user_ids": [(6, 0, cls.agent.ids)]}
        )
        south = Team.create({"name": "Desk South", "user_ids": [(6, 0, cls.agent2.ids)]})
        return north, south


@tagged("post_install", "-at_install", "crm_access_policy_helpdesk")
class TestAdversarialTicketsAlone(TicketsAloneCommon):
    def test_the_setup_holds_the_secrets(self):
        self.check_the_setup_holds_the_secrets()

    def test_every_path_of_a_ticket_without_customer(self):
        self.assert_rows(ROWS, self.alone)

    def test_the_messages_of_the_ticket_show_its_e_mail_masked(self):
        self.assert_messages_masked(self.alone)

    def test_the_values_quoted_in_the_ticket_description_are_masked(self):
        self.assert_description_masked(self.alone)

    def test_the_composer_does_not_suggest_the_own_e_mail(self):
        self.assert_suggestions_hidden(self.alone)

    def test_no_part_of_the_values_finds_the_ticket(self):
        self.check_no_part_of_the_values_finds_the_record()

    def test_the_portfolio_of_the_ticket_decides(self):
        self.check_the_portfolio_of_the_record_decides()

    def test_reading_counts_nobody_when_the_values_resolve_to_nobody(self):
        self.as_agent().browse(self.alone.id).read(["partner_email"])
        self.assertFalse(self.env["crm.access.log"].search([("user_id", "=", self.agent.id)]))

    def test_a_masked_value_sent_back_keeps_the_real_one(self):
        self.check_a_masked_value_sent_back_keeps_the_real_one()

    def test_the_mail_gateway_stores_the_real_address(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_context(default_team_id=self.portfolio_south.id)
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
