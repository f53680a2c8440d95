"""Checks shared by the bridges that put interactions on a business document.

Not a test module: each bridge (leads, orders, tickets) combines
:class:`DocumentInteractionChecks` with ``TransactionCase`` and says which
document it covers.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user

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


class DocumentInteractionChecks:
    """Log dialog, e-mail capture and access on one kind of document."""

    # Odoo's test loader only collects the methods a class defines itself,
    # unless told to take the inherited ones too
    allow_inherited_tests_method = True

    #: technical name of the document model
    document_model = None
    #: short name used in logins, e-mails and message ids
    short_name = None
    #: groups (besides interaction rights) that give access to the document
    document_groups = None
    #: whether an e-mail to the model's alias opens a new document; when not,
    #: the e-mail is delivered to the test's document
    email_opens_document = True

    @classmethod
    def _create_document(cls, customer):
        raise NotImplementedError

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        name = cls.short_name
        cls.agent = new_test_user(
            cls.env,
            f"ia_{name}_agent",
            groups=f"crm_interaction.group_interaction_user,{cls.document_groups}",
            email=f"agent.{name}@example.com",
        )
        cls.outsider = new_test_user(
            cls.env,
            f"ia_{name}_outsider",
            groups=cls.document_groups,
            email=f"out.{name}@example.com",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "علی کریمی",
                "email": "ali.karimi@example.com",
                "mobile": "09123456789",
                "user_id": cls.agent.id,
            }
        )
        cls.record = cls._create_document(cls.customer)
        cls.portal_user = cls.env["res.users"].create(
            {
                "name": cls.customer.name,
                "login": f"ia_{name}_portal",
                "partner_id": cls.customer.id,
                "group_ids": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        cls.email_channel = cls.env.ref("crm_interaction.crm_interaction_channel_email")

    def _linked(self, record):
        return self.env["crm.interaction"].search(
            [
                ("link_ids.res_model", "=", self.document_model),
                ("link_ids.res_id", "=", record.id),
            ]
        )

    def _deliver(self, raw):
        """Process the raw e-mail; return the id of the document it reached (or False)."""
        if self.email_opens_document:
            return self.env["mail.thread"].message_process(self.document_model, raw)
        return self.env["mail.thread"].message_process(
            self.document_model, raw, thread_id=self.record.id
        )

    def test_deleting_the_document_drops_its_interaction_links(self):
        document = self._create_document(self.customer)
        interaction = self.env["crm.interaction"].create(
            {
                "channel_id": self.email_channel.id,
                "partner_id": self.customer.id,
                "link_ids": [Command.create({"res_model": document._name, "res_id": document.id})],
            }
        )
        self.assertEqual(self._linked(document), interaction)
        document.unlink()
        self.assertTrue(interaction.exists())
        self.assertFalse(interaction.link_ids)

    def test_log_dialog_from_the_document_links_it(self):
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

    def test_raw_email_gives_exactly_one_interaction_linked_to_the_document(self):
        msgid = f"{self.short_name}-1"
        raw = RAW.format(msgid=msgid).encode()
        before = self.env["crm.interaction"].search_count([])
        res_id = self._deliver(raw)
        record = self.env[self.document_model].browse(res_id)
        if self.email_opens_document:
            self.assertNotEqual(record, self.record, "the e-mail opened a new document")
        else:
            self.assertEqual(record, self.record)
        interactions = self.env["crm.interaction"].search(
            [
                ("channel_id", "=", self.email_channel.id),
                ("external_id", "=", f"<{msgid}@mail.example.com>"),
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
        self.assertFalse(self._deliver(raw))
        self.assertEqual(self._linked(record), interactions)

    def test_outbound_email_on_the_document_is_for_its_customer(self):
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

    def test_customer_comment_in_the_chatter_is_one_interaction_on_the_document(self):
        # as the portal's chatter route posts it: the document in sudo, the
        # customer's portal user as author
        message = (
            self.record.with_user(self.portal_user)
            .sudo()
            .message_post(
                body="سفارشم کی ارسال می‌شود؟",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        )
        interaction = self.env["crm.interaction"].search([("message_id", "=", message.id)])
        self.assertEqual(len(interaction), 1)
        self.assertRecordValues(
            interaction,
            [
                {
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                    "channel_code": "portal",
                    "external_id": message.message_id,
                }
            ],
        )
        self.assertEqual(self._linked(self.record), interaction)
        # processing the message again stores nothing more
        before = self.env["crm.interaction"].search_count([])
        self.env["crm.interaction"].sudo()._interaction_capture_messages(message.sudo())
        self.assertEqual(self.env["crm.interaction"].search_count([]), before)

    def test_internal_note_of_an_employee_is_not_an_interaction(self):
        note = self.record.with_user(self.agent).message_post(
            body="مشتری بدحساب است", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(self.env["crm.interaction"].search([("message_id", "=", note.id)]))
        self.assertFalse(self._linked(self.record))

    def test_user_without_interaction_rights_cannot_log(self):
        record = self.record.with_user(self.outsider)
        action = record.action_interaction_log()
        with self.assertRaises(AccessError):
            self.env["crm.interaction.log"].with_user(self.outsider).with_context(
                action["context"]
            ).create({"subject": "x"})
