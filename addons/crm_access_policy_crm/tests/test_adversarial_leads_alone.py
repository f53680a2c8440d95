"""A lead without customer, tried by an agent of another team.

Agent1 (team North) reads every lead (Odoo's "All documents" right) and
tries the lead of agent2 (team South) that a website form left without
customer. One row per read path: ``masked``, ``refused`` or ``hidden`` (see
``crm_access_policy.tests.copies_alone``).
"""

from typing import ClassVar

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_access_policy.tests.copies_alone import (
    ALONE_EMAIL,
    ALONE_PHONE,
    CopiesAloneCommon,
    alone_rows,
)
from odoo.addons.crm_access_policy.tests.test_adversarial_read import SOUTH_EMAIL

COPIED = ["email_from", "phone", "email_normalized", "phone_sanitized"]
LEAD_SPEC = {fname: {} for fname in ("name", *COPIED, "email_domain_criterion")}

ROWS = alone_rows(
    LEAD_SPEC,
    COPIED,
    ["email_from", "phone"],
    "email_from",
    [
        [("email_from", "ilike", "walkin.vis")],
        [("phone_mobile_search", "ilike", "0935123")],
        [("email_from", "not ilike", "walkin.vis")],
    ],
    read_all=True,
)


class LeadsAloneCommon(CopiesAloneCommon):
    """Agent2's lead of team South without customer, and its chatter."""

    copied_model = "crm.lead"
    alone_values: ClassVar[dict] = {"email_from": ALONE_EMAIL, "phone": ALONE_PHONE, "type": "lead"}
    alone_fields: ClassVar[list] = ["email_from", "phone"]
    fragment_fields: ClassVar[list] = ["email_from", "phone", "email_normalized"]
    read_all_group = "sales_team.group_sale_salesman_all_leads"

    @classmethod
    def portfolio_teams(cls):
        return cls.team_north, cls.team_south


@tagged("post_install", "-at_install", "crm_access_policy_crm")
class TestAdversarialLeadsAlone(LeadsAloneCommon):
    def test_the_setup_holds_the_secrets(self):
        self.check_the_setup_holds_the_secrets()

    def test_every_path_of_a_lead_without_customer(self):
        self.assert_rows(ROWS, self.alone)

    def test_the_messages_of_the_lead_show_its_e_mail_masked(self):
        self.assert_messages_masked(self.alone)

    def test_the_values_quoted_in_the_lead_description_are_masked(self):
        self.assert_description_masked(self.alone)

    def test_the_composer_does_not_suggest_the_own_e_mail(self):
        self.assert_suggestions_hidden(self.alone)

    def test_no_part_of_the_values_finds_the_lead(self):
        self.check_no_part_of_the_values_finds_the_record()

    def test_the_portfolio_of_the_lead_decides(self):
        self.check_the_portfolio_of_the_record_decides()

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
        self.check_a_masked_value_sent_back_keeps_the_real_one()

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
