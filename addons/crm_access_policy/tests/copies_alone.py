"""Copies on a record without customer, tried by an agent outside its portfolio.

Shared by the bridges whose models hold copies of identity values
(``crm.access.copied``): a lead or a ticket that came without customer (a
website form, an e-mail to an alias) belongs to its salesperson or assigned
user and to its team. Agent1 (team North) may read the record of agent2
(team South) through the record rules of the bridge's module, and sees its
e-mail and phone masked; the owner, the team and anyone on a record of
nobody see them as stored.

Each bridge says which model it tries, which of its fields hold the
walk-in's values, which groups let agent1 read every record and which teams
make the portfolios; :class:`CopiesAloneCommon` creates the records and holds
the checks. The rows, built by :func:`alone_rows`, are ``(path, attack,
expected)``, an attack taking the test case and the model as agent1 and
returning what the agent got; ``masked`` (served, none of
:data:`ALONE_SECRETS` in it), ``refused`` (an AccessError or a UserError) or
``hidden`` (a search used as an oracle: the record is not found).

The messages of the record (:data:`MESSAGE_ROWS`) show the record's own
e-mail masked to agent1 wherever it is one of their addresses: the
walk-in's e-mail, sent without a known sender; the number an SMS of the
record went to is masked when it is the record's own phone
(:data:`SMS_ROWS`, for a model whose copies hold a phone). The composer
does not suggest agent1 the record's own e-mail
(:data:`SUGGESTION_ROWS`), nor makes a contact of it.
"""

import json

from odoo.exceptions import AccessError, UserError

from odoo.addons.mail.tools.discuss import Store

from ..models.crm_access_copied import COPIED_MASKS
from ..tools.mask import mask_phone
from .test_adversarial_read import AdversarialReadCommon, unfolded

ALONE_EMAIL = "walkin.visitor@example.net"
ALONE_PHONE = "09351234567"
ALONE_PHONE_E164 = "+989351234567"
# Each value of the walk-in: as agent1 sees it masked, and the operator of a
# search on the whole value.
ALONE_VALUES = {
    ALONE_EMAIL: ("w***@example.net", "=ilike"),
    ALONE_PHONE: ("0935***4567", "="),
}
# The walk-in's e-mail, quoting its own number and address.
WALKIN_BODY = f"<p>please call me back on {ALONE_PHONE} or write to {ALONE_EMAIL}</p>"
# What agent1 must never receive of agent2's record without customer.
ALONE_SECRETS = (ALONE_EMAIL, "walkin.visitor", ALONE_PHONE, "9351234567")
# Parts of the values an oracle would test, with the operator that tests them.
ALONE_FRAGMENTS = (
    ("ilike", "walkin.vis"),
    ("=like", "walkin%"),
    ("ilike", "0935123"),
    ("=like", "0935%"),
)

# The records of other portfolios, with the walk-in's values too: (name, owner,
# team); "{team}" is the word of the bridge for a team. Agent1 sees the values
# of "south {team}, nobody's" masked, of the others as stored.
OTHER_PORTFOLIOS = (
    ("south {team}, nobody's", None, "south"),
    ("north {team}, nobody's", None, "north"),
    ("north {team}, agent2's", "agent2", "north"),
    ("south {team}, agent1's", "agent", "south"),
    ("nobody's", None, None),
)
MASKED_OTHER = "south {team}, nobody's"


def alone_rows(spec, read_fnames, search_read_fnames, group_fname, searches, read_all=False):
    """The rows of the read paths of a model, tried on ``t.alone``.

    :param spec: the specification of ``web_read`` and its kin
    :param read_fnames: the fields ``read`` asks for
    :param search_read_fnames: the fields ``search_read`` asks for
    :param group_fname: the field ``formatted_read_group`` groups by (refused)
    :param searches: the domains of searches used as oracles (hidden)
    :param read_all: whether ``read`` of every field is tried too
    """
    rows = [("read", lambda t, m: m.browse(t.alone.id).read(read_fnames), "masked")]
    if read_all:
        rows.append(("read", lambda t, m: m.browse(t.alone.id).read(), "masked"))
    rows += [
        (
            "search_read",
            lambda t, m: m.search_read([("id", "=", t.alone.id)], search_read_fnames),
            "masked",
        ),
        ("web_read", lambda t, m: m.browse(t.alone.id).web_read(spec), "masked"),
        (
            "web_search_read",
            lambda t, m: m.web_search_read([("id", "=", t.alone.id)], spec),
            "masked",
        ),
        unfolded("alone", ["stage_id"], spec),
        (
            "name_search",
            lambda t, m: [pair[0] for pair in m.name_search("walkin.vis")],
            "hidden",
        ),
        (
            "formatted_read_group",
            lambda t, m: m.formatted_read_group(
                [("id", "=", t.alone.id)], [group_fname], ["__count"]
            ),
            "refused",
        ),
    ]
    rows += [
        ("search", lambda t, m, domain=domain: m.search(domain).ids, "hidden")
        for domain in searches
    ]
    return rows


