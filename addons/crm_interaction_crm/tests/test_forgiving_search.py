from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "crm_interaction_crm")
class TestLeadForgivingSearch(TransactionCase):
    def test_lead_name_typed_with_persian_letters_and_digits_is_found(self):
        Lead = self.env["crm.lead"].with_context(tracking_disable=True)
        leads = Lead.create([{"name": "فروش ۲۰ دستگاه پرينتر"}, {"name": "تمدید قرارداد"}])
        domain = [("id", "in", leads.ids)]
        self.assertEqual(Lead.search([*domain, ("name", "ilike", "20 دستگاه پرینتر")]), leads[0])
        found = Lead.name_search("پرینتر", domain)
        self.assertEqual([row[0] for row in found], leads[0].ids)
