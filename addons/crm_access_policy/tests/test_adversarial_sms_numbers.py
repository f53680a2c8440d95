"""The number an SMS went to, tried by an agent of team North.

Two SMS of team South's customer: one sent to the customer (the partner
notified), one sent to the customer's mobile alone (no partner, the number
is an identity key of the customer). One row per path: ``masked`` (served,
no identity value of the South customer in it, counted in the access log),
``refused`` (an AccessError or a UserError) or ``hidden`` (a search used as
an oracle: the SMS are not among the results). The South agent, whose
portfolio holds the customer, reads the numbers as they are.

An SMS sent from a card or record agent1 sees masked to a number nobody
holds (typed in the composer: no contact, no key, no copy of the record)
is masked for agent1 too, on every path (:data:`UNMATCHED_CASES` times
:data:`UNMATCHED_PATHS`); the owner and the manager read it whole, and so
does agent1 on the SMS of their own customers.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tools.discuss import Store

from ..tools.mask import mask_phone
from .test_adversarial_read import SOUTH_MOBILE_E164, AdversarialReadCommon, ids_of

SOUTH_MOBILE_MASKED = mask_phone(SOUTH_MOBILE_E164)
NUMBER_SPEC = {"sms_number": {}, "notification_type": {}}
# Candidate numbers an insider would try in one search, the South one among them.
CANDIDATES = [f"+98917{n:07d}" for n in range(1, 100)] + [SOUTH_MOBILE_E164]


# A number no contact, key or record holds: typed in the SMS composer.
UNMATCHED_NUMBER = "+989199998877"
UNMATCHED_MASKED = mask_phone(UNMATCHED_NUMBER)


def _sms(test, model):
    return model.browse(test.sms.ids)


ROWS = [
    ("read", lambda t, m: _sms(t, m).read(["sms_number"]), "masked"),
    (
        "read",
        lambda t, m: _sms(t, m).read(["sms_number", "res_partner_id", "mail_message_id"]),
        "masked",
    ),
    (
        "search_read",
        lambda t, m: m.search_read([("id", "in", t.sms.ids)], ["sms_number", "res_partner_id"]),
        "masked",
    ),
    ("web_read", lambda t, m: _sms(t, m).web_read(NUMBER_SPEC), "masked"),
    (
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "in", t.sms.ids)], NUMBER_SPEC),
        "masked",
    ),
    (
        "message web_read",
        lambda t, m: (
            m.env["mail.message"]
            .browse(t.sms.mail_message_id.ids)
            .web_read({"notification_ids": {"fields": NUMBER_SPEC}})
        ),
        "masked",
    ),
    ("Store", lambda t, m: Store().add(_sms(t, m), ["sms_number"]).get_result(), "masked"),
    (
        "formatted_read_group",
        lambda t, m: m.formatted_read_group([("id", "in", t.sms.ids)], ["sms_number"], ["__count"]),
        "refused",
    ),
    (
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "in", t.sms.ids)], [], ["sms_number:array_agg"]
        ),
        "refused",
    ),
    (
        "web_read_group",
        lambda t, m: m.web_read_group([("id", "in", t.sms.ids)], ["sms_number"]),
        "refused",
    ),
    ("search", lambda t, m: ids_of(m.search([("sms_number", "ilike", "9171112")])), "hidden"),
    ("search", lambda t, m: ids_of(m.search([("sms_number", "like", "+98917%")])), "hidden"),
    ("search", lambda t, m: ids_of(m.search([("sms_number", "=like", "+98917%")])), "hidden"),
    (
        "search",
        lambda t, m: ids_of(m.search([("sms_number", "not ilike", "9171112")])),
        "hidden",
    ),
    (
        "search",
        lambda t, m: ids_of(
            m.env["mail.message"].search([("notification_ids.sms_number", "ilike", "9171112")])
        ),
        "hidden message",
    ),
    (
        "search",
        lambda t, m: ids_of(
            m.env["mail.message"].search(
                [("notification_ids", "any", [("sms_number", "=like", "+98917%")])]
            )
        ),
        "hidden message",
    ),
    ("search", lambda t, m: ids_of(m.search([("sms_number", "in", CANDIDATES)])), "refused"),
    ("search_count", lambda t, m: m.search_count([("sms_number", "in", CANDIDATES)]), "refused"),
    ("export", lambda t, m: _sms(t, m).export_data(["sms_number"]), "refused"),
    (
        "export",
        lambda t, m: (
            m.env["mail.message"]
            .browse(t.sms.mail_message_id.ids)
            .export_data(["notification_ids/sms_number"])
        ),
        "refused",
    ),
]

# The paths reading the number of one notification ``n``, as a user: what the
# user gets.
UNMATCHED_PATHS = [
    ("read", lambda m, n: m.browse(n.id).read(["sms_number"])),
    ("search_read", lambda m, n: m.search_read([("id", "=", n.id)], ["sms_number"])),
    ("web_read", lambda m, n: m.browse(n.id).web_read(NUMBER_SPEC)),
    ("web_search_read", lambda m, n: m.web_search_read([("id", "=", n.id)], NUMBER_SPEC)),
    ("Store", lambda m, n: Store().add(m.browse(n.id), ["sms_number"]).get_result()),
    (
        "Store built as superuser",
        lambda m, n: Store().add(m.sudo().browse(n.id), ["sms_number"]).get_result(),
    ),
]
# SMS sent to UNMATCHED_NUMBER from a document: (document, the document the
# test names so, the user reading, what the user gets: "masked" or "whole").
# A lead is tried where the bridge of leads is installed.
UNMATCHED_CASES = [
    ("South customer's card", "south", "agent", "masked"),
    ("South customer's card", "south", "agent2", "whole"),
    ("South customer's card", "south", "manager", "whole"),
    ("South contact's card", "south_contact", "agent", "masked"),
    ("South customer's lead", "south_lead", "agent", "masked"),
    ("South customer's lead", "south_lead", "agent2", "whole"),
    ("South lead without customer", "south_walkin_lead", "agent", "masked"),
    ("South lead without customer", "south_walkin_lead", "agent2", "whole"),
    ("South lead without customer", "south_walkin_lead", "manager", "whole"),
    ("North customer's card", "north", "agent", "whole"),
    ("own customer's card", "own", "agent", "whole"),
    ("North lead without customer", "north_walkin_lead", "agent", "whole"),
]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialSmsNumbers(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        message = cls.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": cls.south.id,
                "message_type": "sms",
                "body": "<p>your order is ready</p>",
            }
        )
        Notification = cls.env["mail.notification"]
        cls.to_partner = Notification.create(
            {
                "mail_message_id": message.id,
                "notification_type": "sms",
                "res_partner_id": cls.south.id,
                "sms_number": SOUTH_MOBILE_E164,
            }
        )
        cls.to_number = Notification.create(
            {
                "mail_message_id": message.id,
                "notification_type": "sms",
                "sms_number": SOUTH_MOBILE_E164,
            }
        )
        cls.sms = cls.to_partner | cls.to_number
        # an SMS to agent1's own customer, from its card, whose number agent1 sees
        cls.own.mobile = "09121234567"
        cls.own_sms = Notification.create(
            {
                "mail_message_id": cls.sms_message(cls.own).id,
                "notification_type": "sms",
                "res_partner_id": cls.own.id,
                "sms_number": "+989121234567",
            }
        )
        if "crm.lead" in cls.env:
            Lead = cls.env["crm.lead"]
            cls.south_lead = Lead.create(
                {
                    "name": "Opportunity of the south",
                    "type": "opportunity",
                    "partner_id": cls.south.id,
                    "user_id": cls.agent2.id,
                    "team_id": cls.team_south.id,
                }
            )
            cls.south_walkin_lead, cls.north_walkin_lead = Lead.create(
                [
                    {
                        "name": f"Walk-in of the {team.name}",
                        "user_id": user.id,
                        "team_id": team.id,
                        "phone": phone,
                    }
                    for team, user, phone in (
                        (cls.team_south, cls.agent2, "09351234567"),
                        (cls.team_north, cls.lead, "09361234567"),
                    )
                ]
            )
        # an SMS to a number nobody holds, from each document of the cases
        cls.unmatched_sms = {}
        for _case, name, _user, _expected in UNMATCHED_CASES:
            document = getattr(cls, name, None)
            if document is not None and name not in cls.unmatched_sms:
                cls.unmatched_sms[name] = Notification.create(
                    {
                        "mail_message_id": cls.sms_message(document).id,
                        "notification_type": "sms",
                        "sms_number": UNMATCHED_NUMBER,
                    }
                )

    @classmethod
    def sms_message(cls, document):
        """Return a new SMS message on ``document``."""
        return cls.env["mail.message"].create(
            {
                "model": document._name,
                "res_id": document.id,
                "message_type": "sms",
                "body": "<p>your order is ready</p>",
            }
        )

    def clear_logs(self):
        self.env["crm.access.log"].search([]).unlink()

    def log_of(self, user):
        self.env["crm.access.log"]._flush_reads(force=True)
        return self.env["crm.access.log"].search(
            [("user_id", "=", user.id), ("partner_id", "=", self.south.id)]
        )

    def test_the_setup_holds_the_secrets(self):
        self.assertEqual(set(self.sms.mapped("sms_number")), {SOUTH_MOBILE_E164})
        # the number alone is the South customer's mobile key
        keys = self.env["crm.cid.key"].search([("value_normalized", "=", SOUTH_MOBILE_E164)])
        self.assertEqual(keys.commercial_partner_id, self.south)
        self.assertTrue(self.sms.with_user(self.agent).has_access("read"))
        # the unmatched number is nobody's: no key, no contact
        self.assertFalse(
            self.env["crm.cid.key"]
            .with_context(active_test=False)
            .search([("value_normalized", "=", UNMATCHED_NUMBER)])
        )
        self.assertFalse(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("phone_mobile_search", "=", UNMATCHED_NUMBER)])
        )

    def test_every_path_of_the_number(self):
        for row, (path, attack, expected) in enumerate(ROWS):
            with self.subTest(row=row, path=path, expected=expected):
                self.clear_logs()
                Model = self.as_agent("mail.notification")
                if expected == "refused":
                    with self.assertRaises(Exception) as caught:
                        attack(self, Model)
                    self.assertIsInstance(caught.exception, (AccessError, UserError))
                    continue
                result = attack(self, Model)
                self.assert_no_secret(result)
                if expected == "hidden":
                    self.assertFalse(set(self.sms.ids).intersection(result))
                    continue
                if expected == "hidden message":
                    self.assertNotIn(self.sms.mail_message_id.id, result)
                    continue
                self.assertIn(SOUTH_MOBILE_MASKED, repr(result))
                self.assertTrue(self.log_of(self.agent), "an allowed read is not in the access log")

    def test_the_portfolio_reads_the_numbers(self):
        self.clear_logs()
        rows = self.sms.with_user(self.agent2).read(["sms_number"])
        self.assertEqual({row["sms_number"] for row in rows}, {SOUTH_MOBILE_E164})
        self.assertEqual(self.log_of(self.agent2).count, 1)
        data = Store().add(self.sms.with_user(self.agent2), ["sms_number"]).get_result()
        numbers = {entry["sms_number"] for entry in data["mail.notification"]}
        self.assertEqual(numbers, {SOUTH_MOBILE_E164})
        # agent1 sees their own customer's number, and the South one masked
        rows = (self.sms | self.own_sms).with_user(self.agent).read(["sms_number"])
        numbers = {row["id"]: row["sms_number"] for row in rows}
        self.assertEqual(numbers[self.own_sms.id], "+989121234567")
        self.assertEqual(numbers[self.to_partner.id], SOUTH_MOBILE_MASKED)
        self.assertEqual(numbers[self.to_number.id], SOUTH_MOBILE_MASKED)
        # and so does the manager, in full
        rows = self.sms.with_user(self.manager).read(["sms_number"])
        self.assertEqual({row["sms_number"] for row in rows}, {SOUTH_MOBILE_E164})

    def test_a_number_nobody_holds_follows_the_document_it_was_sent_from(self):
        for case, name, login, expected in UNMATCHED_CASES:
            notification = self.unmatched_sms.get(name)
            if notification is None:
                # a lead, without the bridge of leads
                continue
            user = getattr(self, login)
            Model = self.env["mail.notification"].with_user(user)
            for path, attack in UNMATCHED_PATHS:
                with self.subTest(case=case, user=login, path=path, expected=expected):
                    text = repr(attack(Model, notification))
                    if expected == "masked":
                        self.assertIn(UNMATCHED_MASKED, text)
                        self.assertNotIn("9199998877", text)
                    else:
                        self.assertIn(UNMATCHED_NUMBER, text)

    def test_the_documents_of_many_numbers_cost_the_queries_of_one(self):
        Notification = self.env["mail.notification"].with_user(self.agent)

        def queries(names):
            notifications = Notification.browse([self.unmatched_sms[name].id for name in names])
            self.env.invalidate_all()
            count = self.env.cr.sql_log_count
            notifications.read(["sms_number"])
            return self.env.cr.sql_log_count - count

        # a contact, a lead with customer, a lead without: each decided once
        partners = ["south", "south_contact", "north", "own"]
        leads = [name for name in self.unmatched_sms if name.endswith("lead")]
        queries(partners + leads)
        self.assertEqual(queries(partners), queries(["south"]))
        if leads:
            few = ["south", "south_lead", "south_walkin_lead"]
            self.assertEqual(queries(partners + leads), queries(few))

    def test_the_store_masks_for_the_user_the_data_is_for(self):
        # the Store is built as superuser, for agent1
        Notification = self.env["mail.notification"].with_user(self.agent).sudo()
        data = Store().add(Notification.browse(self.sms.ids), ["sms_number"]).get_result()
        numbers = {entry["sms_number"] for entry in data["mail.notification"]}
        self.assertEqual(numbers, {SOUTH_MOBILE_MASKED})

    def test_a_whole_number_still_finds_and_is_counted(self):
        Notification = self.as_agent("mail.notification")
        Searched = self.env["crm.access.search.log"].sudo()
        with self.enter_registry_test_mode():
            Searched.search([("user_id", "=", self.agent.id)]).unlink()
            found = Notification.search([("sms_number", "=", SOUTH_MOBILE_E164)])
            self.assertEqual(found, self.sms)
            # a pattern made of the whole value matches that value only
            found = Notification.search([("sms_number", "ilike", SOUTH_MOBILE_E164)])
            self.assertEqual(found, self.sms)
            keys = Searched.search([("user_id", "=", self.agent.id)])
            self.assertEqual(keys.mapped("value_key"), [Searched._value_key(SOUTH_MOBILE_E164)])

    def test_ordering_by_the_number_tells_nothing(self):
        Notification = self.as_agent("mail.notification")
        ids = (self.sms | self.own_sms).ids
        for order in ("sms_number", "sms_number desc"):
            with self.subTest(order=order):
                found = Notification.search([("id", "in", ids)], order=order)
                self.assertEqual(found.ids, sorted(ids))
