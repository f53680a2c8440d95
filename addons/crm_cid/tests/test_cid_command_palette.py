from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_cid")
class TestCidCommandPalette(HttpCase):
    def test_palette_finds_customer_by_persian_digit_mobile(self):
        self.env["res.partner"].create({"name": "Palette Customer", "mobile": "09126665544"})
        new_test_user(
            self.env,
            "cid_palette_agent",
            email="cid.palette.agent@example.com",
            groups="base.group_user,base.group_partner_manager",
        )
        self.start_tour(
            "/odoo/action-contacts.action_contacts",
            "crm_cid_command_palette",
            login="cid_palette_agent",
        )
