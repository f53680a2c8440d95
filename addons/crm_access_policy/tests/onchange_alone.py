"""The form's server round-trip (``onchange``) of records agent1 sees masked.

Shared by the bridges whose models hold copies of identity values
(``crm.access.copied``). ``onchange`` puts the values of an existing record
in a new record (its ``_origin``), applies the values the client sends on
top of them, and returns the fields of the specification through
``web_read`` of that new record: what ``web_read`` of the record masks must
come masked there too, whatever the client sends (a salesperson of its own,
no customer, a customer of its own portfolio). Agent1 (team North) tries
agent2's record without customer of team South (``alone``) and agent2's
record of the South customer (``of_south``); each row is ``(path, attack)``,
the attack returning what agent1 got: served, with none of the South
customer's nor the walk-in's values in it. What agent1 types on a new record
comes back as typed.

A form also computes from what is typed or chosen: a customer chosen has
its e-mail and phone copied into the record (:func:`chosen_rows`: they come
masked when agent1 sees the customer masked), and a typed e-mail or phone
is looked up: the customer it belongs to (``cid_partner_id`` and its CID),
whether it differs from the chosen customer's (crm's ribbon
``partner_email_update`` / ``partner_phone_update``). Each probe of
:func:`probe_rows` is tried with the South customer's value and with a
value nobody holds: agent1 gets the same verdicts for both
(:data:`VERDICT_FIELDS`), so a form is no oracle of who holds a value.
"""

import re

from .copies_alone import ALONE_SECRETS
from .test_adversarial_read import SECRETS

# The digits of the phone numbers, whatever their format (a form formats them).
SECRET_DIGITS = ("9351234567", "9171112233", "2188776655")
# The South customer's e-mail and phone, as the client would send them.
PARTNER_SPEC = {"fields": {"display_name": {}, "email": {}, "phone": {}}}
# What a form computes from a typed value: the customer it resolves to, and
# whether it differs from the chosen customer's (a model may lack some).
VERDICT_FIELDS = {
    "cid_partner_id": {"fields": {"display_name": {}}},
    "cid": {},
    "partner_email_update": {},
    "partner_phone_update": {},
}
# Values nobody holds, the wrong guesses of a probe.
NOBODYS = {"email": "nobody.here@example.org", "phone": "09187776655"}


def onchange_rows(test):
    """Return the rows ``(path, attack)`` agent1 tries on ``test.alone`` and
    ``test.of_south`` (see the module); ``test.onchange_spec`` names the
    fields of the bridge's form."""

    def onchange(record, values, names):
        if any(fname not in record._fields for fname in values):
            # a field the bridge's model does not have
            return None

        def attack(model):
            spec = dict(test.onchange_spec, partner_id=PARTNER_SPEC)
            return model.browse(record.id).onchange(dict(values), list(names), spec)

        return attack

    agent, north, own = test.agent.id, test.own_team.id, test.own.id
    # a change of country formats the phone numbers of the form anew
    elsewhere = test.env.ref("base.ir").id
    alone, of_south = test.alone, test.of_south
    rows = [
        ("alone, form opened", onchange(alone, {}, [])),
        ("alone, own salesperson sent", onchange(alone, {"user_id": agent}, [])),
        (
            "alone, own team chosen",
            onchange(alone, {"user_id": agent, "team_id": north}, ["team_id"]),
        ),
        ("alone, own customer sent", onchange(alone, {"partner_id": own}, [])),
        ("alone, country changed", onchange(alone, {"country_id": elsewhere}, ["country_id"])),
        (
            "alone, own salesperson sent, country changed",
            onchange(
                alone,
                {"user_id": agent, "team_id": north, "country_id": elsewhere},
                ["country_id"],
            ),
        ),
        ("of South, form opened", onchange(of_south, {}, [])),
        ("of South, customer removed", onchange(of_south, {"partner_id": False}, [])),
        ("of South, own customer sent", onchange(of_south, {"partner_id": own}, [])),
        (
            "of South, own salesperson sent",
            onchange(of_south, {"user_id": agent, "team_id": north}, ["user_id"]),
        ),
        (
            "of South, customer removed, country changed",
            onchange(of_south, {"partner_id": False, "country_id": elsewhere}, ["country_id"]),
        ),
        (
            "of South, own customer sent, country changed",
            onchange(of_south, {"partner_id": own, "country_id": elsewhere}, ["country_id"]),
        ),
    ]
    return [(path, attack) for path, attack in rows if attack]


