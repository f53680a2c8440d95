from markupsafe import Markup

from odoo.tests import tagged

from .common import AccessPolicyCommon

SOUTH_MOBILE = "09171112233"
SOUTH_EMAIL = "south.buyer@example.com"


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialFollowerEmails(AccessPolicyCommon):
    """What Odoo mails to a document's followers is masked as their chatter is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        for user in (cls.agent, cls.agent2, cls.manager):
            user.notification_type = "email"
            user.email = f"{user.login}@example.com"
        cls.south.message_subscribe(
            partner_ids=(cls.agent | cls.agent2 | cls.manager).partner_id.ids
        )

    def mailed_body(self, message, user):
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [("mail_message_id", "=", message.id), ("recipient_ids", "in", user.partner_id.ids)]
            )
        )
        self.assertEqual(len(mail), 1, user.login)
        return str(mail.body_html)

    def post_on_south(self, body):
        return self.south.with_user(self.agent2).message_post(
            body=Markup(body), message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def test_a_follower_outside_the_portfolio_gets_the_values_masked(self):
        message = self.post_on_south(f"<p>Call him on {SOUTH_MOBILE} or write to {SOUTH_EMAIL}</p>")
        body = self.mailed_body(message, self.agent)
        self.assertNotIn(SOUTH_MOBILE, body)
        self.assertNotIn(SOUTH_EMAIL, body)
        self.assertIn("0917***2233", body)
        self.assertIn("s***@example.com", body)
        self.assertIn("Call him on", body, "the rest of the text as written")
        # the portfolio and the Manager get it as written
        for user in (self.manager,):
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

    def test_a_document_of_the_portfolio_is_sent_as_written(self):
        self.north.message_subscribe(partner_ids=self.agent.partner_id.ids)
        message = self.north.message_post(
            body=Markup(f"<p>His number: {SOUTH_MOBILE}</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        # a number of another customer quoted on agent1's own customer: the
        # chatter masks it (the key is South's), the e-mail of a document the
        # follower sees in full carries it as written
        self.assertIn("09171112233", self.mailed_body(message, self.agent))
