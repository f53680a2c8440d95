"""Identity values quoted in free text, tried by an agent of team North.

Two notes: one on team South's customer, quoting its mobile (in Persian
digits, spaced), its e-mail and national ID and a number nobody holds; one
on agent1's own North customer, quoting the South mobile next to the North
one. The same texts are the note of an activity on each customer and the
internal note of each customer. One row per read path: no South value (nor
the number on the South card) reaches agent1, the North values do. The
South agent reads the South texts as written.
"""

import json

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tools.discuss import Store

from .test_adversarial_read import SOUTH_NATIONAL_ID, AdversarialReadCommon

SOUTH_PERSIAN_MOBILE = "۰۹۱۷ ۱۱۱ ۲۲۳۳"
SOUTH_EMAIL_QUOTED = "South.Buyer@example.com"
NOBODY_NUMBER = "09351234567"
NORTH_MOBILE = "09111112233"
SOUTH_TEXT = (
    f"<p>mobile {SOUTH_PERSIAN_MOBILE}, mail {SOUTH_EMAIL_QUOTED}, "
    f"national ID {SOUTH_NATIONAL_ID}, his wife {NOBODY_NUMBER}</p>"
)
NORTH_TEXT = f"<p>ours {NORTH_MOBILE}, theirs 09171112233</p>"
# What agent1 must not receive of the South note, and what it must.
HIDDEN = (
    SOUTH_PERSIAN_MOBILE,
    "09171112233",
    "south.buyer",
    "South.Buyer",
    SOUTH_NATIONAL_ID,
    NOBODY_NUMBER,
)
SHOWN_MASKS = ("0917***2233", "S***@example.com", "001****679", "0935***4567")
BODY_SPEC = {"body": {}, "preview": {}}


def _notes(test, model):
    return model.browse((test.south_note | test.north_note).ids)


def _activities(test, model):
    return model.env["mail.activity"].browse((test.south_activity | test.north_activity).ids)


def _customers(test, model):
    return model.env["res.partner"].browse((test.south | test.north).ids)


def _calls(test, model):
    return model.env["crm.interaction"].browse((test.call | test.north_call).ids)


