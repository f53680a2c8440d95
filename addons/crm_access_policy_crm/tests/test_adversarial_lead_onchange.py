"""A lead's form round-trip (``onchange``), tried by an agent of another team.

Agent1 (team North) tries agent2's lead without customer of team South and
agent2's lead of the South customer (rows of
``crm_access_policy.tests.onchange_alone``), and the similar leads the form
counts for the e-mail and phone agent1 types.
"""

from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.copies_alone import ALONE_EMAIL
from odoo.addons.crm_access_policy.tests.onchange_alone import OnchangeAloneMixin

from .test_adversarial_leads_alone import LEAD_SPEC, LeadsAloneCommon

LEAD_FORM_SPEC = {
    **LEAD_SPEC,
    "email_cc": {},
    "user_id": {},
    "team_id": {},
    "duplicate_lead_count": {},
    "duplicate_lead_ids": {"fields": {"display_name": {}, "email_from": {}, "phone": {}}},
}


@tagged("post_install", "-at_install", "crm_access_policy_crm")
class TestAdversarialLeadOnchange(LeadsAloneCommon, OnchangeAloneMixin):
    onchange_spec = LEAD_FORM_SPEC
    onchange_email_field = "email_from"
    onchange_phone_field = "phone"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_onchange({"name": "Opportunity of the south", "type": "opportunity"})

    def test_the_setup_holds_the_secrets(self):
        self.assert_onchange_setup()

    def test_every_onchange_of_the_form(self):
        self.assert_onchange_masked()

    def test_a_customer_chosen_outside_the_portfolio_comes_masked(self):
        self.assert_chosen_customer_masked()

    def test_a_typed_value_tells_nobody_its_owner(self):
        self.assert_typed_values_tell_nothing()

    def test_the_portfolio_finds_the_owner_of_a_typed_value(self):
        self.assert_portfolio_finds_the_owner()

    def test_the_update_flags_compare_for_the_portfolio(self):
        # agent2 sees the South customer in full: crm's flags compare the
        # typed values with the customer's, as before
        Lead = self.env["crm.lead"].with_user(self.agent2)
        spec = dict(LEAD_FORM_SPEC, partner_email_update={}, partner_phone_update={})
        for typed, expected in ((self.south.email, False), ("other.buyer@example.com", True)):
            with self.subTest(typed=typed):
                result = Lead.browse(self.of_south.id).onchange(
                    {"email_from": typed}, ["email_from"], spec
                )
                self.assertEqual(result["value"].get("partner_email_update", False), expected)

    def test_the_portfolio_gets_the_values(self):
        iran = self.env.ref("base.ir").id
        result = self.alone.with_user(self.agent2).onchange(
            {"country_id": iran}, ["country_id"], LEAD_FORM_SPEC
        )
        self.assertEqual(result["value"]["phone"], "+98 935 123 4567")
        self.assertNotIn("*", result["value"]["phone"])

    def test_the_round_trip_counts_the_customer_of_the_lead_shown(self):
        self.env["crm.access.log"].search([]).unlink()
        # the form sends a customer of agent1's: the lead shown is still the
        # South one's
        self.as_agent().browse(self.of_south.id).onchange(
            {"partner_id": self.own.id, "country_id": self.env.ref("base.ir").id},
            ["country_id"],
            LEAD_FORM_SPEC,
        )
        self.env["crm.access.log"]._flush_reads(force=True)
        self.assertTrue(self.log_of_south())

    def test_values_typed_on_a_new_lead_come_back_as_typed(self):
        Lead = self.as_agent()
        typed = {"email_from": "typed.visitor@example.org", "phone": "09121112222"}
        result = Lead.onchange(dict(typed), [], LEAD_FORM_SPEC)
        self.assertEqual(result["value"]["email_from"], typed["email_from"])
        self.assertEqual(result["value"]["phone"], typed["phone"])
        # typed on the form of agent2's lead, the new e-mail comes back as typed
        result = Lead.browse(self.alone.id).onchange(
            {"email_from": typed["email_from"]}, ["email_from"], LEAD_FORM_SPEC
        )
        self.assertNotIn("walkin.visitor", repr(result))
        self.assertEqual(result["value"].get("email_normalized"), typed["email_from"])

    def test_similar_leads_of_typed_values_are_counted(self):
        Searched = self.env["crm.access.search.log"].sudo()
        Lead = self.as_agent()
        with self.enter_registry_test_mode():
            Searched.search([("user_id", "=", self.agent.id)]).unlink()
            result = Lead.onchange({"email_from": ALONE_EMAIL}, [], LEAD_FORM_SPEC)
            # the whole number still finds the similar leads, counted as searched
            self.assertTrue(result["value"]["duplicate_lead_count"])
            self.assertTrue(Searched.search([("user_id", "=", self.agent.id)]))

    def test_similar_leads_of_a_masked_lead_tell_no_value(self):
        spec = {"duplicate_lead_count": {}, "duplicate_lead_ids": {"fields": {"display_name": {}}}}
        north_nobodys = self.others["north team, nobody's"]
        south_nobodys = self.others["south team, nobody's"]

        def similar(user, record):
            [row] = record.with_user(user).web_read(spec)
            return [line["id"] for line in row["duplicate_lead_ids"]], row["duplicate_lead_count"]

        # agent1 sees the North lead in full: among the similar leads of
        # agent2's, it would tell the values they share
        ids, count = similar(self.agent, self.alone)
        self.assertNotIn(north_nobodys.id, ids)
        self.assertIn(south_nobodys.id, ids)
        self.assertEqual(count, len(ids) - 1)
        # nor through the form's round-trip
        result = (
            self.as_agent()
            .browse(self.alone.id)
            .onchange({"country_id": self.env.ref("base.ir").id}, ["country_id"], LEAD_FORM_SPEC)
        )
        self.assertNotIn(f"'id': {north_nobodys.id}", repr(result))
        # the salesperson of the lead sees them all; agent1 too on a lead of
        # their own team
        ids, count = similar(self.agent2, self.alone)
        self.assertIn(north_nobodys.id, ids)
        ids, count = similar(self.agent, north_nobodys)
        self.assertIn(self.alone.id, ids)
