"""The customer a typed value resolves to, on agent1's own lead.

Agent1 saves their own lead without customer with the South customer's
mobile or e-mail typed on it (rows of
``crm_access_policy.tests.cid_oracle_alone``): the lead tells agent1 nobody,
nor does the conversion wizard propose the South customer.
"""

from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.cid_oracle_alone import CidOracleMixin
from odoo.addons.crm_access_policy.tests.test_adversarial_read import SOUTH_MOBILE

from .test_adversarial_leads_alone import LeadsAloneCommon


@tagged("post_install", "-at_install", "crm_access_policy_crm")
class TestAdversarialLeadCid(LeadsAloneCommon, CidOracleMixin):
    cid_value_fields = {"email": "email_from", "mobile": "phone"}  # noqa: RUF012

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_cid_oracle({"type": "lead"})

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

    def test_the_conversion_proposes_nobody(self):
        Convert = self.env["crm.lead2opportunity.partner"]
        for kind, lead in self.cid_typed.items():
            for user, proposed in (
                (self.agent, self.env["res.partner"]),
                (self.agent2, self.south),
                (self.manager, self.south),
            ):
                with self.subTest(kind=kind, user=user.login):
                    wizard = (
                        Convert.with_user(user)
                        .with_context(
                            active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
                        )
                        .new({"lead_id": lead.id})
                    )
                    self.assertEqual(wizard.partner_id, proposed)
                    self.assertEqual(wizard.action, "exist" if proposed else "create")

    def test_the_interaction_of_a_lead_sent_in_names_nobody_to_agent1(self):
        # a lead agent1 sends in as a contact form would (over RPC): it is
        # recorded as the South customer's inbound interaction, which has no
        # responsible and is outside agent1's portfolio
        lead = (
            self.env["crm.lead"]
            .with_user(self.agent)
            .with_context(crm_interaction_lead_channel="web_form")
            .create({"name": "Sent in by agent1", "phone": SOUTH_MOBILE})
        )
        Interaction = self.env["crm.interaction"]
        [recorded] = Interaction.search([("external_id", "=", f"crm.lead/{lead.id}")])
        self.assertEqual(recorded.commercial_partner_id, self.south)
        as_agent = Interaction.with_user(self.agent)
        self.assertFalse(as_agent.search([("external_id", "=", f"crm.lead/{lead.id}")]))
        self.assertNotIn(recorded, as_agent.search([("commercial_partner_id", "=", self.south.id)]))
        self.assertFalse(recorded.with_user(self.agent).has_access("read"))
        self.assertTrue(recorded.with_user(self.agent2).has_access("read"))
