"""The customer a typed value resolves to, on an agent's own record.

Shared by the bridges whose models carry the customer their typed e-mail or
phone resolves to (``crm.interaction.cid.mixin``). Agent1 (team North)
saves their own record without customer, with the South customer's mobile
or e-mail typed on it: the record's ``cid_partner_id`` and ``cid`` name the
South customer, whom agent1 sees masked. No read path, search, grouping or
export of the record may tell agent1 whose value it is; agent2 (team South)
and the manager see the customer as resolved.

Each row is ``(path, attack)``: an attack takes the test case, the model as
the user tried and the record, and returns whether the answer named the
South customer; ``None`` when the path was refused (an AccessError).
"""

from odoo.exceptions import AccessError

from .test_adversarial_read import SOUTH_EMAIL, SOUTH_MOBILE

SPEC = {"cid_partner_id": {"fields": {"display_name": {}}}, "cid": {}}


def _names_south(t, result):
    text = repr(result)
    return (
        t.south.name in text
        or t.south.cid in text
        or f"'cid_partner_id': {t.south.id}" in (text.replace("(", "").replace("[", ""))
    )


def _aggregated_south(t, model, record):
    [row] = model.formatted_read_group(
        [("id", "=", record.id)],
        [],
        ["cid_partner_id:array_agg", "cid:array_agg_distinct"],
    )
    return (
        t.south.id in row["cid_partner_id:array_agg"]
        or t.south.cid in row["cid:array_agg_distinct"]
    )


def _found(domain):
    def attack(t, model, record):
        return record in model.search(domain(t))

    return attack


def _group(method, groupby):
    def attack(t, model, record):
        domain = [("id", "=", record.id)]
        if method == "read_group":
            result = model.read_group(domain, [groupby], [groupby])
        else:
            result = getattr(model, method)(domain, [groupby], ["__count"])
        return _names_south(t, result)

    return attack


CID_ORACLE_ROWS = (
    ("read", lambda t, m, r: _names_south(t, m.browse(r.id).read(["cid_partner_id", "cid"]))),
    (
        "read, no label",
        lambda t, m, r: (
            _names_south(t, m.browse(r.id).read(["cid_partner_id"], load=None))
            or t.south.id in [row["cid_partner_id"] for row in m.browse(r.id).read(load=None)]
        ),
    ),
    (
        "search_read",
        lambda t, m, r: _names_south(
            t, m.search_read([("id", "=", r.id)], ["cid_partner_id", "cid"])
        ),
    ),
    ("web_read", lambda t, m, r: _names_south(t, m.browse(r.id).web_read(SPEC))),
    (
        "web_search_read",
        lambda t, m, r: _names_south(t, m.web_search_read([("id", "=", r.id)], SPEC)),
    ),
    ("formatted_read_group by customer", _group("formatted_read_group", "cid_partner_id")),
    ("formatted_read_group by CID", _group("formatted_read_group", "cid")),
    ("formatted_read_group by name", _group("formatted_read_group", "cid_partner_id.name")),
    ("web_read_group by customer", _group("web_read_group", "cid_partner_id")),
    ("read_group by customer", _group("read_group", "cid_partner_id")),
    ("aggregated customers", lambda t, m, r: _aggregated_south(t, m, r)),
    ("search customer =", _found(lambda t: [("cid_partner_id", "=", t.south.id)])),
    ("search customer in", _found(lambda t: [("cid_partner_id", "in", t.south.ids)])),
    ("search CID", _found(lambda t: [("cid", "=", t.south.cid)])),
    ("search customer name", _found(lambda t: [("cid_partner_id", "ilike", "South customer")])),
    ("search path name", _found(lambda t: [("cid_partner_id.name", "ilike", "South customer")])),
    (
        "search path any",
        _found(lambda t: [("cid_partner_id", "any", [("id", "=", t.south.id)])]),
    ),
    (
        "search other customer excluded",
        lambda t, m, r: (
            r not in m.search([("id", "=", r.id), ("cid_partner_id", "!=", t.south.id)])
            or r in m.search([("id", "=", r.id), ("cid_partner_id", "!=", False)])
        ),
    ),
    (
        "search_count",
        lambda t, m, r: bool(m.search_count([("cid", "=", t.south.cid), ("id", "=", r.id)])),
    ),
    (
        "ordered by customer",
        lambda t, m, r: (
            m.search([("id", "in", (r | t.cid_control).ids)], order="cid_partner_id")
            != m.search([("id", "in", (r | t.cid_control).ids)], order="id")
        ),
    ),
    (
        # the form holds the customer as read (none), the value is typed again
        "onchange, value typed again",
        lambda t, m, r: _names_south(
            t,
            m.browse(r.id).onchange(
                {t.cid_field_of(r): r[t.cid_field_of(r)], "cid_partner_id": False, "cid": False},
                [t.cid_field_of(r)],
                t.cid_form_spec(r),
            ),
        ),
    ),
    (
        "export customer",
        lambda t, m, r: _names_south(t, m.browse(r.id).export_data(["cid_partner_id"])),
    ),
    ("export CID", lambda t, m, r: _names_south(t, m.browse(r.id).export_data(["cid"]))),
)


