"""The customer a typed e-mail resolves to, on agent1's own ticket.

Agent1 saves their own ticket without customer with the South customer's
e-mail typed on it (rows of ``crm_access_policy.tests.cid_oracle_alone``):
the ticket tells agent1 nobody.
"""

from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.cid_oracle_alone import CidOracleMixin

from .test_adversarial_tickets_alone import TicketsAloneCommon


@tagged("post_install", "-at_install", "crm_access_policy_helpdesk")
class TestAdversarialTicketCid(TicketsAloneCommon, CidOracleMixin):
    cid_value_fields = {"email": "partner_email"}  # noqa: RUF012

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_cid_oracle({"description": "<p>a question</p>"})

    def test_the_setup_resolves_the_south_customer(self):
        self.assert_cid_setup()

    def test_every_path_tells_agent1_nobody(self):
        self.assert_cid_told_nobody()

    def test_the_portfolio_sees_the_customer(self):
        for user in (self.agent2, self.manager):
            with self.subTest(user=user.login):
                self.assert_cid_told_the_portfolio(user)

    def test_agent1_groups_them_under_no_customer(self):
        self.assert_cid_groups_under_no_customer()

    def test_reading_many_costs_what_reading_one_does(self):
        self.assert_cid_read_costs_one_query()

    def test_the_customer_chosen_stays(self):
        self.assert_cid_chosen_customer_stays()
