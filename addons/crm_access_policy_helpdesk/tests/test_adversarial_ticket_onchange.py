"""A ticket's form round-trip (``onchange``), tried by an agent of another desk.

Agent1 (desk North) tries agent2's ticket without customer of desk South and
agent2's ticket of the South customer (rows of
``crm_access_policy.tests.onchange_alone``).
"""

from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.onchange_alone import OnchangeAloneMixin

from .test_adversarial_tickets_alone import TicketsAloneCommon

TICKET_FORM_SPEC = {
    "name": {},
    "partner_name": {},
    "partner_email": {},
    "email_cc": {},
    "user_id": {},
    "team_id": {},
}


@tagged("post_install", "-at_install", "crm_access_policy_helpdesk")
class TestAdversarialTicketOnchange(TicketsAloneCommon, OnchangeAloneMixin):
    onchange_spec = TICKET_FORM_SPEC
    onchange_email_field = "partner_email"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_onchange(
            {
                "name": "Ticket of the south",
                "description": "<p>a question</p>",
                "partner_email": cls.south.email,
            }
        )

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

    def test_values_typed_on_a_new_ticket_come_back_as_typed(self):
        typed = "typed.visitor@example.org"
        result = self.as_agent().onchange(
            {"partner_email": typed, "description": "<p>q</p>"}, [], TICKET_FORM_SPEC
        )
        self.assertEqual(result["value"]["partner_email"], typed)