# The walk-in's e-mail on the record's chatter, and what its addresses show.
WALKIN_FROM = f"Walk-in <{ALONE_EMAIL}>"
WALKIN_FROM_MASKED = "Walk-in <w***@example.net>"
MESSAGE_FIELDS = ["email_from", "incoming_email_to", "incoming_email_cc", "reply_to", "body"]
NOTIFICATION_FIELDS = ["mail_email_address", "sms_number"]


def _message_of(test, model):
    return model.env["mail.message"].browse(test.walkin_message.id)


def _store_of(test, model):
    return Store().add(_message_of(test, model)).get_result()["mail.message"]


def _sms_of(test, model):
    return model.env["mail.notification"].browse(test.walkin_sms.id)


def _suggested(test, model, **kwargs):
    return model.browse(test.walkin_record.id)._message_get_suggested_recipients(
        reply_discussion=True, **kwargs
    )


def _thread_store(test, model):
    store = Store()
    model.browse(test.walkin_record.id)._thread_to_store(
        store, [], request_list=["suggestedRecipients"]
    )
    return store.get_result()


# The composer's suggestions on the record, for agent1: its own e-mail is
# not among them (the others are).
SUGGESTION_ROWS = [
    ("suggested recipients", lambda t, m: _suggested(t, m, no_create=True), "masked"),
    ("suggested recipients, created", lambda t, m: _suggested(t, m, no_create=False), "masked"),
    ("chatter's suggestions", _thread_store, "masked"),
]


def _read_rows(what, record_of, fnames, web_search=True):
    """The rows reading a record's ``fnames`` through each ORM read path."""
    spec = dict.fromkeys(fnames, {})

    def domain(t, m):
        return [("id", "=", record_of(t, m).id)]

    rows = [
        (f"{what} read", lambda t, m: record_of(t, m).read(fnames), "masked"),
        (
            f"{what} search_read",
            lambda t, m: record_of(t, m).search_read(domain(t, m), fnames),
            "masked",
        ),
        (f"{what} web_read", lambda t, m: record_of(t, m).web_read(spec), "masked"),
    ]
    if web_search:
        rows.append(
            (
                f"{what} web_search_read",
                lambda t, m: record_of(t, m).web_search_read(domain(t, m), spec),
                "masked",
            )
        )
    return rows


MESSAGE_ROWS = [
    *_read_rows("message", _message_of, MESSAGE_FIELDS),
    ("message Store", _store_of, "masked"),
    (
        "notification read",
        lambda t, m: (
            m.env["mail.notification"].browse(t.walkin_notification.id).read(["mail_email_address"])
        ),
        "masked",
    ),
    (
        "notification Store",
        lambda t, m: (
            Store()
            .add(
                m.env["mail.notification"].browse(t.walkin_notification.id), ["mail_email_address"]
            )
            .get_result()
        ),
        "masked",
    ),
]

# The SMS of the record sent to its own phone (a model whose copies hold one).
SMS_ROWS = [
    *_read_rows("SMS", _sms_of, NOTIFICATION_FIELDS, web_search=False),
    (
        "SMS Store",
        lambda t, m: Store().add(_sms_of(t, m), ["sms_number"]).get_result(),
        "masked",
    ),
    (
        "SMS search",
        lambda t, m: m.env["mail.notification"].search([("sms_number", "ilike", "935123")]).ids,
        "hidden sms",
    ),
]


