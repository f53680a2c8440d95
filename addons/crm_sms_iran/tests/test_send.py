from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .panel_server import PanelServer

PANELS = {
    "kavenegar": {"api_key": "kv-key", "delivered": 10, "credit_error": 418},
    "ghasedak": {"api_key": "gh-key", "delivered": 1, "credit_error": None},
    "melipayamak": {"api_key": "mp-pass", "delivered": 1, "credit_error": 2},
}


@tagged("post_install", "-at_install", "crm_sms_iran")
class TestSendThroughPanels(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = cls.enterClassContext(PanelServer())
        cls.company = cls.env.company
        cls.customer = cls.env["res.partner"].create(
            {"name": "نرگس امینی", "mobile": "+98 912 765 4321"}
        )
        cls.channel_sms = cls.env.ref("crm_interaction.crm_interaction_channel_sms")

    def use_panel(self, panel):
        self.company.write(
            {
                "crm_sms_panel": panel,
                "crm_sms_sender": "3000123",
                "crm_sms_username": "office",
                "crm_sms_api_key": PANELS[panel]["api_key"],
                "crm_sms_base_url": self.server.url,
            }
        )

    def send_sms(self, body="سفارش شما ارسال شد"):
        message = self.customer._message_sms(body, partner_ids=self.customer.ids)
        sms = self.env["sms.sms"].search([("mail_message_id", "=", message.id)])
        uuid = sms.uuid
        sms.send(unlink_failed=False, unlink_sent=False)
        interaction = self.env["crm.interaction"].search(
            [("channel_id", "=", self.channel_sms.id), ("external_id", "=", uuid)]
        )
        return message, sms, interaction

    def test_each_panel_sends_and_reports_delivery_on_the_timeline(self):
        for panel, spec in PANELS.items():
            with self.subTest(panel=panel):
                self.use_panel(panel)
                before = len(self.server.requests)
                message, sms, interaction = self.send_sms()
                request = self.server.requests[before]
                form = request["body"]
                self.assertIn("09127654321", form.values())
                self.assertIn("سفارش شما ارسال شد", form.values())
                self.assertIn("3000123", form.values())
                self.assertEqual(sms.state, "pending", "accepted by the panel")
                self.assertEqual(interaction.sms_panel, panel)
                self.assertEqual(interaction.sms_delivery, "sent")
                self.assertTrue(interaction.sms_panel_ref)
                self.server.deliveries[interaction.sms_panel_ref] = spec["delivered"]
                self.env["crm.interaction"]._crm_sms_update_deliveries(100)
                self.assertEqual(interaction.sms_delivery, "delivered")
                self.assertEqual(message.notification_ids.notification_status, "sent")

    def test_undelivered_message_is_marked_failed_with_its_notification(self):
        self.use_panel("kavenegar")
        message, _sms, interaction = self.send_sms()
        self.server.deliveries[interaction.sms_panel_ref] = 11
        self.env["crm.interaction"]._crm_sms_update_deliveries(100)
        self.assertEqual(interaction.sms_delivery, "failed")
        self.assertEqual(message.notification_ids.notification_status, "exception")

    def test_panel_refusal_fails_the_message_and_nothing_waits_for_delivery(self):
        for panel in ("kavenegar", "melipayamak"):
            with self.subTest(panel=panel):
                self.use_panel(panel)
                self.server.send_error = PANELS[panel]["credit_error"]
                try:
                    _message, sms, interaction = self.send_sms()
                finally:
                    self.server.send_error = None
                self.assertEqual(sms.state, "error")
                self.assertEqual(sms.failure_type, "sms_credit")
                self.assertEqual(interaction.sms_delivery, "failed")
                self.assertFalse(interaction.sms_panel_ref)

    def test_unreachable_panel_is_a_server_error(self):
        self.use_panel("ghasedak")
        self.company.crm_sms_base_url = "http://127.0.0.1:9"
        _message, sms, _interaction = self.send_sms()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")

    def test_iap_stays_the_default(self):
        self.assertEqual(self.env["res.company"].new({}).crm_sms_panel, "iap")
        self.company.crm_sms_panel = "iap"
        api_class = self.company._get_sms_api_class()
        self.assertEqual(api_class.__name__, "SmsApi")

    def test_only_administrators_read_the_panel_key(self):
        self.use_panel("kavenegar")
        user = new_test_user(self.env, "sms_iran_user", groups="base.group_user")
        company = self.company.with_user(user)
        self.assertEqual(company.crm_sms_panel, "kavenegar")
        with self.assertRaises(AccessError):
            company.read(["crm_sms_api_key"])
        with self.assertRaises(AccessError):
            company.write({"crm_sms_base_url": "http://attacker.example"})
        self.assertEqual(self.company.crm_sms_base_url, self.server.url)
