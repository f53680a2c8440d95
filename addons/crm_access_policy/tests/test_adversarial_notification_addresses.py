"""The address an e-mail notification went to, searched by an agent of team North.

The South customer's contact was notified by e-mail; agent1 sees the
address masked. A search of the whole address still finds the notification
(and its message), counted in agent1's window of searched values, and a list
of candidate addresses is bounded per search; no comparison nor order tells
a part of the address. One row per path: ``found`` (the notification is
found), ``hidden`` (a search used as an oracle: not found) or ``refused``.
The sender and recipients of messages are searched the same way. A
manager's searches are neither bound nor counted. The form of a
contact outside the portfolio (``onchange``) is refused to agent1, who may
not write it.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_adversarial_read import (
    CONTACT_EMAIL,
    AdversarialReadCommon,
    ids_of,
)

# Candidate addresses an insider would try in one search, the South one among them.
CANDIDATES = [f"buyer{n}@example.com" for n in range(1, 30)] + [CONTACT_EMAIL]
PARTNER_FORM_SPEC = {
    "name": {},
    "email": {},
    "phone": {},
    "mobile": {},
    "user_id": {},
    "parent_id": {"fields": {"display_name": {}, "email": {}}},
}


def _messages(test, model, domain):
    return ids_of(model.env["mail.message"].search(domain))


ROWS = [
    (
        "search =",
        lambda t, m: ids_of(m.search([("mail_email_address", "=", CONTACT_EMAIL)])),
        "found",
    ),
    (
        "search =ilike",
        lambda t, m: ids_of(m.search([("mail_email_address", "=ilike", CONTACT_EMAIL.upper())])),
        "found",
    ),
    (
        "search in",
        lambda t, m: ids_of(m.search([("mail_email_address", "in", [CONTACT_EMAIL])])),
        "found",
    ),
    (
        "message search",
        lambda t, m: _messages(t, m, [("notification_ids.mail_email_address", "=", CONTACT_EMAIL)]),
        "found message",
    ),
    ("search >", lambda t, m: ids_of(m.search([("mail_email_address", ">", "south.c")])), "hidden"),
    (
        "search <=",
        lambda t, m: ids_of(m.search([("mail_email_address", "<=", "south.d")])),
        "hidden",
    ),
    (
        "message search >",
        lambda t, m: _messages(t, m, [("notification_ids.mail_email_address", ">", "south.c")]),
        "hidden message",
    ),
    (
        "search in",
        lambda t, m: ids_of(m.search([("mail_email_address", "in", CANDIDATES)])),
        "refused",
    ),
    (
        "search_count in",
        lambda t, m: m.search_count([("mail_email_address", "in", CANDIDATES)]),
        "refused",
    ),
    (
        "search not in",
        lambda t, m: ids_of(m.search([("mail_email_address", "not in", CANDIDATES)])),
        "refused",
    ),
    (
        "message search in",
        lambda t, m: _messages(t, m, [("notification_ids.mail_email_address", "in", CANDIDATES)]),
        "refused",
    ),
]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialNotificationAddresses(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.message = cls.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": cls.south.id,
                "message_type": "comment",
                "body": "<p>your order is ready</p>",
            }
        )
        Notification = cls.env["mail.notification"]
        cls.notification = Notification.create(
            {
                "mail_message_id": cls.message.id,
                "notification_type": "email",
                "mail_email_address": CONTACT_EMAIL,
            }
        )
        cls.other = Notification.create(
            {
                "mail_message_id": cls.message.id,
                "notification_type": "email",
                "mail_email_address": "zz.other@example.org",
            }
        )

    def searched_keys(self, user):
        Searched = self.env["crm.access.search.log"].sudo()
        return Searched.search([("user_id", "=", user.id)]).mapped("value_key")

    def clear_searched(self):
        self.env["crm.access.search.log"].sudo().search([]).unlink()

    def test_the_setup_holds_the_secrets(self):
        [row] = (
            self.as_agent("mail.notification")
            .browse(self.notification.id)
            .read(["mail_email_address"])
        )
        self.assertEqual(row["mail_email_address"], "s***@example.com")

    def test_every_search_of_the_address(self):
        model = self.as_agent("mail.notification")
        for row, (path, attack, expected) in enumerate(ROWS):
            with self.subTest(row=row, path=path, expected=expected):
                if expected == "refused":
                    with self.assertRaises(Exception) as caught:
                        attack(self, model)
                    self.assertIsInstance(caught.exception, (AccessError, UserError))
                    continue
                result = attack(self, model)
                target = self.message.id if "message" in expected else self.notification.id
                if expected.startswith("found"):
                    self.assertIn(target, result)
                else:
                    self.assertNotIn(target, result)

    def test_a_whole_address_is_counted_once(self):
        Notification = self.as_agent("mail.notification")
        Searched = self.env["crm.access.search.log"].sudo()
        with self.enter_registry_test_mode():
            self.clear_searched()
            Notification.search([("mail_email_address", "=", CONTACT_EMAIL)])
            Notification.search([("mail_email_address", "ilike", CONTACT_EMAIL)])
            self.env["mail.message"].with_user(self.agent).search(
                [("notification_ids.mail_email_address", "=", CONTACT_EMAIL)]
            )
            self.assertEqual(self.searched_keys(self.agent), [Searched._value_key(CONTACT_EMAIL)])

    def test_managers_search_unbound(self):
        # a manager sees every customer: no bound, nothing counted
        Notification = self.env["mail.notification"].with_user(self.manager)
        with self.enter_registry_test_mode():
            self.clear_searched()
            found = Notification.search([("mail_email_address", "in", CANDIDATES)])
            self.assertIn(self.notification, found)
            ids = (self.notification | self.other).ids
            found = Notification.search([("id", "in", ids)], order="mail_email_address desc")
            self.assertEqual(found.ids, [self.other.id, self.notification.id])
            self.assertFalse(self.searched_keys(self.manager))

    def test_ordering_by_the_address_tells_nothing(self):
        Notification = self.as_agent("mail.notification")
        ids = (self.notification | self.other).ids
        for order in ("mail_email_address", "mail_email_address desc"):
            with self.subTest(order=order):
                found = Notification.search([("id", "in", ids)], order=order)
                self.assertEqual(found.ids, sorted(ids))

    def test_the_sender_and_recipients_of_messages_are_tested_counted(self):
        # a message of the South contact, and another: their addresses are
        # lists, searched as whole values only, bounded, counted, never an order
        messages = self.env["mail.message"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": self.south.id,
                    "message_type": "email",
                    "email_from": f"South contact <{CONTACT_EMAIL}>",
                    "incoming_email_cc": CONTACT_EMAIL,
                },
                {
                    "model": "res.partner",
                    "res_id": self.south.id,
                    "message_type": "email",
                    "email_from": "zz.other@example.org",
                },
            ]
        )
        Message = self.env["mail.message"].with_user(self.agent)
        Searched = self.env["crm.access.search.log"].sudo()
        for order in ("email_from", "email_from desc", "incoming_email_cc desc, id"):
            with self.subTest(order=order):
                found = Message.search([("id", "in", messages.ids)], order=order)
                self.assertEqual(found.ids, sorted(messages.ids))
        with self.enter_registry_test_mode():
            self.clear_searched()
            found = Message.search([("incoming_email_cc", "=", CONTACT_EMAIL)])
            self.assertEqual(found, messages[0])
            Message.search([("email_from", "ilike", CONTACT_EMAIL)])
            self.assertEqual(self.searched_keys(self.agent), [Searched._value_key(CONTACT_EMAIL)])
            self.assertFalse(Message.search([("email_from", "ilike", "south.c")]))
            with self.assertRaises(UserError):
                Message.search([("email_from", "in", CANDIDATES)])

    def test_the_form_of_a_contact_outside_the_portfolio_is_refused(self):
        # the round-trip of a form is for the users who may write the record:
        # agent1 gets none of a contact of South, whatever the form sends
        Partner = self.env["res.partner"].with_user(self.agent)
        iran = self.env.ref("base.ir").id
        for partner, values, names in (
            (self.south_contact, {}, []),
            (self.south_contact, {"user_id": self.agent.id}, []),
            (self.south_contact, {"parent_id": self.own.id}, []),
            (self.south, {"country_id": iran}, ["country_id"]),
            (self.south, {"country_id": iran, "user_id": self.agent.id}, ["country_id"]),
            (self.south_contact, {"parent_id": False, "country_id": iran}, ["country_id"]),
        ):
            with (
                self.subTest(partner=partner.name, values=values),
                self.assertRaises(AccessError),
            ):
                Partner.browse(partner.id).onchange(dict(values), list(names), PARTNER_FORM_SPEC)
