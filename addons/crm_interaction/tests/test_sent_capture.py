from odoo.tests import Form, new_test_user, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestSentCapture(InteractionCommon):
    """What employees send to customers from Odoo lands once on each customer's timeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(
            cls.env,
            "int_sender",
            groups="base.group_partner_manager,crm_interaction.group_interaction_manager",
            email="sender@example.com",
            notification_type="inbox",
        )
        # any document with a chatter: an interaction stands in for an order or a ticket
        cls.document = cls.env["crm.interaction"].create(
            {
                "channel_id": cls.channel_email.id,
                "subject": "پرونده پروژه",
                "partner_id": cls.company.id,
            }
        )
        cls.portal_user = new_test_user(
            cls.env, "int_sent_portal", groups="base.group_portal", email="portal@example.com"
        )

    def captured(self, message):
        self.record_sent_emails()
        return self.Interaction.search([("message_id", "=", message.id)], order="id")

    def send(self, record, body, **kwargs):
        return record.with_user(self.employee).message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment", **kwargs
        )

    def test_send_message_to_a_customer_is_one_outbound_email(self):
        message = self.send(self.customer, "پیش‌فاکتور شما آماده است", partner_ids=self.customer.ids)
        interaction = self.captured(message)
        self.assertRecordValues(
            interaction,
            [
                {
                    "channel_id": self.channel_email.id,
                    "direction": "outbound",
                    "partner_id": self.customer.id,
                    "user_id": self.employee.id,
                    "external_id": f"{message.message_id}/{self.customer.id}",
                }
            ],
        )
        self.assertIn("پیش‌فاکتور", interaction.message_body)
        self.assertFalse(interaction.link_ids, "a message on the contact itself links nothing")

    def test_each_customer_follower_gets_one_interaction_linked_to_the_document(self):
        self.document.message_subscribe(
            partner_ids=(self.customer | self.company_contact | self.employee.partner_id).ids
        )
        message = self.send(self.document, "جلسه فردا ساعت ۱۰", partner_ids=self.customer.ids)
        interactions = self.captured(message)
        self.assertEqual(
            sorted(interactions.partner_id.ids),
            sorted((self.customer | self.company_contact).ids),
            "the customer named and followed gets one, the employee none",
        )
        for interaction in interactions:
            self.assertEqual(
                [(link.res_model, link.res_id) for link in interaction.link_ids],
                [("crm.interaction", self.document.id)],
            )

    def test_the_composer_send_by_email_is_captured(self):
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.employee)
            .with_context(
                default_model="crm.interaction",
                default_res_ids=self.document.ids,
                default_composition_mode="comment",
                default_partner_ids=self.customer.ids,
            )
        )
        composer.body = "<p>فاکتور پیوست است</p>"
        composer.save().action_send_mail()
        message = self.env["mail.message"].search(
            [("model", "=", "crm.interaction"), ("res_id", "=", self.document.id)],
            order="id desc",
            limit=1,
        )
        self.assertEqual(self.captured(message).partner_id, self.customer)

    def test_notes_and_messages_to_employees_only_are_not_captured(self):
        note = self.customer.with_user(self.employee).message_post(
            body="یادداشت", message_type="comment", subtype_xmlid="mail.mt_note",
            partner_ids=self.customer.ids,
        )  # fmt: skip
        internal = self.send(self.document, "داخلی", partner_ids=self.supervisor.partner_id.ids)
        for message in (note, internal):
            with self.subTest(body=message.body):
                self.assertFalse(self.captured(message))

    def test_a_customer_notified_twice_is_captured_once(self):
        message = self.send(self.customer, "یک بار", partner_ids=self.customer.ids)
        notification = self.env["mail.notification"].search(
            [("mail_message_id", "=", message.id), ("res_partner_id", "=", self.customer.id)]
        )
        self.Interaction.sudo()._interaction_capture_sent((notification | notification).sudo())
        self.assertEqual(len(self.captured(message)), 1)

    def test_customer_comment_is_not_taken_for_a_sent_email(self):
        portal_partner = self.portal_user.partner_id
        message = (
            portal_partner.with_user(self.portal_user)
            .sudo()
            .message_post(body="سوال", message_type="comment", subtype_xmlid="mail.mt_comment")
        )
        captured = self.captured(message)
        self.assertEqual(captured.mapped("direction"), ["inbound"])

    def test_sent_email_answers_the_pending_inbound(self):
        [result] = self.Interaction.ingest(
            [self.item("sent-1", occurred_at="2025-03-21T08:00:00", mobile="09123456789")]
        )
        inbound = self.Interaction.browse(result["id"])
        self.assertFalse(inbound.first_response_at)
        message = self.send(self.customer, "پاسخ شما", partner_ids=self.customer.ids)
        self.record_sent_emails()
        self.assertEqual(inbound.first_response_at, message.date)

    def test_nothing_is_captured_without_the_email_channel(self):
        self.channel_email.active = False
        message = self.send(self.customer, "بدون کانال", partner_ids=self.customer.ids)
        self.assertFalse(self.captured(message))
