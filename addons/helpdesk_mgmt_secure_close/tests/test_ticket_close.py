import re

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "helpdesk_mgmt_secure_close")
class TestTicketClose(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = new_test_user(cls.env, login="ap_portal_alice", groups="base.group_portal")
        cls.bob = new_test_user(cls.env, login="ap_portal_bob", groups="base.group_portal")
        cls.closed = cls.env["helpdesk.ticket.stage"].create(
            {"name": "Closed by customer", "closed": True, "close_from_portal": True}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Broken printer",
                "description": "<p>It prints nothing.</p>",
                "partner_id": cls.alice.partner_id.id,
                "team_id": False,
            }
        )
        cls.open_stage = cls.ticket.stage_id

    def csrf_token(self):
        """The session's CSRF token, as a portal page gives it to its forms."""
        page = self.url_open("/my/home").text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def post_close(self, login):
        self.authenticate(login, login)
        return self.url_open(
            "/ticket/close",
            data={
                "ticket_id": self.ticket.id,
                "stage_id": self.closed.id,
                "csrf_token": self.csrf_token(),
            },
            allow_redirects=False,
        )

    def test_another_customer_cannot_close_the_ticket(self):
        response = self.post_close("ap_portal_bob")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.ticket.stage_id, self.open_stage)

    def test_get_and_missing_csrf_are_refused(self):
        self.authenticate("ap_portal_alice", "ap_portal_alice")
        query = f"/ticket/close?ticket_id={self.ticket.id}&stage_id={self.closed.id}"
        self.assertEqual(self.url_open(query, allow_redirects=False).status_code, 405)
        response = self.url_open(
            "/ticket/close",
            data={"ticket_id": self.ticket.id, "stage_id": self.closed.id},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.ticket.stage_id, self.open_stage)

    def test_the_customer_closes_their_ticket(self):
        response = self.post_close("ap_portal_alice")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.ticket.stage_id, self.closed)

    def test_a_stage_the_portal_may_not_use_is_refused(self):
        self.closed.close_from_portal = False
        self.assertEqual(self.post_close("ap_portal_alice").status_code, 404)
        self.assertEqual(self.ticket.stage_id, self.open_stage)

    def test_the_portal_close_buttons_post_with_a_token(self):
        arch = self.env.ref("helpdesk_mgmt.portal_helpdesk_ticket_page").get_combined_arch()
        form = re.search(r'<form[^>]*action="/ticket/close".*?</form>', arch, re.S).group(0)
        self.assertIn('method="POST"', form)
        self.assertIn('name="csrf_token"', form)
