from unittest.mock import patch

from odoo.tests import new_test_user, tagged

from odoo.addons.crm_interaction.models.mail_notification import OUTBOX_POSTCOMMIT_KEY

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestSentOutbox(InteractionCommon):
    """Sent e-mails are recorded once their message commits, and never lost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(
            cls.env,
            "int_outbox_sender",
            groups="base.group_partner_manager,crm_interaction.group_interaction_user",
            email="outbox.sender@example.com",
            notification_type="inbox",
        )

    def send(self, body):
        return self.customer.with_user(self.employee).message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )

    def notification(self, message):
        domain = [("mail_message_id", "=", message.id), ("res_partner_id", "=", self.customer.id)]
        return self.env["mail.notification"].sudo().search(domain)

    def commit_hooks(self):
        """Run what the commit of the sending transaction runs, in a cursor of its own."""
        with self.enter_registry_test_mode():
            self.env.cr.postcommit.run()

    def captured(self, message):
        return self.Interaction.search([("message_id", "=", message.id)])

    def test_sending_flags_the_notification_and_records_nothing_yet(self):
        message = self.send("پیش‌فاکتور")
        notification = self.notification(message)
        self.assertTrue(notification.crm_interaction_pending)
        self.assertFalse(self.captured(message), "recorded after the commit, not while sending")
        self.assertIn(notification.id, self.env.cr.postcommit.data[OUTBOX_POSTCOMMIT_KEY])

    def test_the_commit_records_the_email_once(self):
        message = self.send("فاکتور")
        self.commit_hooks()
        self.assertRecordValues(
            self.captured(message),
            [
                {
                    "direction": "outbound",
                    "partner_id": self.customer.id,
                    "user_id": self.employee.id,
                }
            ],
        )
        self.assertFalse(self.notification(message).crm_interaction_pending)
        self.assertEqual(self.record_sent_emails(), 0, "nothing is left pending")
        self.assertEqual(len(self.captured(message)), 1)

    def test_an_email_recorded_twice_is_one_interaction(self):
        message = self.send("یک بار")
        self.record_sent_emails()
        notification = self.notification(message)
        # as if a crash had hit between the capture and the clearing of its flag
        notification.sudo().crm_interaction_pending = True
        self.assertEqual(self.record_sent_emails(), 1)
        self.assertEqual(len(self.captured(message)), 1)

    def test_a_failed_capture_is_left_to_the_cron(self):
        message = self.send("خطا")
        with (
            patch.object(
                type(self.Interaction),
                "_interaction_capture_sent",
                side_effect=RuntimeError("capture down"),
            ),
            self.assertLogs("odoo.addons.crm_interaction.models.mail_notification", "ERROR"),
        ):
            self.commit_hooks()
        self.assertTrue(self.notification(message).crm_interaction_pending)
        self.assertFalse(self.captured(message))
        # the cron's batch
        self.assertEqual(self.record_sent_emails(), 1)
        self.assertEqual(len(self.captured(message)), 1)

    def test_an_email_that_cannot_be_recorded_holds_back_no_other(self):
        poison, good = self.send("یکم"), self.send("دوم")
        poison_notification = self.notification(poison)
        original = type(self.Interaction)._interaction_capture_sent

        def capture(interactions, notifications):
            if poison_notification in notifications:
                raise RuntimeError("cannot be recorded")
            return original(interactions, notifications)

        with (
            patch.object(type(self.Interaction), "_interaction_capture_sent", capture),
            self.assertLogs("odoo.addons.crm_interaction.models.mail_notification", "ERROR"),
        ):
            self.assertEqual(self.record_sent_emails(), 1)
        self.assertEqual(len(self.captured(good)), 1)
        self.assertFalse(self.captured(poison))
        self.assertTrue(poison_notification.crm_interaction_pending, "left for the next run")

    def test_emails_that_always_fail_go_behind_new_ones(self):
        poisons = [self.send(f"خراب {n}") for n in range(2)]
        poison_notifications = [self.notification(message) for message in poisons]
        original = type(self.Interaction)._interaction_capture_sent

        def capture(interactions, notifications):
            if any(notification in notifications for notification in poison_notifications):
                raise RuntimeError("cannot be recorded")
            return original(interactions, notifications)

        Notification = self.env["mail.notification"]
        with (
            patch.object(type(self.Interaction), "_interaction_capture_sent", capture),
            self.assertLogs("odoo.addons.crm_interaction.models.mail_notification", "ERROR"),
        ):
            # a batch of the size of the failing e-mails: none recorded
            self.assertEqual(Notification._crm_interaction_capture_outbox(limit=2), 0)
            good = self.send("سالم")
            # the next batch takes the new e-mail before those that failed
            self.assertEqual(Notification._crm_interaction_capture_outbox(limit=1), 1)
        self.assertEqual(len(self.captured(good)), 1)
        for notification in poison_notifications:
            self.assertTrue(notification.crm_interaction_pending)
            self.assertEqual(notification.crm_interaction_attempts, 1)
        # once they can be recorded, they are
        self.assertEqual(self.record_sent_emails(), 2)
        self.assertTrue(all(self.captured(message) for message in poisons))

    def test_notes_and_employee_recipients_are_not_queued(self):
        note = self.customer.with_user(self.employee).message_post(
            body="یادداشت",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.customer.ids,
        )
        self.assertFalse(self.notification(note).crm_interaction_pending)
        self.assertFalse(self.captured(note))

    def test_skipping_the_capture_queues_nothing(self):
        message = (
            self.customer.with_user(self.employee)
            .with_context(crm_interaction_skip_capture=True)
            .message_post(
                body="بدون ثبت",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.customer.ids,
            )
        )
        self.assertFalse(self.notification(message).crm_interaction_pending)
        self.record_sent_emails()
        self.assertFalse(self.captured(message))

    def test_the_flag_is_hidden_from_employees(self):
        message = self.send("پنهان")
        notification = self.notification(message).with_user(self.employee)
        self.assertNotIn("crm_interaction_pending", notification.fields_get())
