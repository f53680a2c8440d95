"""The e-mail composer and the template preview, opened by agent1 (team
North) on the South customer, which they see masked.

A template quotes the customer's mobile, e-mail and phone in its subject
and body, on the contact, its quotation and its opportunity (when sales
and leads are installed); one quoting the national ID does not render for
agents at all (the field is for the sensitive data group). One row per
(document, user): the composer's form shows the values masked to agent1
and as written to the South agent, the manager and the superuser; the
message agent1 sends with the masked form unchanged carries the real
values to the customer alone, an edited one what was typed. In mass mode
the composer shows the template's source; the preview of a masked record
is masked.
"""

from unittest import SkipTest
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.mail.tools.discuss import Store

from .test_adversarial_read import (
    SOUTH_EMAIL,
    SOUTH_MOBILE,
    SOUTH_NATIONAL_ID,
    SOUTH_PHONE,
    AdversarialReadCommon,
)

SUBJECT = "Offer for {{ object.name }}, {{ object.mobile }}"
BODY = (
    '<p>mobile <t t-out="object.mobile"/>, mail <t t-out="object.email"/>, '
    'phone <t t-out="object.phone"/></p>'
)
ORDER_SUBJECT = "Quotation {{ object.name }} for {{ object.partner_id.mobile }}"
ORDER_BODY = BODY.replace("object.", "object.partner_id.")
COMPOSER_SPEC = {
    fname: {}
    for fname in (
        "composition_mode",
        "model",
        "res_ids",
        "template_id",
        "subject",
        "body",
        "partner_ids",
        "message_type",
        "subtype_id",
    )
}
PREVIEW_SPEC = {
    fname: {} for fname in ("mail_template_id", "resource_ref", "subject", "body_html", "email_to")
}
SHOWN_MASKS = ("0917***2233", "s***@example.com", "0218***6655")

