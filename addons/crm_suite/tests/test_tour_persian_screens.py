"""A Persian user reads the suite's main screens in Persian, every word of them."""

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

# The screens, each opened by its own tour (crm_suite_persian_screens.js).
SCREENS = {
    "customers": ("crm_suite_fa_customers", "/odoo/action-crm_suite.crm_suite_action_customers"),
    "interactions": (
        "crm_suite_fa_interactions",
        "/odoo/action-crm_interaction.crm_interaction_action",
    ),
    "letters": ("crm_suite_fa_letters", "/odoo/action-secretariat.secretariat_letter_action"),
    "price check": (
        "crm_suite_fa_price_check",
        "/odoo/action-crm_price_consistency.crm_price_quote_action",
    ),
    "statement": (
        "crm_suite_fa_statement",
        "/odoo/action-crm_ledger.crm_ledger_statement_action",
    ),
}


@tagged("post_install", "-at_install", "crm_suite")
class TestPersianScreensTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lang = cls.env["res.lang"].with_context(active_test=False)
        if not Lang.search([("code", "=", "fa_IR"), ("active", "=", True)]):
            # activating a language loads its catalogues for every installed addon
            Lang._activate_and_install_lang("fa_IR")
        # the suite's own catalogue again, with the Odoo terms it completes,
        # in case the language was active before the suite was updated
        cls.env["ir.module.module"]._load_module_terms(["crm_suite"], ["fa_IR"])
        if "website" in cls.env:
            # the login page is a page of the website, in its language (as in
            # the demo database, whose website speaks Persian)
            persian = cls.env["res.lang"]._lang_get("fa_IR")
            cls.env["website"].search([]).write(
                {"language_ids": [Command.set(persian.ids)], "default_lang_id": persian.id}
            )
        grade = cls.env.ref("partnership.field_res_partner__grade_id", raise_if_not_found=False)
        if grade:
            # Odoo's partnership, not part of the suite, is in the test
            # database for Odoo's crm budgets (test_crm_full): it adds its
            # "Partner Level" to the customer form, and Odoo's Persian
            # catalogue leaves it in English
            grade.update_field_translations("field_description", {"fa_IR": "سطح همکار"})
            cls.env.registry.clear_cache("stable")
            cls.addClassCleanup(cls.env.registry.clear_cache, "stable")

        # the office's own name, as the demo database has it
        cls.env.company.name = "شرکت آرمان تجارت"
        cls.user = new_test_user(
            cls.env,
            "crm_suite_fa_user",
            password="crm-suite-Fa-1",
            name="پریسا امینی",
            lang="fa_IR",
            tz="Asia/Tehran",
            groups=",".join(
                [
                    "base.group_user",
                    "base.group_partner_manager",
                    "crm_access_policy.group_crm_manager",
                    "crm_cid.group_cid_manager",
                    "crm_interaction.group_interaction_manager",
                    "secretariat.group_secretariat_manager",
                    "crm_price_consistency.group_price_user",
                    "sales_team.group_sale_salesman",
                    "account.group_account_invoice",
                    # the chatter's gateway button
                    "mail_gateway.gateway_user",
                ]
            ),
        )
        Partner = cls.env["res.partner"].with_context(tracking_disable=True)
        cls.customer = Partner.create(
            {
                "name": "شرکت کیمیا گستر",
                "is_company": True,
                "email": "info@kimia.example",
                "mobile": "09121234567",
                "city": "تهران",
                "country_id": cls.env.ref("base.ir").id,
                "user_id": cls.user.id,
            }
        )
        Partner.create(
            {"name": "نرگس صالحی", "parent_id": cls.customer.id, "mobile": "09351112233"}
        )
        cls.env["crm.interaction"].create(
            {
                "channel_id": cls.env.ref("crm_interaction.crm_interaction_channel_phone").id,
                "partner_id": cls.customer.id,
                "subject": "پیگیری سفارش دستگاه",
                "user_id": cls.user.id,
            }
        )
        cls.env["secretariat.letter"].create(
            {
                "kind": "incoming",
                "secretariat_id": cls.env.ref("secretariat.secretariat_main").id,
                "partner_id": cls.customer.id,
                "subject": "درخواست پیش‌فاکتور",
            }
        )
        product = cls.env["product.product"].create(
            {"name": "دستگاه تصفیه آب", "list_price": 25_000_000, "type": "service"}
        )
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": product.id, "price_unit": 25_000_000, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()

    def test_every_screen_is_persian(self):
        """One test for every screen: the web client's assets are built once."""
        with self.subTest(screen="login page"):
            # a visitor whose browser asks for Persian
            self.start_tour(
                "/web/login", "crm_suite_fa_login", login=None, cookies={"frontend_lang": "fa_IR"}
            )
        screens = dict(SCREENS)
        screens["customer form"] = (
            "crm_suite_fa_customer",
            f"/odoo/action-crm_suite.crm_suite_action_customers/{self.customer.id}",
        )
        for screen, (tour, url) in screens.items():
            with self.subTest(screen=screen):
                self.start_tour(url, tour, login=self.user.login)
