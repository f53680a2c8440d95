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
"""

import re

from .copies_alone import ALONE_SECRETS
from .test_adversarial_read import SECRETS

# The digits of the phone numbers, whatever their format (a form formats them).
SECRET_DIGITS = ("9351234567", "9171112233", "2188776655")
# The South customer's e-mail and phone, as the client would send them.
PARTNER_SPEC = {"fields": {"display_name": {}, "email": {}, "phone": {}}}


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


class OnchangeAloneMixin:
    """Asserts for a bridge's test case (a ``CopiesAloneCommon``), which sets
    ``onchange_spec`` and ``onchange_email_field`` (the copy of the
    customer's e-mail), and calls :meth:`setup_onchange` in its
    ``setUpClass``."""

    onchange_spec = None
    onchange_email_field = None

    @classmethod
    def setup_onchange(cls, values):
        """Make ``of_south``, agent2's record of the South customer in the
        South portfolio, from ``values`` (the model's own), and ``own_team``,
        agent1's team."""
        cls.own_team = cls.portfolio_north
        cls.of_south = cls.env[cls.copied_model].create(
            {
                **values,
                "partner_id": cls.south.id,
                "user_id": cls.agent2.id,
                "team_id": cls.portfolio_south.id,
            }
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

    def assert_no_onchange_secret(self, result):
        text = repr(result)
        for secret in (*ALONE_SECRETS, *SECRETS):
            self.assertNotIn(secret, text)
        digits = [re.sub(r"\D", "", text) for text in _strings(result)]
        for secret in SECRET_DIGITS:
            self.assertFalse([text for text in digits if secret in text])


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
