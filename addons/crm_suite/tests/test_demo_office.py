"""The demo database shows a Persian office: Odoo's generic contacts are archived."""

from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_suite")
class TestDemoOffice(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].with_context(tracking_disable=True)
        Data = cls.env["ir.model.data"]

        def with_xmlid(partner, module, name):
            Data.create(
                {"module": module, "name": name, "model": partner._name, "res_id": partner.id}
            )
            return partner

        # as Odoo's demo data has them: an English company, its employee
        cls.generic = with_xmlid(
            Partner.create(
                {"name": "Wood Corner", "is_company": True, "email": "wood@example.com"}
            ),
            "base",
            "crm_suite_test_generic",
        )
        cls.generic_contact = Partner.create({"name": "Willie Burke", "parent_id": cls.generic.id})
        # the suite's own Persian customer, and one typed by a user
        cls.persian = with_xmlid(
            Partner.create({"name": "شرکت فولاد پارس", "is_company": True}),
            "crm_suite",
            "crm_suite_test_persian",
        )
        cls.typed = Partner.create({"name": "مریم کاظمی"})
        channel = cls.env.ref("crm_interaction.crm_interaction_channel_phone")
        cls.generic_call = cls.env["crm.interaction"].create(
            {"channel_id": channel.id, "partner_id": cls.generic.id, "subject": "Inquiry"}
        )
        cls.persian_call = cls.env["crm.interaction"].create(
            {"channel_id": channel.id, "partner_id": cls.persian.id, "subject": "پیگیری سفارش"}
        )

    def test_generic_contacts_are_archived_and_the_office_stays(self):
        archived = self.env["res.partner"]._crm_suite_demo_hide_generic_contacts()
        self.assertIn(self.generic, archived)
        self.assertIn(self.generic_contact, archived)
        self.assertFalse(self.generic.active)
        self.assertFalse(self.generic_contact.active)
        for partner in (
            self.persian,
            self.typed,
            self.env.ref("base.partner_admin"),  # a user's contact: renamed, not archived
            self.env.company.partner_id,
        ):
            with self.subTest(partner=partner.name):
                self.assertTrue(partner.active)
        # the interaction logged with the generic company goes with it
        self.assertFalse(self.generic_call.exists())
        self.assertTrue(self.persian_call.exists())
        self.assertFalse(
            self.env["crm.cid.key"]
            .with_context(active_test=False)
            .search([("partner_id", "=", self.generic.id)])
        )

    def test_the_step_is_not_callable_over_rpc(self):
        # a demo-building step, run from the shell: no user or integrator runs it
        user = new_test_user(self.env, "crm_suite_demo_agent", groups="base.group_user")
        with self.assertRaises(AccessError):
            get_public_method(
                self.env["res.partner"].with_user(user), "_crm_suite_demo_hide_generic_contacts"
            )
        self.assertTrue(self.generic.active)
