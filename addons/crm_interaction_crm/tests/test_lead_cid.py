from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged


class LeadCidCommon:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.Interaction = cls.env["crm.interaction"]
        cls.customer = cls.env["res.partner"].create(
            {"name": "مریم احمدی", "mobile": "09121112233", "email": "maryam@example.com"}
        )
        cls.channel_web_form = cls.env.ref("crm_interaction.crm_interaction_channel_web_form")

    def interactions_of(self, lead):
        return self.Interaction.search(
            [("link_ids.res_model", "=", "crm.lead"), ("link_ids.res_id", "=", lead.id)]
        )


@tagged("post_install", "-at_install", "crm_interaction_crm")
class TestLeadCid(LeadCidCommon, TransactionCase):
    def test_lead_resolves_its_customer_by_a_phone_typed_in_any_format(self):
        cases = [
            ({"phone": "۰۹۱۲ ۱۱۱ ۲۲۳۳"}, self.customer),
            ({"phone": "+98 912 111 2233"}, self.customer),
            ({"email_from": "Maryam@Example.com"}, self.customer),
            ({"email_from": "nobody@example.com"}, self.env["res.partner"]),
            ({"partner_id": self.customer.id}, self.customer),
        ]
        leads = self.Lead.create([dict(values, name="درخواست") for values, _c in cases])
        for lead, (values, customer) in zip(leads, cases, strict=True):
            with self.subTest(values=values):
                self.assertEqual(lead.cid_partner_id, customer)
                self.assertEqual(lead.cid, customer.cid or False)
        self.assertEqual(
            self.Lead.search([("cid", "=", self.customer.cid), ("id", "in", leads.ids)]),
            leads[:3] | leads[4],
            "the CID is searchable",
        )

    def test_keys_of_two_customers_leave_the_lead_without_cid(self):
        other = self.env["res.partner"].create({"name": "دیگری", "email": "other@example.com"})
        lead = self.Lead.create(
            {"name": "مبهم", "phone": "09121112233", "email_from": "other@example.com"}
        )
        self.assertFalse(lead.cid)
        lead.email_from = False
        self.assertEqual(lead.cid_partner_id, self.customer, "resolved again when keys change")
        self.assertTrue(other.cid)

    def test_lead_typed_by_an_employee_is_not_an_interaction(self):
        lead = self.Lead.create({"name": "تماس", "phone": "09121112233"})
        self.assertFalse(self.interactions_of(lead))

    def test_lead_from_a_form_is_one_inbound_interaction_on_the_cid(self):
        lead = self.Lead.with_context(crm_interaction_lead_channel="web_form").create(
            {"name": "درخواست پیش‌فاکتور", "phone": "0912-111-2233", "description": "<p>۱۰ عدد</p>"}
        )
        interaction = self.interactions_of(lead)
        self.assertRecordValues(
            interaction,
            [
                {
                    "channel_id": self.channel_web_form.id,
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                    "external_id": f"crm.lead/{lead.id}",
                    "subject": "درخواست پیش‌فاکتور",
                }
            ],
        )

    def test_unknown_visitor_waits_unidentified_and_links_itself_later(self):
        lead = self.Lead.with_context(crm_interaction_lead_channel="web_form").create(
            {"name": "بازدیدکننده", "email_from": "new.visitor@example.com"}
        )
        interaction = self.interactions_of(lead)
        self.assertEqual(interaction.match_state, "unmatched")
        newcomer = self.env["res.partner"].create(
            {"name": "تازه‌وارد", "email": "new.visitor@example.com"}
        )
        self.assertEqual(interaction.partner_id, newcomer)

    def test_conversion_finds_the_customer_by_mobile_instead_of_a_duplicate(self):
        lead = self.Lead.create(
            {"name": "خرید", "contact_name": "مریم", "phone": "+989121112233", "type": "lead"}
        )
        before = self.env["res.partner"].search_count([])
        lead._handle_partner_assignment(create_missing=True)
        self.assertEqual(lead.partner_id, self.customer)
        self.assertEqual(self.env["res.partner"].search_count([]), before)

    def test_conversion_of_an_unknown_customer_creates_one(self):
        lead = self.Lead.create(
            {"name": "خرید", "contact_name": "رضا", "phone": "09351234567", "type": "lead"}
        )
        lead._handle_partner_assignment(create_missing=True)
        self.assertEqual(lead.partner_id.name, "رضا")
        self.assertEqual(lead.cid, lead.partner_id.cid)
        second = self.Lead.create({"name": "دوباره", "phone": "۰۹۳۵۱۲۳۴۵۶۷", "type": "lead"})
        second._handle_partner_assignment(create_missing=True)
        self.assertEqual(second.partner_id, lead.partner_id)


