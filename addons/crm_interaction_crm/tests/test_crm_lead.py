from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

RAW = (
    "From: Ali Karimi <ali.karimi@example.com>\r\n"
    "To: sales@example.com\r\n"
    "Subject: About the blue model\r\n"
    "Message-ID: <{msgid}@mail.example.com>\r\n"
    "Date: Fri, 21 Mar 2025 09:30:00 +0330\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "سلام، درباره مدل آبی سؤال دارم.\r\n"
)


@tagged("post_install", "-at_install", "crm_interaction_crm")
class TestInteractions(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.agent = new_test_user(
            cls.env,
            "ia_crm_agent",
            groups="crm_interaction.group_interaction_user,sales_team.group_sale_salesman_all_leads",
            email="agent.crm@example.com",
        )
        cls.outsider = new_test_user(
            cls.env,
            "ia_crm_outsider",
            groups="sales_team.group_sale_salesman_all_leads",
            email="out.crm@example.com",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "علی کریمی",
                "email": "ali.karimi@example.com",
                "mobile": "09123456789",
                "user_id": cls.agent.id,
            }
        )
        cls.record = cls.env["crm.lead"].create(
            {"name": "Blue model offer", "partner_id": cls.customer.id, "type": "opportunity"}
        )
        cls.email_channel = cls.env.ref("crm_interaction.crm_interaction_channel_email")

    def _linked(self, record):
        return self.env["crm.interaction"].search(
            [("link_ids.res_model", "=", "crm.lead"), ("link_ids.res_id", "=", record.id)]
        )

    def test_log_dialog_from_the_lead_links_it(self):
        record = self.record.with_user(self.agent)
        action = record.action_interaction_log()
        wizard = Form(
            self.env["crm.interaction.log"].with_user(self.agent).with_context(action["context"])
        )
        self.assertEqual(wizard.partner_id, self.customer)
        self.assertEqual(wizard.link_name, self.record.display_name)
        wizard.subject = "Call about the blue model"
        wizard.save().action_log()
        interaction = self._linked(self.record)
        self.assertEqual(len(interaction), 1)
        self.assertRecordValues(
            interaction,
            [
                {
                    "subject": "Call about the blue model",
                    "partner_id": self.customer.id,
                    "user_id": self.agent.id,
                }
            ],
        )
        self.assertEqual(record.interaction_count, 1)
        listed = record.action_interaction_open_list()
        self.assertEqual(self.env["crm.interaction"].search(listed["domain"]), interaction)

    def test_raw_email_gives_exactly_one_interaction_linked_to_the_lead(self):
        raw = RAW.format(msgid="crm-1").encode()
        before = self.env["crm.interaction"].search_count([])
        res_id = self.env["mail.thread"].message_process("crm.lead", raw)
        record = self.env["crm.lead"].browse(res_id)
        self.assertNotEqual(record, self.record, "the e-mail opened a new document")
        interactions = self.env["crm.interaction"].search(
            [
                ("channel_id", "=", self.email_channel.id),
                ("external_id", "=", "<crm-1@mail.example.com>"),
            ]
        )
        self.assertEqual(len(interactions), 1)
        self.assertEqual(self.env["crm.interaction"].search_count([]), before + 1)
        self.assertRecordValues(
            interactions, [{"direction": "inbound", "partner_id": self.customer.id, "body": False}]
        )
        self.assertEqual(self._linked(record), interactions)
        self.assertIn("مدل آبی", interactions.message_body)
        # the same message delivered twice is dropped by the mail gateway
        self.assertFalse(self.env["mail.thread"].message_process("crm.lead", raw))
        self.assertEqual(self._linked(record), interactions)

    def test_outbound_email_on_the_lead_is_for_its_customer(self):
        self.record.partner_id = self.customer
        message = self.record.with_user(self.agent).message_post(
            body="Here is the price list.", message_type="email"
        )
        interaction = self.env["crm.interaction"].search([("message_id", "=", message.id)])
        self.assertEqual(len(interaction), 1)
        self.assertRecordValues(
            interaction, [{"direction": "outbound", "partner_id": self.customer.id}]
        )
        self.assertEqual(self._linked(self.record), interaction)

    def test_user_without_interaction_rights_cannot_log(self):
        record = self.record.with_user(self.outsider)
        action = record.action_interaction_log()
        with self.assertRaises(AccessError):
            self.env["crm.interaction.log"].with_user(self.outsider).with_context(
                action["context"]
            ).create({"subject": "x"})