class CidOracleMixin:
    """Agent1's own records with the South customer's values typed on them.

    The bridge's test class sets :attr:`cid_value_fields` (``{"email": field,
    "mobile": field}``, the fields of its model those values are typed in)
    and calls :meth:`setup_cid_oracle` with the values of its records.
    """

    cid_value_fields = None

    @classmethod
    def setup_cid_oracle(cls, values):
        """Make ``cid_typed``, ``{kind: record}`` of agent1 without customer
        holding the South customer's e-mail or mobile, and ``cid_control``,
        agent1's record of their own customer."""
        # Odoo's own right to export: the right to export customer data is
        # what is tried
        allow_export = cls.env.ref("base.group_allow_export")
        for user in (cls.agent, cls.agent2, cls.manager):
            user.group_ids += allow_export
        Model = cls.env[cls.copied_model]
        typed = {"email": SOUTH_EMAIL, "mobile": SOUTH_MOBILE}
        kinds = [kind for kind in typed if cls.cid_value_fields.get(kind)]
        records = Model.create(
            [
                {
                    **values,
                    "name": f"Agent1's own, {kind} typed",
                    cls.cid_value_fields[kind]: typed[kind],
                    cls.owner_field: cls.agent.id,
                    cls.team_field: cls.portfolio_north.id,
                }
                for kind in kinds
            ]
            + [
                {
                    **values,
                    "name": "Agent1's own, of the own customer",
                    "partner_id": cls.own.id,
                    cls.owner_field: cls.agent.id,
                    cls.team_field: cls.portfolio_north.id,
                }
            ]
        )
        cls.cid_typed = dict(zip(kinds, records, strict=False))
        cls.cid_control = records[-1]

    def cid_attacks(self, user):
        """Yield ``(kind, path, told)`` for every row tried by ``user`` on
        every typed record: ``told`` says whether the South customer was
        named, ``None`` when refused."""
        model = self.env[self.copied_model].with_user(user)
        for kind, record in self.cid_typed.items():
            for path, attack in CID_ORACLE_ROWS:
                try:
                    told = attack(self, model, record)
                except AccessError:
                    told = None
                yield kind, path, told

    def cid_field_of(self, record):
        """Return the field the South customer's value is typed in on ``record``."""
        kind = next(kind for kind, typed in self.cid_typed.items() if typed == record)
        return self.cid_value_fields[kind]

    def cid_form_spec(self, record):
        """Return the specification of the form's round-trip of ``record``."""
        return {**SPEC, "name": {}, self.cid_field_of(record): {}, "partner_id": {}}

    def assert_cid_setup(self):
        for record in self.cid_typed.values():
            self.assertEqual(record.cid_partner_id, self.south)
            self.assertEqual(record.cid, self.south.cid)
            self.assertFalse(record.partner_id)
            self.assertTrue(record.with_user(self.agent).has_access("read"))
        self.assertTrue(self.south._crm_access_masked_for(self.agent))

    def assert_cid_told_nobody(self):
        for kind, path, told in self.cid_attacks(self.agent):
            with self.subTest(kind=kind, path=path):
                self.assertFalse(told)

    def assert_cid_told_the_portfolio(self, user):
        """``user`` sees the South customer in full: every path names it, but
        the exports, which need the export right, and the order."""
        for kind, path, told in self.cid_attacks(user):
            if path.startswith(("export", "ordered", "search other")):
                continue
            with self.subTest(kind=kind, path=path):
                self.assertTrue(told)

    def assert_cid_groups_under_no_customer(self):
        """Agent1 finds the records under no customer, and opening that group
        finds them; the portfolio under the South customer."""
        records = self.env[self.copied_model].browse([r.id for r in self.cid_typed.values()])
        domain = [("id", "in", records.ids)]
        for user, customer in ((self.agent, False), (self.agent2, self.south.id)):
            with self.subTest(user=user.login):
                Model = self.env[self.copied_model].with_user(user)
                for fname, expected in (
                    ("cid_partner_id", customer),
                    ("cid", customer and self.south.cid),
                ):
                    [group] = Model.formatted_read_group(domain, [fname], ["__count"])
                    value = group[fname][0] if isinstance(group[fname], tuple) else group[fname]
                    self.assertEqual(value, expected)
                    self.assertEqual(group["__count"], len(records))
                    found = Model.search(domain + group["__extra_domain"])
                    self.assertEqual(found, records.with_user(user))

    def assert_cid_read_costs_one_query(self):
        """Which records keep their resolved customer from agent1 is told in
        one query, however many records are read."""
        Model = self.env[self.copied_model].with_user(self.agent)
        records = Model.browse([self.cid_control.id, *(r.id for r in self.cid_typed.values())])
        # the portfolio's SQL, made once per worker
        records._crm_access_cid_hidden_ids()
        for batch in (records[:1], records):
            before = self.env.cr.sql_log_count
            hidden = batch._crm_access_cid_hidden_ids()
            self.assertEqual(self.env.cr.sql_log_count - before, 1)
        self.assertEqual(hidden, set(records[1:].ids))

    def assert_cid_chosen_customer_stays(self):
        [row] = self.cid_control.with_user(self.agent).read(["cid_partner_id", "cid"])
        self.assertEqual(row["cid_partner_id"][0], self.own.id)
        Model = self.env[self.copied_model].with_user(self.agent)
        self.assertIn(self.cid_control, Model.search([("cid_partner_id", "=", self.own.id)]))