@tagged("post_install", "-at_install", "crm_interaction_crm")
class TestLeadOverRpc(LeadCidCommon, HttpCase):
    def test_lead_created_over_xmlrpc_is_an_interaction_and_carries_the_cid(self):
        new_test_user(
            self.env, "lead_integrator", groups="sales_team.group_sale_salesman_all_leads"
        )
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, "lead_integrator", "lead_integrator", {}
        )
        lead_id = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            "lead_integrator",
            "crm.lead",
            "create",
            [{"name": "از سایت", "phone": "09121112233"}],
        )
        [values] = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, "lead_integrator", "crm.lead", "read", [[lead_id], ["cid"]]
        )
        self.assertEqual(values["cid"], self.customer.cid)
        lead = self.Lead.browse(lead_id)
        self.assertEqual(self.interactions_of(lead).partner_id, self.customer)


@tagged("post_install", "-at_install", "crm_interaction_crm")
class TestLeadMassConversion(LeadCidCommon, TransactionCase):
    """The customers a mass conversion creates at once are those made lead by lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env, "mass_convert_salesperson", groups="sales_team.group_sale_salesman"
        )

    def convert(self, leads):
        wizard = (
            self.env["crm.lead2opportunity.partner.mass"]
            .with_context(active_model="crm.lead", active_ids=leads.ids, active_id=leads.ids[0])
            .create({"deduplicate": False, "user_id": self.salesperson.id})
        )
        self.assertEqual(wizard.action, "each_exist_or_create")
        wizard.action_mass_convert()

    def test_each_new_customer_is_made_once_with_the_lead_values(self):
        leads = self.Lead.create(
            [
                {"name": "اول", "contact_name": "رضا", "phone": "09351234567", "city": "قم"},
                {"name": "دوم", "email_from": "Sara Karimi <sara@example.com>"},
                {"name": "سوم", "phone": "۰۹۳۶ ۱۲۳ ۴۵۶۷", "description": "<p>تماس</p>"},
            ]
        )
        partners_before = self.env["res.partner"].search([])
        self.convert(leads)
        created = self.env["res.partner"].search([]) - partners_before
        self.assertEqual(leads.partner_id, created)
        self.assertEqual(len(created), 3)
        self.assertRecordValues(
            leads.partner_id,
            [
                {"name": "رضا", "email": False, "city": "قم", "comment": False},
                {
                    "name": "Sara Karimi",
                    "email": "sara@example.com",
                    "city": False,
                    "comment": False,
                },
                {"name": "سوم", "email": False, "city": False, "comment": "<p>تماس</p>"},
            ],
        )
        for lead in leads:
            self.assertEqual(lead.partner_id.user_id, self.salesperson)
            self.assertFalse(lead.partner_id.parent_id)
            self.assertTrue(lead.partner_id.cid)
            self.assertEqual(lead.cid, lead.partner_id.cid)
            self.assertEqual(lead.type, "opportunity")
        self.assertEqual(
            self.env["res.partner"].cid_resolve({"phone": "09361234567"})["partner_id"],
            leads[2].partner_id.id,
            "the keys of the customers are synced",
        )

    def test_known_keys_shared_keys_and_company_names_are_converted_one_by_one(self):
        leads = self.Lead.create(
            [
                {"name": "آشنا", "contact_name": "مریم", "phone": "+989121112233"},
                {"name": "الف", "contact_name": "علی", "phone": "09131234567"},
                {"name": "ب", "email_from": "ali@example.com", "phone": "0913 123 4567"},
                {"name": "شرکت", "partner_name": "شرکت نمونه", "contact_name": "نرگس"},
                {"name": "تازه", "contact_name": "حسن", "email_from": "hasan@example.com"},
                {"name": "تازه ۲", "contact_name": "زهرا", "phone": "09171234567"},
            ]
        )
        partners_before = self.env["res.partner"].search([])
        self.convert(leads)
        created = self.env["res.partner"].search([]) - partners_before
        self.assertEqual(leads[0].partner_id, self.customer, "found by its mobile")
        self.assertEqual(leads[1].partner_id, leads[2].partner_id, "one customer for a shared key")
        self.assertEqual(leads[1].partner_id.name, "علی")
        self.assertEqual(leads[3].partner_id.name, "نرگس")
        self.assertEqual(leads[3].partner_id.parent_id.name, "شرکت نمونه")
        self.assertEqual(leads[4:].partner_id.mapped("name"), ["حسن", "زهرا"])
        self.assertEqual(
            created,
            leads[1:].partner_id | leads[3].partner_id.parent_id,
            "no other customer is created",
        )

    def test_a_caller_cannot_hand_a_lead_a_customer_through_the_context(self):
        # the customers made at once reach the conversion by a server-side
        # variable: a context key of that name is ignored
        lead = self.Lead.create({"name": "بی‌نام", "contact_name": "کاوه", "phone": "09191234567"})
        wizard = (
            self.env["crm.lead2opportunity.partner.mass"]
            .with_context(
                active_model="crm.lead",
                active_ids=lead.ids,
                active_id=lead.id,
                crm_interaction_premade_customers={lead.id: self.customer.id},
            )
            .create({"deduplicate": False, "user_id": self.salesperson.id})
        )
        wizard.action_mass_convert()
        self.assertNotEqual(lead.partner_id, self.customer)
        self.assertEqual(lead.partner_id.name, "کاوه")
