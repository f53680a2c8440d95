from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy_crm")
class TestCardOpportunities(AccessPolicyCommon):
    def test_card_counts_open_opportunities_of_the_customer_and_its_contacts(self):
        contact = self.env["res.partner"].create(
            {"name": "South buyer", "parent_id": self.south.id}
        )
        Lead = self.env["crm.lead"]
        leads = Lead.create(
            [
                {"name": "Big deal", "type": "opportunity", "partner_id": self.south.id},
                {"name": "Via the buyer", "type": "opportunity", "partner_id": contact.id},
                {"name": "Lost one", "type": "opportunity", "partner_id": self.south.id},
                {"name": "Only a lead", "type": "lead", "partner_id": self.south.id},
                {"name": "Elsewhere", "type": "opportunity", "partner_id": self.north.id},
            ]
        )
        leads[2].action_set_lost()
        card = self.env["res.partner"].with_user(self.agent).crm_access_limited_card(self.south.id)
        self.assertEqual(card["open_opportunity_count"], 2)
        self.assertNotIn("Big deal", repr(card))