class CopiesAloneCommon(AdversarialReadCommon):
    """A bridge's record without customer, and how to attack it.

    ``cls.alone`` is agent2's record of team South, ``cls.others`` the
    records of :data:`OTHER_PORTFOLIOS` by name, all without customer.
    """

    # the model tried, set by the bridge's test class
    copied_model = None
    # the values every record is created with, the walk-in's among them
    alone_values = None
    # the fields holding the walk-in's values (see ALONE_VALUES), e-mail first
    alone_fields = ()
    # the fields whose parts are tried as oracles
    fragment_fields = ()
    # the group that lets the users read every record of the model
    read_all_group = None
    # the fields of the record's owner and team: its portfolio
    owner_field = "user_id"
    team_field = "team_id"
    # what the bridge calls a team, in the names of the records
    team_word = "team"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        read_all = cls.env.ref(cls.read_all_group)
        for user in (cls.agent, cls.agent2, cls.lead, cls.manager):
            user.group_ids += read_all
        cls.portfolio_north, cls.portfolio_south = cls.portfolio_teams()
        cls.alone = cls.create_alone("Walk-in of the south", cls.agent2, cls.portfolio_south)
        teams = {"north": cls.portfolio_north, "south": cls.portfolio_south}
        cls.others = {
            name.format(team=cls.team_word): cls.create_alone(
                name.format(team=cls.team_word),
                getattr(cls, owner) if owner else None,
                teams[team] if team else None,
            )
            for name, owner, team in OTHER_PORTFOLIOS
        }
        cls.post_walkin_email(cls.alone)

    @classmethod
    def portfolio_teams(cls):
        """Return the teams North (led by the Team Lead, agent1 its member)
        and South (agent2 its member) of the model's portfolios."""
        raise NotImplementedError

    @classmethod
    def create_alone(cls, name, owner, team):
        """Create a record without customer, holding the walk-in's values."""
        return cls.env[cls.copied_model].create(
            {
                **cls.alone_values,
                "name": name,
                cls.owner_field: owner.id if owner else False,
                cls.team_field: team.id if team else False,
            }
        )

    def alone_of(self, fnames):
        """The walk-in's values of ``fnames``, as stored and as masked."""
        full = tuple(self.alone_values[fname] for fname in fnames)
        return full, tuple(ALONE_VALUES[value][0] for value in full)

    def check_the_setup_holds_the_secrets(self):
        self.assertFalse(self.alone.partner_id)
        fnames = self.alone_fields
        self.assertEqual(tuple(self.alone[fname] for fname in fnames), self.alone_of(fnames)[0])
        # agent1 may read the record: the masking is all that stands between
        self.assertTrue(self.alone.with_user(self.agent).has_access("read"))

    def check_no_part_of_the_values_finds_the_record(self):
        self.assert_no_fragment_finds(self.alone, self.fragment_fields)
        # the whole value still finds it
        Model = self.as_agent()
        for fname in self.alone_fields:
            value = self.alone_values[fname]
            operator = ALONE_VALUES[value][1]
            self.assertIn(self.alone, Model.search([(fname, operator, value)]))

    def check_the_portfolio_of_the_record_decides(self):
        fnames = self.alone_fields
        full, masked = self.alone_of(fnames)
        # the owner, the Team Lead of North (not of South), the manager
        self.assertEqual(self.read_as(self.agent2, self.alone, fnames), full)
        self.assertEqual(self.read_as(self.lead, self.alone, fnames), masked)
        self.assertEqual(self.read_as(self.manager, self.alone, fnames), full)
        masked_other = MASKED_OTHER.format(team=self.team_word)
        for name, record in self.others.items():
            with self.subTest(record=name):
                values = masked if name == masked_other else full
                self.assertEqual(self.read_as(self.agent, record, fnames), values)
        # the Team Lead of North sees the records of its team
        of_north = self.others[f"north {self.team_word}, agent2's"]
        self.assertEqual(self.read_as(self.lead, of_north, fnames), full)
        # inside its portfolio a part of a value finds the record
        found = self.as_agent().search([(fnames[0], "ilike", "walkin.vis")])
        self.assertIn(self.others[f"north {self.team_word}, nobody's"], found)
        self.assertNotIn(self.others[masked_other], found)

    def check_a_masked_value_sent_back_keeps_the_real_one(self):
        fnames = self.alone_fields
        full, masked = self.alone_of(fnames)
        self.alone.with_user(self.agent).write(dict(zip(fnames, masked, strict=True)))
        self.assertEqual(tuple(self.alone[fname] for fname in fnames), full)

    def as_agent(self, model=None):
        return super().as_agent(model or self.copied_model)

    def assert_no_alone_secret(self, result):
        text = repr(result)
        for secret in ALONE_SECRETS:
            self.assertNotIn(secret, text)

    def assert_rows(self, rows, record):
        """Assert each row of ``rows`` against ``record`` (see the module)."""
        for row, (path, attack, expected) in enumerate(rows):
            with self.subTest(row=row, path=path, expected=expected):
                if expected == "refused":
                    with self.assertRaises(Exception) as caught:
                        attack(self, self.as_agent())
                    self.assertIsInstance(caught.exception, (AccessError, UserError))
                    continue
                result = attack(self, self.as_agent())
                self.assert_no_alone_secret(result)
                if expected == "hidden":
                    self.assertNotIn(record.id, result)
                elif expected == "hidden sms":
                    self.assertNotIn(self.walkin_sms.id, result)
                else:
                    self.assertTrue(result, "the attack reads nothing: it proves nothing")

    def assert_no_fragment_finds(self, record, fnames):
        """No part of the values of ``record`` finds it for agent1."""
        Model = self.as_agent()
        for fname in fnames:
            for operator, fragment in ALONE_FRAGMENTS:
                with self.subTest(field=fname, fragment=fragment):
                    found = Model.search([(fname, operator, fragment), ("id", "=", record.id)])
                    self.assertFalse(found)

    def read_as(self, user, record, fnames):
        """Return the values of ``fnames`` of ``record`` as ``user`` reads them."""
        [row] = record.with_user(user).read(fnames)
        return tuple(row[fname] for fname in fnames)

    @classmethod
    def post_walkin_email(cls, record):
        """Put on ``record`` the walk-in's e-mail, received without a known
        sender, a notification of the reply sent to the walk-in, and an SMS
        sent to the record's own phone."""
        cls.walkin_record = record
        cls.walkin_message = cls.env["mail.message"].create(
            {
                "model": record._name,
                "res_id": record.id,
                "message_type": "email",
                "subtype_id": cls.env.ref("mail.mt_comment").id,
                "author_id": False,
                "email_from": WALKIN_FROM,
                "reply_to": WALKIN_FROM,
                "incoming_email_to": "Sales <sales@example.org>",
                "incoming_email_cc": f"{WALKIN_FROM}, Reception <reception@example.org>",
                "body": WALKIN_BODY,
            }
        )
        reply = record.message_post(body="<p>we will</p>", message_type="comment")
        cls.walkin_notification = cls.env["mail.notification"].create(
            {
                "mail_message_id": reply.id,
                "notification_type": "email",
                "mail_email_address": ALONE_EMAIL,
            }
        )
        cls.walkin_sms = cls.env["mail.notification"].create(
            {
                "mail_message_id": reply.id,
                "notification_type": "sms",
                "sms_number": ALONE_PHONE_E164,
            }
        )

    def assert_messages_masked(self, record):
        """Agent1 sees the walk-in's address masked on the messages of
        ``record``, the others as they are; its owner sees them all."""
        self.assert_rows(MESSAGE_ROWS, record)
        if self.has_phone_copies(record):
            self.assert_rows(SMS_ROWS, record)
            self.assert_sms_masked(record)
        [row] = _message_of(self, self.as_agent()).read(MESSAGE_FIELDS)
        self.assertEqual(row["email_from"], WALKIN_FROM_MASKED)
        self.assertEqual(row["incoming_email_to"], "Sales <sales@example.org>")
        self.assertIn("reception@example.org", row["incoming_email_cc"])
        self.assertEqual(
            row["body"], "<p>please call me back on 0935***4567 or write to w***@example.net</p>"
        )
        [row] = self.walkin_message.with_user(record.user_id).read(MESSAGE_FIELDS)
        self.assertEqual(row["body"], WALKIN_BODY)
        self.assertEqual(row["email_from"], WALKIN_FROM)
        self.assertEqual(row["reply_to"], WALKIN_FROM)
        self.assertIn(ALONE_EMAIL, row["incoming_email_cc"])
        [data] = (
            Store().add(self.walkin_message.with_user(record.user_id)).get_result()["mail.message"]
        )
        self.assertEqual(data["email_from"], WALKIN_FROM)
        notification = self.walkin_notification.with_user(record.user_id)
        self.assertEqual(
            notification.read(["mail_email_address"])[0]["mail_email_address"], ALONE_EMAIL
        )

    def has_phone_copies(self, record):
        return any(COPIED_MASKS[fname] is mask_phone for fname in record._crm_access_mask_fields())

    def assert_description_masked(self, record):
        """The values quoted in ``record``'s description: masked for agent1,
        as written for the owner."""
        record.description = WALKIN_BODY
        [row] = record.with_user(self.agent).read(["description"])
        self.assertEqual(
            row["description"],
            "<p>please call me back on 0935***4567 or write to w***@example.net</p>",
        )
        [row] = record.with_user(record.user_id).read(["description"])
        self.assertEqual(row["description"], WALKIN_BODY)

    def assert_sms_masked(self, record):
        """The SMS sent to ``record``'s own phone: masked for agent1, as
        sent for the owner; a whole number finds it."""
        [row] = self.walkin_sms.with_user(self.agent).read(["sms_number"])
        self.assertEqual(row["sms_number"], "+98935***4567")
        [row] = self.walkin_sms.with_user(record.user_id).read(["sms_number"])
        self.assertEqual(row["sms_number"], ALONE_PHONE_E164)
        Notification = self.env["mail.notification"].with_user(self.agent)
        self.assertIn(self.walkin_sms, Notification.search([("sms_number", "=", ALONE_PHONE_E164)]))

    def assert_suggestions_hidden(self, record):
        """The composer suggests agent1 the other addresses of ``record``'s
        discussion, not its own e-mail, and makes no contact of it; the
        owner gets it suggested."""
        Partner = self.env["res.partner"].with_context(active_test=False)
        self.assertFalse(Partner.search([("email_normalized", "=", ALONE_EMAIL)]))
        # agent1 may make contacts: the suggestions made on the fly would
        self.agent.group_ids += self.env.ref("base.group_partner_manager")
        self.assert_rows(SUGGESTION_ROWS, record)
        self.assertFalse(Partner.search([("email_normalized", "=", ALONE_EMAIL)]))
        emails = [row["email"] for row in _suggested(self, self.as_agent(), no_create=True)]
        self.assertIn("reception@example.org", emails)
        owned = record.with_user(record.user_id)
        emails = [row["email"] for row in _suggested(self, owned, no_create=True)]
        self.assertIn(ALONE_EMAIL, emails)

    def assert_thread_messages_masked(self, record):
        """The ``/mail/thread/messages`` route over HTTP: masked for agent1
        in its session, as stored for the owner (an ``HttpCase`` only)."""
        params = {"thread_model": record._name, "thread_id": record.id}
        self.authenticate(self.agent.login, self.agent.login)
        result = self.make_jsonrpc_request("/mail/thread/messages", params)
        self.assert_no_alone_secret(json.dumps(result))
        messages = {row["id"]: row for row in result["data"]["mail.message"]}
        self.assertEqual(messages[self.walkin_message.id]["email_from"], WALKIN_FROM_MASKED)
        owner = record.user_id
        self.authenticate(owner.login, owner.login)
        result = self.make_jsonrpc_request("/mail/thread/messages", params)
        messages = {row["id"]: row for row in result["data"]["mail.message"]}
        self.assertEqual(messages[self.walkin_message.id]["email_from"], WALKIN_FROM)

    def assert_recipient_routes_hidden(self, record):
        """The composer's routes over HTTP: agent1 is not suggested the
        record's own e-mail, and no contact is made of it; the owner is
        suggested it (an ``HttpCase`` only)."""
        params = {"thread_model": record._name, "thread_id": record.id}
        thread_data = [["mail.thread", {**params, "request_list": ["suggestedRecipients"]}]]
        self.authenticate(self.agent.login, self.agent.login)
        self.agent.group_ids += self.env.ref("base.group_partner_manager")
        for route, route_params in (
            ("/mail/thread/recipients", params),
            ("/mail/thread/recipients/get_suggested_recipients", {**params, "partner_ids": []}),
            ("/mail/data", {"fetch_params": thread_data}),
        ):
            with self.subTest(route=route):
                result = self.make_jsonrpc_request(route, route_params)
                self.assert_no_alone_secret(json.dumps(result))
        Partner = self.env["res.partner"].with_context(active_test=False)
        self.assertFalse(Partner.search([("email_normalized", "=", ALONE_EMAIL)]))
        owner = record.user_id
        self.authenticate(owner.login, owner.login)
        result = self.make_jsonrpc_request("/mail/data", {"fetch_params": thread_data})
        self.assertIn(ALONE_EMAIL, json.dumps(result))
