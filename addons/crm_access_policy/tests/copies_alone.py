"""Copies on a record without customer, tried by an agent outside its portfolio.

Shared by the bridges whose models hold copies of identity values
(``crm.access.copied``): a lead or a ticket that came without customer (a
website form, an e-mail to an alias) belongs to its salesperson or assigned
user and to its team. Agent1 (team North) may read the record of agent2
(team South) through the record rules of the bridge's module, and sees its
e-mail and phone masked; the owner, the team and anyone on a record of
nobody see them as stored.

Each bridge gives its rows: ``(path, attack, expected)``, an attack taking
the test case and the model as agent1 and returning what the agent got;
``masked`` (served, none of :data:`ALONE_SECRETS` in it), ``refused`` (an
AccessError or a UserError) or ``hidden`` (a search used as an oracle: the
record is not found).
"""

from odoo.exceptions import AccessError, UserError

from .test_adversarial_read import AdversarialReadCommon

ALONE_EMAIL = "walkin.visitor@example.net"
ALONE_PHONE = "09351234567"
# What agent1 must never receive of agent2's record without customer.
ALONE_SECRETS = (ALONE_EMAIL, "walkin.visitor", ALONE_PHONE, "9351234567")
# Parts of the values an oracle would test, with the operator that tests them.
ALONE_FRAGMENTS = (
    ("ilike", "walkin.vis"),
    ("=like", "walkin%"),
    ("ilike", "0935123"),
    ("=like", "0935%"),
)


class CopiesAloneCommon(AdversarialReadCommon):
    """A bridge's record without customer, and how to attack it."""

    # the model tried, set by the bridge's test class
    copied_model = None

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
