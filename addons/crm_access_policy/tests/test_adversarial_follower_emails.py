from unittest.mock import patch

from markupsafe import Markup

from odoo import Command
from odoo.tests import tagged

from .common import AccessPolicyCommon

SOUTH_MOBILE = "09171112233"
SOUTH_EMAIL = "south.buyer@example.com"
SOUTH_NATIONAL_ID = "0012345679"
NORTH_MOBILE = "09111112233"
# Each value, as a colleague who may not see it receives it.
MASKS = {
    SOUTH_MOBILE: "0917***2233",
    SOUTH_EMAIL: "s***@example.com",
    SOUTH_NATIONAL_ID: "001****679",
    NORTH_MOBILE: "0911***2233",
}
SOUTH_VALUES = (SOUTH_MOBILE, SOUTH_EMAIL, SOUTH_NATIONAL_ID)
ALL_VALUES = (*SOUTH_VALUES, NORTH_MOBILE)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialFollowerEmails(AccessPolicyCommon):
    """What Odoo mails to a document's followers is masked as their chatter is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.south.write(
            {"mobile": SOUTH_MOBILE, "email": SOUTH_EMAIL, "national_id": SOUTH_NATIONAL_ID}
        )
        cls.north.mobile = NORTH_MOBILE
        for user in (cls.agent, cls.agent2, cls.lead, cls.manager):
            user.notification_type = "email"
            user.email = f"{user.login}@example.com"
        cls.south.message_subscribe(
            partner_ids=(cls.agent | cls.agent2 | cls.manager).partner_id.ids
        )
        cls.north.message_subscribe(
            partner_ids=(cls.agent | cls.agent2 | cls.lead | cls.manager).partner_id.ids
        )

    def mailed(self, message, user):
        """The e-mail of ``message`` sent to ``user``."""
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [("mail_message_id", "=", message.id), ("recipient_ids", "in", user.partner_id.ids)]
            )
        )
        self.assertEqual(len(mail), 1, user.login)
        return mail

    def mailed_body(self, message, user):
        return str(self.mailed(message, user).body_html)

    def sent_subject(self, message, user):
        """The subject of the e-mail ``user`` receives about ``message``, as sent."""
        sent = self.mailed(message, user)._prepare_outgoing_list()
        return next(email["subject"] for email in sent if email["partner_id"] == user.partner_id)

    def post(self, document, body, subject=None):
        # posted by the system: every follower is notified
        return document.message_post(
            body=Markup(body),
            subject=subject,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def post_on_south(self, body, subject=None):
        return self.post(self.south, body, subject=subject)

    def assert_values(self, text, shown, hidden, login):
        for value in shown:
            self.assertIn(value, text, f"{login}: {value} as written")
        for value in hidden:
            self.assertNotIn(value, text, f"{login}: {value} masked")
            self.assertIn(MASKS[value], text, f"{login}: {value} masked")

    def test_a_follower_outside_the_portfolio_gets_the_values_masked(self):
        message = self.post_on_south(f"<p>Call him on {SOUTH_MOBILE} or write to {SOUTH_EMAIL}</p>")
        body = self.mailed_body(message, self.agent)
        self.assertNotIn(SOUTH_MOBILE, body)
        self.assertNotIn(SOUTH_EMAIL, body)
        self.assertIn("0917***2233", body)
        self.assertIn("s***@example.com", body)
        self.assertIn("Call him on", body, "the rest of the text as written")
        # the portfolio and the Manager get it as written
        for user in (self.agent2, self.manager):
            with self.subTest(user=user.login):
                body = self.mailed_body(message, user)
                self.assertIn(SOUTH_MOBILE, body)
                self.assertIn(SOUTH_EMAIL, body)

    def test_a_value_split_by_markup_is_masked_too(self):
        message = self.post_on_south("<p>0917<b>111</b>2233</p>")
        body = self.mailed_body(message, self.agent)
        self.assertNotIn("<b>111</b>2233", body)
        self.assertIn("0917***2233", body)

    def test_a_text_without_values_is_sent_as_written(self):
        message = self.post_on_south("<p>Quotation S00042 is ready</p>")
        self.assertIn("Quotation S00042 is ready", self.mailed_body(message, self.agent))

    def test_the_subject_is_masked_for_the_masked_group_only(self):
        # the values quoted in the subject alone, the text quoting none
        subject = f"Call back {SOUTH_MOBILE} / {SOUTH_EMAIL}"
        message = self.post_on_south("<p>He asked to be called back</p>", subject=subject)
        masked = f"Call back {MASKS[SOUTH_MOBILE]} / {MASKS[SOUTH_EMAIL]}"
        rows = [
            # (recipient, subject received)
            (self.agent, masked),
            (self.agent2, subject),
            (self.manager, subject),
        ]
        for user, expected in rows:
            with self.subTest(user=user.login):
                self.assertEqual(self.sent_subject(message, user), expected)
        # the message, shared by every e-mail, keeps its subject as written
        self.assertEqual(message.subject, subject)
        self.assertFalse(self.mailed(message, self.agent2).crm_access_subject)

    def test_a_computed_subject_is_sent_when_nothing_is_masked_there(self):
        message = self.post(self.north, f"<p>His number: {SOUTH_MOBILE}</p>")
        # the text is masked for agent1, the subject (the customer's name) is
        # sent as mail computes it
        self.assertIn(MASKS[SOUTH_MOBILE], self.mailed_body(message, self.agent))
        for user in (self.agent, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(self.sent_subject(message, user), self.north.display_name)

    def test_a_document_of_the_portfolio_masks_the_values_of_other_customers(self):
        body = (
            f"<p>ours {NORTH_MOBILE}, theirs {SOUTH_MOBILE}, "
            f"mail {SOUTH_EMAIL}, ID {SOUTH_NATIONAL_ID}</p>"
        )
        subject = f"Numbers {NORTH_MOBILE} {SOUTH_MOBILE}"
        message = self.post(self.north, body, subject=subject)
        rows = [
            # (recipient, values received as written, values received masked)
            # North's team: their own customer's number, South's masked
            (self.agent, (NORTH_MOBILE,), SOUTH_VALUES),
            (self.lead, (NORTH_MOBILE,), SOUTH_VALUES),
            # South's agent sees the North document masked: every value
            (self.agent2, (), ALL_VALUES),
            (self.manager, ALL_VALUES, ()),
        ]
        for user, shown, hidden in rows:
            with self.subTest(user=user.login):
                self.assert_values(self.mailed_body(message, user), shown, hidden, user.login)
                subject_sent = self.sent_subject(message, user)
                self.assert_values(
                    subject_sent,
                    [value for value in shown if value in subject],
                    [value for value in hidden if value in subject],
                    user.login,
                )
        # one e-mail per set of values to hide: agent1 and their team lead together
        self.assertEqual(self.mailed(message, self.agent), self.mailed(message, self.lead))
        mails = {self.mailed(message, user) for user in (self.agent, self.agent2, self.manager)}
        self.assertEqual(len(mails), 3)
        self.assertEqual(message.subject, subject)

    def test_a_tracked_value_is_masked_as_the_text(self):
        field = self.env["ir.model.fields"]._get("res.partner", "function")
        message = self.north.message_post(
            body=Markup("<p>Job position updated</p>"),
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
            tracking_value_ids=[
                Command.create(
                    {
                        "field_id": field.id,
                        "old_value_char": "Buyer",
                        "new_value_char": f"Buyer, reached on {SOUTH_MOBILE}",
                    }
                )
            ],
        )
        rows = [
            # (recipient, values received as written, values received masked)
            (self.agent, (), (SOUTH_MOBILE,)),
            (self.manager, (SOUTH_MOBILE,), ()),
        ]
        for user, shown, hidden in rows:
            with self.subTest(user=user.login):
                body = self.mailed_body(message, user)
                self.assertIn("reached on", body, "the tracked value is in the e-mail")
                self.assert_values(body, shown, hidden, user.login)

    def test_a_message_quoting_nothing_costs_nothing(self):
        Partner = self.registry["res.partner"]
        original = Partner._crm_access_notify_may_mask
        asked = []

        def decide(thread, values, users):
            asked.append(users)
            return {}

        def queries_of_a_post(masking):
            with patch.object(
                Partner,
                "_crm_access_notify_may_mask",
                autospec=True,
                side_effect=original if masking else (lambda thread: False),
            ):
                before = self.env.cr.sql_log_count
                self.post(self.north, "<p>Quotation S00042 is ready</p>", subject="S00042")
                return self.env.cr.sql_log_count - before

        with patch.object(
            self.registry["mail.message"],
            "_crm_access_quoted_hidden_by_user",
            autospec=True,
            side_effect=decide,
        ):
            queries_of_a_post(True)  # caches warmed
            unmasked = queries_of_a_post(False)
            masked = queries_of_a_post(True)
        self.assertEqual(asked, [], "no decision asked")
        self.assertEqual(masked, unmasked, "no query of the masking")
