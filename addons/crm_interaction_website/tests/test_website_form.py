from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

# a national code with a valid check digit
NATIONAL_ID = "0012345679"


@tagged("post_install", "-at_install", "crm_interaction_website")
class TestWebsiteContactForm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.Interaction = cls.env["crm.interaction"]
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "مریم احمدی",
                "mobile": "09121112233",
                "email": "maryam@example.com",
                "national_id": NATIONAL_ID,
            }
        )
        cls.web_form = cls.env.ref("crm_interaction.crm_interaction_channel_web_form")
        cls.salesman = new_test_user(
            cls.env,
            "website_lead_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
            email="salesman@example.org",
        )

    def interactions_of(self, lead):
        return self.Interaction.search(
            [("link_ids.res_model", "=", "crm.lead"), ("link_ids.res_id", "=", lead.id)]
        )

    def customer_web_forms(self):
        return self.Interaction.search(
            [("partner_id", "=", self.customer.id), ("channel_id", "=", self.web_form.id)]
        )

    def send_form(self, **values):
        """Post the website form that creates leads, as a visitor; return the lead."""
        self.authenticate(None, None)
        data = {
            "contact_name": "بازدیدکننده",
            "name": "درخواست",
            "description": "سلام",
            "csrf_token": http.Request.csrf_token(self),
            **values,
        }
        response = self.url_open("/website/form/crm.lead", data=data)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(list(response.json()), ["id"], "the visitor gets the lead id only")
        return self.Lead.browse(response.json()["id"])

    def test_contact_form_tour_with_a_mobile_in_persian_digits(self):
        # Odoo's own editor tour turns the contact form into "Create an Opportunity"
        self.start_tour(
            self.env["website"].get_client_action_url("/contactus"),
            "website_crm_pre_tour",
            login="admin",
        )
        self.start_tour("/contactus", "crm_interaction_website_contact_form", login=None)
        lead = self.Lead.search([("email_from", "=", "maryam.home@example.org")])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.phone, "۰۹۱۲ ۱۱۱ ۲۲۳۳")
        self.assertEqual(lead.cid, self.customer.cid)
        self.assertRecordValues(
            self.interactions_of(lead),
            [
                {
                    "channel_id": self.web_form.id,
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                    "external_id": f"crm.lead/{lead.id}",
                }
            ],
        )
        self.assertEqual(len(self.customer_web_forms()), 1, "one interaction, not two")

    def test_form_resolves_by_email_or_national_id_in_any_format(self):
        cases = [
            {"email_from": "Maryam@Example.COM"},
            {"email_from": "someone@example.org", "national_id": "۰۰۱-۲۳۴۵۶۷-۹"},
            {"email_from": "someone.else@example.org", "phone": "+98 912 111 2233"},
        ]
        for values in cases:
            with self.subTest(values=values):
                lead = self.send_form(**values)
                self.assertEqual(lead.cid, self.customer.cid)
                self.assertEqual(self.interactions_of(lead).partner_id, self.customer)
        self.assertEqual(len(self.customer_web_forms()), len(cases))

    def test_unknown_visitor_waits_unidentified(self):
        lead = self.send_form(email_from="new.visitor@example.org", national_id="0023456787")
        self.assertFalse(lead.cid)
        interaction = self.interactions_of(lead)
        self.assertEqual(interaction.match_state, "unmatched")
        newcomer = self.env["res.partner"].create({"name": "تازه‌وارد", "national_id": "0023456787"})
        self.assertEqual(interaction.partner_id, newcomer, "linked once the key appears")

    def test_salesman_cannot_read_or_search_the_national_id(self):
        lead = self.send_form(email_from="someone@example.org", national_id=NATIONAL_ID)
        as_salesman = lead.with_user(self.salesman)
        self.assertEqual(as_salesman.cid, self.customer.cid, "the CID is not sensitive")
        with self.assertRaises(AccessError):
            as_salesman.read(["national_id"])
        with self.assertRaises(AccessError):
            self.Lead.with_user(self.salesman).search([("national_id", "=", NATIONAL_ID)])
        with self.assertRaises(AccessError):
            self.Lead.with_user(self.salesman).create({"name": "x", "national_id": NATIONAL_ID})

    def test_lead_recorded_by_a_salesman_is_matched_without_reading_sensitive_fields(self):
        lead = (
            self.Lead.with_user(self.salesman)
            .with_context(crm_interaction_lead_channel="web_form")
            .create({"name": "تماس", "phone": "۰۹۱۲۱۱۱۲۲۳۳"})
        )
        self.assertEqual(lead.cid, self.customer.cid)
        self.assertEqual(self.interactions_of(lead).partner_id, self.customer)