def probe_rows(test):
    """Return the probes ``(path, attack)`` of agent1 on ``test``'s forms:
    ``attack(model, guess)`` types ``guess`` (``{"email": ..., "phone":
    ...}``) in the form and returns what agent1 got."""
    email, phone = test.onchange_email_field, test.onchange_phone_field
    south, records = test.south.id, {"new": None, "own": test.of_own, "of South": test.of_south}
    sent = {
        "": {},
        "South chosen, ": {"partner_id": south},
        # the client says the value resolved to the South customer: the
        # answer would tell whether it still does
        "South sent as resolved, ": {"cid_partner_id": south},
    }
    rows = []
    for name, record in records.items():
        for kind, fname in (("email", email), ("phone", phone)):
            for what, values in sent.items():
                if fname and all(vname in test.env[test.copied_model]._fields for vname in values):
                    rows.append((f"{name}, {what}{kind} typed", record, values, kind, fname))

    def probe(record, chosen, kind, fname):
        def attack(model, guess):
            spec = dict(test.onchange_spec, partner_id=PARTNER_SPEC)
            spec.update(
                (vname, vspec) for vname, vspec in VERDICT_FIELDS.items() if vname in model._fields
            )
            values = dict(chosen, **{fname: guess[kind]})
            target = model.browse(record.id) if record else model
            return target.onchange(values, [fname], spec)

        return attack

    return [
        (path, probe(record, chosen, kind, fname)) for path, record, chosen, kind, fname in rows
    ]


def chosen_rows(test):
    """Return the rows ``(path, attack)`` where agent1 chooses a customer of
    team South on a form: new, of agent1's own customer, of the South
    customer (another contact of it), without customer (``alone``)."""
    south, contact = test.south.id, test.south_contact.id

    def choose(record, partner_id):
        def attack(model):
            spec = dict(test.onchange_spec, partner_id=PARTNER_SPEC)
            target = model.browse(record.id) if record else model
            return target.onchange({"partner_id": partner_id}, ["partner_id"], spec)

        return attack

    return [
        ("new, South customer chosen", choose(None, south)),
        ("new, South contact chosen", choose(None, contact)),
        ("own, South customer chosen", choose(test.of_own, south)),
        ("of South, South contact chosen", choose(test.of_south, contact)),
        ("alone, South customer chosen", choose(test.alone, south)),
    ]


class OnchangeAloneMixin:
    """Asserts for a bridge's test case (a ``CopiesAloneCommon``), which sets
    ``onchange_spec`` and ``onchange_email_field`` (the copy of the
    customer's e-mail), and calls :meth:`setup_onchange` in its
    ``setUpClass``."""

    onchange_spec = None
    onchange_email_field = None
    # the copy of the customer's phone, looked up when typed (None: no such field)
    onchange_phone_field = None

    @classmethod
    def setup_onchange(cls, values):
        """Make ``of_south``, agent2's record of the South customer in the
        South portfolio, and ``of_own``, agent1's record of their own
        customer, from ``values`` (the model's own), and ``own_team``,
        agent1's team."""
        cls.own_team = cls.portfolio_north
        cls.of_south, cls.of_own = cls.env[cls.copied_model].create(
            [
                {
                    **values,
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "team_id": team.id,
                }
                for partner, user, team in (
                    (cls.south, cls.agent2, cls.portfolio_south),
                    (cls.own, cls.agent, cls.portfolio_north),
                )
            ]
        )

    def assert_onchange_setup(self):
        self.assertEqual(self.of_south[self.onchange_email_field], self.south.email)
        # agent1 may write both: onchange asks for it, and the masking is all
        # that stands between
        self.assertTrue(self.of_south.with_user(self.agent).has_access("write"))
        self.assertTrue(self.alone.with_user(self.agent).has_access("write"))

    def assert_onchange_masked(self):
        model = self.as_agent()
        for path, attack in onchange_rows(self):
            with self.subTest(path=path):
                result = attack(model)
                self.assertIn("value", result)
                self.assert_no_onchange_secret(result)

    def assert_chosen_customer_masked(self):
        model = self.as_agent()
        for path, attack in chosen_rows(self):
            with self.subTest(path=path):
                result = attack(model)
                self.assertIn("value", result)
                self.assert_no_onchange_secret(result)

    def assert_typed_values_tell_nothing(self):
        model = self.as_agent()
        right = {"email": self.south.email, "phone": self.south.phone}
        for path, attack in probe_rows(self):
            with self.subTest(path=path):
                self.assertEqual(_verdicts(attack(model, right)), _verdicts(attack(model, NOBODYS)))

    def assert_portfolio_finds_the_owner(self):
        """The South agent and the manager, who see the South customer in
        full, get the customer the South e-mail typed on a new record
        resolves to, as before."""
        fname = self.onchange_email_field
        spec = dict(self.onchange_spec, cid_partner_id={}, cid={})
        for user in (self.agent2, self.manager):
            with self.subTest(user=user.login):
                Model = self.env[self.copied_model].with_user(user)
                result = Model.onchange({fname: self.south.email}, [fname], spec)
                self.assertEqual(result["value"]["cid_partner_id"], self.south.id)
                self.assertEqual(result["value"]["cid"], self.south.cid)

    def assert_no_onchange_secret(self, result):
        text = repr(result)
        for secret in (*ALONE_SECRETS, *SECRETS):
            self.assertNotIn(secret, text)
        digits = [re.sub(r"\D", "", text) for text in _strings(result)]
        for secret in SECRET_DIGITS:
            self.assertFalse([text for text in digits if secret in text])


def _verdicts(result):
    """Return the verdicts of :data:`VERDICT_FIELDS` an onchange ``result`` holds."""
    return {fname: result["value"].get(fname) for fname in VERDICT_FIELDS}


def _strings(value):
    """Yield the strings within ``value`` (dicts, lists and tuples walked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