# (document, user, expected): what the composer's form shows each user.
COMPOSER_ROWS = [
    ("contact", "agent", "masked"),
    ("contact", "agent2", "written"),
    ("contact", "manager", "written"),
    ("contact", "superuser", "written"),
    ("order", "agent", "masked"),
    ("order", "agent2", "written"),
    ("order", "manager", "written"),
    ("order", "superuser", "written"),
    ("lead", "agent", "masked"),
    ("lead", "agent2", "written"),
    ("lead", "manager", "written"),
]
# (case, body sent back, what the customer receives): agent1 sends from
# the form opened on the South quotation.
SENT_ROWS = [
    ("form unchanged", None, "real"),
    ("formatting changed", lambda body: body.replace("<p>", "<p><b>", 1), "real"),
    ("edited", lambda body: body.replace("mobile", "call me first, mobile"), "masked"),
    ("replaced", lambda body: "<p>see you tomorrow</p>", "typed"),
]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialComposerBodies(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["mail.template"]
        cls.templates = {
            "contact": Template.create(
                {
                    "name": "Offer",
                    "model_id": cls.env["ir.model"]._get_id("res.partner"),
                    "subject": SUBJECT,
                    "body_html": BODY,
                    "partner_to": "{{ object.id }}",
                }
            )
        }
        cls.documents = {"contact": cls.south}
        cls.users_of = {
            "agent": cls.agent,
            "agent2": cls.agent2,
            "manager": cls.manager,
            "superuser": cls.env.user,
        }
        if "sale.order" not in cls.env:
            return
        salesman = cls.env.ref("sales_team.group_sale_salesman")
        for user in (cls.agent, cls.agent2):
            user.group_ids += salesman
        cls.manager.group_ids += cls.env.ref("sales_team.group_sale_manager")
        cls.templates["order"] = Template.create(
            {
                "name": "Quotation",
                "model_id": cls.env["ir.model"]._get_id("sale.order"),
                "subject": ORDER_SUBJECT,
                "body_html": ORDER_BODY,
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        # agent1's quotation of the South customer, and agent2's
        cls.order, cls.order2 = cls.env["sale.order"].create(
            [
                {"partner_id": cls.south.id, "user_id": cls.agent.id},
                {"partner_id": cls.south.id, "user_id": cls.agent2.id},
            ]
        )
        cls.documents["order"] = cls.order
        if "crm.lead" not in cls.env:
            return
        cls.templates["lead"] = cls.templates["order"].copy(
            {"model_id": cls.env["ir.model"]._get_id("crm.lead")}
        )
        # agent1's opportunity of the South customer, and agent2's
        cls.lead1, cls.lead2 = cls.env["crm.lead"].create(
            [
                {
                    "name": f"Opportunity of {user.login}",
                    "type": "opportunity",
                    "partner_id": cls.south.id,
                    "user_id": user.id,
                }
                for user in (cls.agent, cls.agent2)
            ]
        )
        cls.documents["lead"] = cls.lead1

    def document_of(self, name, user):
        if name not in self.documents:
            raise SkipTest(f"no {name} in this database")
        if name == "order" and user == self.agent2:
            return self.order2
        if name == "lead" and user == self.agent2:
            return self.lead2
        return self.documents[name]

    def open_composer(self, user, document, template, mode="comment"):
        """Return the round-trip of the composer's form opened by ``user`` on
        ``document`` with ``template``, as the web client opens it."""
        context = {
            "default_model": document._name,
            "default_res_ids": document.ids,
            "default_template_id": template.id,
            "default_composition_mode": mode,
        }
        Composer = self.env["mail.compose.message"].with_user(user).with_context(**context)
        return Composer.onchange({}, [], COMPOSER_SPEC)["value"]

    def assert_shown(self, shown, expected):
        text = repr(shown)
        if expected == "masked":
            self.assert_no_secret(shown)
            for mask in SHOWN_MASKS:
                self.assertIn(mask, text)
        else:
            for value in (SOUTH_MOBILE, SOUTH_EMAIL, SOUTH_PHONE):
                self.assertIn(value, text)
            self.assertNotIn("***", text)

    # ------------------------------------------------------------------
    # What the form shows
    # ------------------------------------------------------------------

    def test_the_composer_shows_the_rendering_as_the_document_is_shown(self):
        for name, login, expected in COMPOSER_ROWS:
            with self.subTest(document=name, user=login):
                user = self.users_of[login]
                document = self.document_of(name, user)
                values = self.open_composer(user, document, self.templates[name])
                self.assert_shown({"subject": values["subject"], "body": values["body"]}, expected)

    def test_the_saved_composer_reads_as_its_form(self):
        for name, login, expected in COMPOSER_ROWS:
            with self.subTest(document=name, user=login):
                user = self.users_of[login]
                document = self.document_of(name, user)
                Composer = self.env["mail.compose.message"].with_user(user)
                composer = Composer.create(
                    {
                        "composition_mode": "comment",
                        "model": document._name,
                        "res_ids": repr(document.ids),
                        "template_id": self.templates[name].id,
                    }
                )
                self.assert_shown(composer.read(["subject", "body"]), expected)
                self.assert_shown(composer.web_read({"subject": {}, "body": {}}), expected)

    def test_mass_mode_shows_the_template_source(self):
        for name in ("contact", "order"):
            with self.subTest(document=name):
                document = self.document_of(name, self.agent)
                template = self.templates[name]
                values = self.open_composer(self.agent, document, template, mode="mass_mail")
                self.assertEqual(values["subject"], template.subject)
                self.assertIn('t-out="object.', values["body"])
                self.assert_no_secret(values)

    def test_a_template_quoting_the_national_id_does_not_render_for_agents(self):
        template = self.templates["contact"].copy(
            {"body_html": '<p>ID <t t-out="object.national_id"/></p>'}
        )
        for login in ("agent", "agent2"):
            with self.subTest(user=login), self.assertRaises(UserError) as caught:
                self.open_composer(self.users_of[login], self.south, template)
            self.assertNotIn(SOUTH_NATIONAL_ID, str(caught.exception))

    def test_a_document_without_customer_is_not_looked_at(self):
        # a team quotes a number in its template: a team holds no customer,
        # whose masking is not even asked
        template = self.templates["contact"].copy(
            {
                "model_id": self.env["ir.model"]._get_id("crm.team"),
                "subject": "Team {{ object.name }}",
                "body_html": f"<p>desk {SOUTH_MOBILE}</p>",
                "partner_to": False,
            }
        )
        Quoted = type(self.env["crm.access.quoted"])
        with patch.object(
            Quoted,
            "_crm_access_masked_document_ids",
            autospec=True,
            side_effect=AssertionError("a team's masking was asked"),
        ):
            values = self.open_composer(self.agent, self.team_north, template)
            # while a contact's is
            with self.assertRaises(AssertionError):
                self.open_composer(self.agent, self.south, self.templates["contact"])
        self.assertIn(SOUTH_MOBILE, values["body"])

    def test_the_saved_composer_tells_nothing_by_search(self):
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.agent)
            .create(
                {
                    "composition_mode": "comment",
                    "model": "res.partner",
                    "res_ids": repr(self.south.ids),
                    "template_id": self.templates["contact"].id,
                }
            )
        )
        Composer = self.env["mail.compose.message"].with_user(self.agent)
        for fname in ("subject", "body"):
            with self.subTest(field=fname):
                found = Composer.search([("id", "=", composer.id), (fname, "ilike", "0917111")])
                self.assertFalse(found.ids)
                found = Composer.search([("id", "=", composer.id), (fname, "ilike", "0917***")])
                self.assertEqual(found, composer)

    # ------------------------------------------------------------------
    # What is sent
    # ------------------------------------------------------------------

    def send(self, user, document, template, change_body=None):
        """Open the composer as ``user``, save it with what the form holds
        (its body changed by ``change_body``) and send it; return the
        message posted and its e-mail to the customer, as superuser."""
        values = self.open_composer(user, document, template)
        # the customer as recipient, as the template proposes
        values["partner_ids"] = [(6, 0, self.south.ids)]
        if change_body:
            values["body"] = change_body(values["body"])
        Composer = self.env["mail.compose.message"].with_user(user)
        composer = Composer.with_context(mail_notify_force_send=False).create(values)
        composer.action_send_mail()
        message = self.env["mail.message"].search(
            [("model", "=", document._name), ("res_id", "=", document.id)], limit=1
        )
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertIn(self.south, mail.recipient_ids)
        return message, mail, values

    def test_the_customer_receives_the_real_rendering_of_a_masked_form(self):
        document = self.document_of("order", self.agent)
        for case, change_body, received in SENT_ROWS:
            with self.subTest(case=case):
                message, mail, values = self.send(
                    self.agent, document, self.templates["order"], change_body
                )
                for text in (message.body, mail.body_html):
                    if received == "real":
                        self.assertIn(SOUTH_MOBILE, text)
                        self.assertIn(SOUTH_PHONE, text)
                        self.assertIn(SOUTH_EMAIL, text)
                    elif received == "masked":
                        self.assertIn("call me first", text)
                        self.assert_no_secret(text)
                        self.assertIn(SHOWN_MASKS[0], text)
                    else:
                        self.assertIn("see you tomorrow", text)
                        self.assertNotIn("***", text)
                # the subject was left as shown: the real one is sent
                self.assertIn(SOUTH_MOBILE, message.subject)
                # and agent1 reads the message they sent masked, in the
                # chatter too
                sent = message.with_user(self.agent)
                self.assert_no_secret(sent.read(["body", "subject"]))
                self.assert_no_secret(Store().add(sent, ["body", "subject"]).get_result())

    def test_an_edited_subject_is_sent_as_edited(self):
        document = self.document_of("order", self.agent)
        values = self.open_composer(self.agent, document, self.templates["order"])
        values.update(subject="Your quotation", partner_ids=[(6, 0, self.south.ids)])
        composer = self.env["mail.compose.message"].with_user(self.agent).create(values)
        composer.with_context(mail_notify_force_send=False).action_send_mail()
        message = self.env["mail.message"].search(
            [("model", "=", "sale.order"), ("res_id", "=", document.id)], limit=1
        )
        self.assertEqual(message.subject, "Your quotation")
        self.assertIn(SOUTH_MOBILE, message.body)

    def test_a_mask_sent_with_a_template_the_user_may_not_render_stays_a_mask(self):
        # the masked national ID, guessed and sent with a template quoting
        # it: the template does not render for agents, nothing is put back
        document = self.document_of("order", self.agent)
        template = self.templates["order"].copy(
            {"body_html": '<p>ID <t t-out="object.partner_id.national_id"/></p>'}
        )
        guessed = f"<p>ID {SOUTH_NATIONAL_ID[:3]}****{SOUTH_NATIONAL_ID[-3:]}</p>"
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.agent)
            .create(
                {
                    "composition_mode": "comment",
                    "model": "sale.order",
                    "res_ids": repr(document.ids),
                    "template_id": template.id,
                    "subject": "Your ID",
                    "body": guessed,
                    "partner_ids": [(6, 0, self.agent.partner_id.ids)],
                }
            )
        )
        composer.with_context(mail_notify_force_send=False).action_send_mail()
        message = self.env["mail.message"].search(
            [("model", "=", "sale.order"), ("res_id", "=", document.id)], limit=1
        )
        self.assertEqual(message.subject, "Your ID")
        self.assertNotIn(SOUTH_NATIONAL_ID, message.body)
        self.assertIn("****", message.body)

    def test_the_real_text_reaches_the_customer_alone(self):
        # an address of the agent's own outside the company, as recipient
        # or as follower: the message goes out as the agent saw it
        document = self.document_of("order", self.agent)
        outsider = self.env["res.partner"].create(
            {"name": "Agent's own mailbox", "email": "agent.home@example.org"}
        )
        for case in ("recipient", "follower"):
            with self.subTest(case=case):
                values = self.open_composer(self.agent, document, self.templates["order"])
                recipients = self.south | (outsider if case == "recipient" else self.south)
                values["partner_ids"] = [(6, 0, recipients.ids)]
                if case == "follower":
                    document.message_subscribe(outsider.ids)
                Composer = self.env["mail.compose.message"].with_user(self.agent)
                composer = Composer.with_context(mail_notify_force_send=False).create(values)
                composer.action_send_mail()
                message = self.env["mail.message"].search(
                    [("model", "=", "sale.order"), ("res_id", "=", document.id)], limit=1
                )
                self.assert_no_secret([message.subject, message.body])
                self.assertIn(SHOWN_MASKS[0], message.body)
                mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
                self.assert_no_secret(mails.mapped("body_html"))

    def test_a_scheduled_message_keeps_the_text_shown(self):
        # its author reads it until it is sent
        document = self.document_of("order", self.agent)
        values = self.open_composer(self.agent, document, self.templates["order"])
        values.update(partner_ids=[(6, 0, self.south.ids)], scheduled_date="2099-01-01 08:00:00")
        composer = self.env["mail.compose.message"].with_user(self.agent).create(values)
        composer.action_schedule_message()
        scheduled = self.env["mail.scheduled.message"].search(
            [("model", "=", "sale.order"), ("res_id", "=", document.id)]
        )
        self.assertEqual(len(scheduled), 1)
        self.assert_no_secret(scheduled.read(["subject", "body"]))
        self.assertIn(SHOWN_MASKS[0], scheduled.body)

    def test_the_portfolio_sends_what_it_sees(self):
        for login in ("agent2", "manager"):
            with self.subTest(user=login):
                user = self.users_of[login]
                document = self.document_of("order", user)
                message, mail, values = self.send(user, document, self.templates["order"])
                self.assertIn(SOUTH_MOBILE, values["body"])
                self.assertIn(SOUTH_MOBILE, mail.body_html)

    # ------------------------------------------------------------------
    # Template preview
    # ------------------------------------------------------------------

    def test_the_preview_of_a_masked_record_is_masked(self):
        for name, login, expected in COMPOSER_ROWS:
            with self.subTest(document=name, user=login):
                user = self.users_of[login]
                document = self.document_of(name, user)
                Preview = self.env["mail.template.preview"].with_user(user)
                values = {
                    "mail_template_id": self.templates[name].id,
                    "resource_ref": f"{document._name},{document.id}",
                }
                result = Preview.onchange(values, ["resource_ref"], PREVIEW_SPEC)["value"]
                self.assert_shown({k: result[k] for k in ("subject", "body_html")}, expected)
                preview = Preview.create(values)
                self.assert_shown(preview.read(["subject", "body_html"]), expected)