ROWS = [
    ("read", lambda t, m: _notes(t, m).read(["body"])),
    ("interaction read", lambda t, m: _calls(t, m).read(["summary", "body"])),
    (
        "interaction web_search_read",
        lambda t, m: m.env["crm.interaction"].web_search_read(
            [("id", "in", _calls(t, m).ids)], {"summary": {}}
        ),
    ),
    ("activity read", lambda t, m: _activities(t, m).read(["note"])),
    (
        "activity web_search_read",
        lambda t, m: m.env["mail.activity"].web_search_read(
            [("id", "in", _activities(t, m).ids)], {"note": {}}
        ),
    ),
    (
        "timeline",
        lambda t, m: [
            m.env["crm.interaction"].timeline_page(customer.id) for customer in (t.south, t.north)
        ],
    ),
    ("customer read", lambda t, m: _customers(t, m).read(["comment"])),
    ("customer web_read", lambda t, m: _customers(t, m).web_read({"comment": {}})),
    ("read preview", lambda t, m: _notes(t, m).read(["preview"])),
    (
        "search_read",
        lambda t, m: m.search_read([("id", "in", _notes(t, m).ids)], ["body", "preview"]),
    ),
    ("web_read", lambda t, m: _notes(t, m).web_read(BODY_SPEC)),
    (
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "in", _notes(t, m).ids)], BODY_SPEC),
    ),
    ("Store", lambda t, m: Store().add(_notes(t, m), ["body"]).get_result()),
    ("Store as in the chatter", lambda t, m: Store().add(_notes(t, m)).get_result()),
]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialMessageBodies(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Message = cls.env["mail.message"]
        note = cls.env.ref("mail.mt_note").id
        cls.south_note = Message.create(
            {
                "model": "res.partner",
                "res_id": cls.south.id,
                "message_type": "comment",
                "subtype_id": note,
                "body": SOUTH_TEXT,
            }
        )
        cls.north_note = Message.create(
            {
                "model": "res.partner",
                "res_id": cls.north.id,
                "message_type": "comment",
                "subtype_id": note,
                "body": NORTH_TEXT,
            }
        )
        todo = cls.env.ref("mail.mail_activity_data_todo").id
        partner_model = cls.env["ir.model"]._get_id("res.partner")
        cls.south_activity, cls.north_activity = cls.env["mail.activity"].create(
            [
                {
                    "res_model_id": partner_model,
                    "res_id": customer.id,
                    "activity_type_id": todo,
                    # agent1's own to-do: Odoo shows an activity to its user
                    "user_id": cls.agent.id,
                    "note": text,
                }
                for customer, text in ((cls.south, SOUTH_TEXT), (cls.north, NORTH_TEXT))
            ]
        )
        cls.south.comment = SOUTH_TEXT
        cls.north.comment = NORTH_TEXT
        # agent1's call of the South customer (AdversarialReadCommon), and one of North
        cls.call.summary = SOUTH_TEXT
        cls.north_call = cls.call.copy(
            {"partner_id": cls.north.id, "summary": NORTH_TEXT, "key_ids": []}
        )

    def test_the_setup_holds_the_secrets(self):
        self.assertIn(SOUTH_PERSIAN_MOBILE, str(self.south_note.body))
        notes = self.as_agent("mail.message").browse((self.south_note | self.north_note).ids)
        self.assertTrue(notes.has_access("read"))

    def test_every_path_of_the_bodies(self):
        for row, (path, attack) in enumerate(ROWS):
            with self.subTest(row=row, path=path):
                text = repr(attack(self, self.as_agent("mail.message")))
                for value in HIDDEN:
                    self.assertNotIn(value, text)
                self.assertIn(NORTH_MOBILE, text)
                if "preview" not in path:
                    for mask in SHOWN_MASKS:
                        self.assertIn(mask, text)

    def test_the_portfolio_reads_the_bodies(self):
        notes = self.south_note.with_user(self.agent2)
        self.assertEqual(notes.read(["body"])[0]["body"], SOUTH_TEXT)
        [row] = self.south_activity.read(["note"])
        self.assertEqual(row["note"], SOUTH_TEXT)
        [row] = self.south.with_user(self.agent2).read(["comment"])
        self.assertEqual(row["comment"], SOUTH_TEXT)
        data = Store().add(notes, ["body"]).get_result()
        self.assertEqual(data["mail.message"][0]["body"], ["markup", SOUTH_TEXT])
        # the North card is masked for agent2: every value quoted on it too
        [row] = self.north_note.with_user(self.agent2).read(["body"])
        self.assertEqual(row["body"], "<p>ours 0911***2233, theirs 0917***2233</p>")

    def test_a_manager_reads_every_body(self):
        rows = (self.south_note | self.north_note).with_user(self.manager).read(["body"])
        self.assertEqual([row["body"] for row in rows], [SOUTH_TEXT, NORTH_TEXT])

    def test_the_store_of_another_user(self):
        # data pushed to agent1 by agent2's action: masked for agent1
        note = self.south_note.with_user(self.agent2)
        data = Store(bus_channel=self.agent).add(note, ["body"]).get_result()
        self.assertNotIn(NOBODY_NUMBER, json.dumps(data, ensure_ascii=False))
        data = Store(bus_channel=self.agent2).add(note, ["body"]).get_result()
        self.assertIn(NOBODY_NUMBER, json.dumps(data, ensure_ascii=False))

    def test_a_text_without_values_costs_no_query(self):
        Message = self.as_agent("mail.message")
        texts = {self.south_note.id: "<p>call back tomorrow, order S00012</p>"}
        with self.assertQueryCount(0):
            self.assertEqual(Message._crm_access_quoted_hidden(texts, self.agent), {})

    def test_values_split_by_markup_are_masked(self):
        # the South mobile and e-mail, part of them in bold or italics, on
        # agent1's own North card and on the South card
        split = "0917<b>111</b>2233, South<i>.</i>Buyer@example.com"
        note = self.env.ref("mail.mt_note").id
        on_north, on_south = self.env["mail.message"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": customer.id,
                    "message_type": "comment",
                    "subtype_id": note,
                    "body": body,
                }
                for customer, body in (
                    (self.north, f"<p>ours {NORTH_MOBILE}, theirs {split}</p>"),
                    (self.south, f"<p>{split}</p>"),
                )
            ]
        )
        masked = "0917***2233<b></b>, S***@example.com<i></i>"
        expected = [f"<p>ours {NORTH_MOBILE}, theirs {masked}</p>", f"<p>{masked}</p>"]
        Message = self.as_agent("mail.message")
        messages = Message.browse((on_north | on_south).ids)
        domain = [("id", "in", messages.ids)]
        paths = [
            ("read", lambda: messages.read(["body"])),
            ("web_read", lambda: messages.web_read({"body": {}})),
            ("search_read", lambda: Message.search_read(domain, ["body"], order="id")),
            (
                "web_search_read",
                lambda: Message.web_search_read(domain, {"body": {}}, order="id")["records"],
            ),
            # the chatter, /mail/thread/messages, the inbox: ["markup", html]
            (
                "Store",
                lambda: [
                    {"body": entry["body"][1]}
                    for entry in sorted(
                        Store().add(messages, ["body"]).get_result()["mail.message"],
                        key=lambda entry: entry["id"],
                    )
                ],
            ),
        ]
        for path, attack in paths:
            with self.subTest(path=path):
                self.assertEqual([str(row["body"]) for row in attack()], expected)
        # the South portfolio reads them as written
        [row] = on_south.with_user(self.agent2).read(["body"])
        self.assertEqual(row["body"], f"<p>{split}</p>")

    def test_searching_the_bodies_for_values_is_bounded(self):
        Message = self.as_agent("mail.message")
        # one whole number: counted, answered
        Message.search([("body", "ilike", "09171112233")])
        candidates = [f"0917{n:07d}" for n in range(1, 100)]
        with self.assertRaises(UserError):
            Message.search([("body", "in", candidates)])
        # plain words are no identity values
        Message.search([("body", "ilike", "wife")])
        for model, fname in (("mail.activity", "note"), ("res.partner", "comment")):
            with self.assertRaises(UserError):
                self.as_agent(model).search([(fname, "in", candidates)])


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialMessageBodiesHttp(AdversarialReadCommon, HttpCase):
    """The chatter of the South customer over HTTP, with agent1's session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south_note = cls.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": cls.south.id,
                "message_type": "comment",
                "subtype_id": cls.env.ref("mail.mt_note").id,
                "body": SOUTH_TEXT,
            }
        )

    def test_thread_messages(self):
        self.authenticate(self.agent.login, self.agent.login)
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "res.partner", "thread_id": self.south.id}
        )
        text = json.dumps(result, ensure_ascii=False)
        self.assertIn("0917***2233", text)
        for value in HIDDEN:
            self.assertNotIn(value, text)
        self.authenticate(self.agent2.login, self.agent2.login)
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "res.partner", "thread_id": self.south.id}
        )
        self.assertIn(SOUTH_PERSIAN_MOBILE, json.dumps(result, ensure_ascii=False))
