from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "secretariat")
class TestSecretariatTour(HttpCase):
    def test_clerk_registers_a_letter_in_the_browser(self):
        new_test_user(
            self.env,
            "se_tour_clerk",
            email="se.tour.clerk@example.com",
            groups="base.group_user,secretariat.group_secretariat_clerk",
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "mobile": "09128887766"}
        )
        self.start_tour(
            "/odoo/action-secretariat.secretariat_letter_action",
            "secretariat_register_letter",
            login="se_tour_clerk",
        )
        letter = self.env["secretariat.letter"].search([("partner_id", "=", customer.id)])
        self.assertEqual(letter.state, "registered")
        self.assertRegex(letter.indicator_number, r"^\d{4}/و/\d+$")
