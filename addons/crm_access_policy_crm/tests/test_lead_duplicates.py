from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_access_policy.models.crm_access_masked_bound import SERVER_LOOKUP
from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy_crm")
class TestLeadDuplicates(AccessPolicyCommon):
    """crm's searches for the duplicates of a lead (assignment, conversion,
    merge, the form's similar leads) and for its customer (conversion) search
    the lead's own e-mail and phone: not a list of values a user typed, so
    they are neither bound nor counted in the searched values."""

    def test_duplicates_and_customers_of_many_leads_are_not_counted(self):
        self.set_param("search_threshold", "2")
        self.agent.group_ids |= self.env.ref("sales_team.group_sale_salesman")
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Walk-in {n}",
                    "email_from": f"walkin{n}@example.com",
                    "phone": f"0912000010{n}",
                    "user_id": self.agent.id,
                }
                for n in range(5)
            ]
        )
        for lead in leads.with_user(self.agent):
            self.assertEqual(lead._get_lead_duplicates(email=lead.email_from), lead)
            self.assertFalse(lead._find_matching_partner())
            # the form's count of similar leads
            lead.invalidate_recordset(["duplicate_lead_count"])
            self.assertEqual(lead.duplicate_lead_count, 0)
        self.assertFalse(SERVER_LOOKUP.get())
        self.assertFalse(
            self.env["crm.access.search.log"].search([("user_id", "=", self.agent.id)])
        )
        # the agent's own searches are still counted, and refused past the threshold
        Partner = self.env["res.partner"].with_user(self.agent)
        with self.enter_registry_test_mode(), self.assertRaises(AccessError):
            Partner.search([("mobile", "in", ["09120000201", "09120000202", "09120000203"])])
