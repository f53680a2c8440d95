"""Every ORM read path, tried by an agent of team North on team South's customer.

One row per (model, path): the answer is ``masked`` (served, no identity value
of the South customer in it, and counted in the access log), ``refused`` (an
AccessError) or ``hidden`` (a search used as an oracle: the South records are
not among the results). The coverage tests fail when a model holding identity
values, or one of the read paths, has no row, and when a field of those models
carries an identity value unmasked or answers a partial search.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AccessPolicyCommon, refused

SOUTH_MOBILE = "09171112233"
SOUTH_MOBILE_E164 = "+989171112233"
SOUTH_PHONE = "02188776655"
SOUTH_EMAIL = "south.buyer@example.com"
CONTACT_EMAIL = "south.contact@example.com"
SOUTH_NATIONAL_ID = "0012345679"
SOUTH_STREET = "12 Valiasr Avenue"
# What agent1 must never receive of the South customer: the values, and the
# parts of them that do not survive masking.
SECRETS = (
    SOUTH_MOBILE,
    "9171112233",
    SOUTH_PHONE,
    "2188776655",
    "south.buyer",
    "south.contact",
    SOUTH_NATIONAL_ID,
)
# Parts of the values an oracle would test, with the operator that tests them.
FRAGMENTS = (
    ("ilike", "0917111"),
    ("ilike", "9171112"),
    ("ilike", "2188776"),
    ("ilike", "south.buy"),
    ("ilike", "south.con"),
    ("ilike", "0012345"),
    ("=like", "0917%"),
    ("=like", "+98917%"),
    ("=ilike", "south.b%"),
)

SHOW_EMAIL = {"show_email": True}
SHOW_ADDRESS = {"show_address": True}
PARTNER_SPEC = {
    "display_name": {},
    "mobile": {},
    "phone": {},
    "email": {},
    "email_formatted": {},
    "commercial_partner_id": {
        "fields": {"display_name": {}, "mobile": {}, "email": {}},
        "context": SHOW_EMAIL,
    },
    "child_ids": {"fields": {"display_name": {}, "email": {}}, "context": SHOW_EMAIL},
    "cid_key_ids": {"fields": {"value": {}, "value_normalized": {}, "display_name": {}}},
}
KEY_SPEC = {
    "value": {},
    "value_normalized": {},
    "display_name": {},
    "partner_id": {
        "fields": {"display_name": {}, "mobile": {}, "email": {}},
        "context": SHOW_EMAIL,
    },
}
INTERACTION_SPEC = {
    "subject": {},
    "key_summary": {},
    "partner_id": {
        "fields": {"display_name": {}, "phone": {}, "mobile": {}, "email": {}},
        "context": SHOW_EMAIL,
    },
    "key_ids": {"fields": {"value": {}, "value_normalized": {}, "display_name": {}}},
}
INTERACTION_KEY_SPEC = {
    "value": {},
    "value_normalized": {},
    "display_name": {},
    "interaction_id": {"fields": {"key_summary": {}, "display_name": {}}},
}

# The read paths every model holding identity values answers for.
PATHS = (
    "read",
    "search_read",
    "web_read",
    "web_search_read",
    "name_search",
    "formatted_read_group",
    "web_read_group",
    "search",
)


def ids_of(records):
    return records.ids


def grouped(method, record, groupby, context):
    """Return ``(path, attack, "masked")``: the grouping ``method`` of the
    test's record named ``record`` by ``groupby`` with ``context``, whose
    group titles are the South customer's label with its data."""

    def attack(test, model):
        domain = [("id", "=", getattr(test, record).id)]
        return getattr(model.with_context(**context), method)(domain, groupby)

    return method, attack, "masked"


def unfolded(record, groupby, specification):
    """Return ``(path, attack, "masked")``: ``web_read_group`` of the test's
    record named ``record`` by ``groupby``, its groups unfolded and read with
    ``specification``."""

    def attack(test, model):
        return model.web_read_group(
            [("id", "=", getattr(test, record).id)],
            groupby,
            auto_unfold=True,
            unfold_read_specification=specification,
        )

    return "web_read_group", attack, "masked"


# (model, path, attack, expected); an attack takes the test case and the model
# as agent1, and returns what the agent got.
ROWS = [
    # res.partner
    (
        "res.partner",
        "read",
        lambda t, m: m.browse(t.south_ids).read(
            ["mobile", "phone", "email", "email_formatted", "phone_sanitized", "display_name"]
        ),
        "masked",
    ),
    (
        "res.partner",
        "read",
        lambda t, m: m.with_context(show_email=True).browse(t.south_ids).read(["display_name"]),
        "masked",
    ),
    (
        "res.partner",
        "search_read",
        lambda t, m: m.search_read(
            [("id", "in", t.south_ids)], ["mobile", "email", "email_normalized", "display_name"]
        ),
        "masked",
    ),
    (
        "res.partner",
        "web_read",
        lambda t, m: m.browse(t.south_ids).web_read(PARTNER_SPEC),
        "masked",
    ),
    (
        "res.partner",
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "in", t.south_ids)], PARTNER_SPEC),
        "masked",
    ),
    (
        "res.partner",
        "name_search",
        lambda t, m: m.with_context(show_email=True).name_search("South customer"),
        "masked",
    ),
    (
        "res.partner",
        "name_search",
        lambda t, m: m.with_context(show_email=True).name_search(SOUTH_MOBILE),
        "masked",
    ),
    (
        "res.partner",
        "name_search",
        lambda t, m: m.with_context(show_email=True).web_name_search(
            "South", {"display_name": {}, "email": {}, "mobile": {}}
        ),
        "masked",
    ),
    ("res.partner", "name_search", lambda t, m: ids_of_pairs(m.name_search("south.buy")), "hidden"),
    (
        "res.partner",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group([("id", "in", t.south_ids)], ["email"], ["__count"]),
        "refused",
    ),
    (
        "res.partner",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group([("id", "in", t.south_ids)], [], ["mobile:array_agg"]),
        "refused",
    ),
    (
        "res.partner",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "in", t.south_ids)], ["commercial_partner_id.phone"], ["__count"]
        ),
        "refused",
    ),
    (
        "res.partner",
        "formatted_read_group",
        lambda t, m: m.formatted_read_grouping_sets(
            [("id", "in", t.south_ids)], [["email_normalized"]], ["__count"]
        ),
        "refused",
    ),
    (
        "res.partner",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "in", t.south_ids)], ["name", "commercial_partner_id"], ["__count"]
        ),
        "masked",
    ),
    (
        "res.partner",
        "web_read_group",
        lambda t, m: m.web_read_group([("id", "in", t.south_ids)], ["phone_sanitized"]),
        "refused",
    ),
    (
        "res.partner",
        "web_read_group",
        lambda t, m: m.web_read_group(
            [("id", "in", t.south_ids)],
            ["name"],
            auto_unfold=True,
            unfold_read_specification={"mobile": {}, "email": {}, "display_name": {}},
        ),
        "masked",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("mobile", "=like", "0917%")])),
        "hidden",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("email", "ilike", "south.buy")])),
        "hidden",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("phone_mobile_search", "ilike", "0917111")])),
        "hidden",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("child_ids.email", "ilike", "south.con")])),
        "hidden",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("commercial_partner_id.mobile", "=like", "0917%")])),
        "hidden",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("cid_key_ids.value", "ilike", "0917111")])),
        "hidden",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("display_name", "ilike", "south.buy")])),
        "hidden",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("email", "not ilike", "south.buy")])),
        "hidden",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: (
            [t.south.id] * m.search_count([("mobile", "=like", "%2233"), ("id", "=", t.south.id)])
        ),
        "hidden",
    ),
    # crm.cid.key
    (
        "crm.cid.key",
        "read",
        lambda t, m: m.browse(t.south_keys.ids).read(["value", "value_normalized", "display_name"]),
        "masked",
    ),
    (
        "crm.cid.key",
        "search_read",
        lambda t, m: m.search_read(
            [("id", "in", t.south_keys.ids)], ["value", "value_normalized", "display_name"]
        ),
        "masked",
    ),
    (
        "crm.cid.key",
        "web_read",
        lambda t, m: m.browse(t.south_keys.ids).web_read(KEY_SPEC),
        "masked",
    ),
    (
        "crm.cid.key",
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "in", t.south_keys.ids)], KEY_SPEC),
        "masked",
    ),
    ("crm.cid.key", "name_search", lambda t, m: m.name_search(SOUTH_MOBILE), "masked"),
    ("crm.cid.key", "name_search", lambda t, m: ids_of_pairs(m.name_search("0917111")), "hidden"),
    (
        "crm.cid.key",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "in", t.south_keys.ids)], ["value_normalized"], ["__count"]
        ),
        "refused",
    ),
    (
        "crm.cid.key",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "in", t.south_keys.ids)], ["key_type_id"], ["value:array_agg"]
        ),
        "refused",
    ),
    (
        "crm.cid.key",
        "web_read_group",
        lambda t, m: m.web_read_group([("id", "in", t.south_keys.ids)], ["partner_id.mobile"]),
        "refused",
    ),
    (
        "crm.cid.key",
        "search",
        lambda t, m: ids_of(m.search([("value_normalized", "=like", "+98917%")])),
        "hidden",
    ),
    (
        "crm.cid.key",
        "search",
        lambda t, m: ids_of(m.search([("partner_id.email", "ilike", "south.buy")])),
        "hidden",
    ),
    # crm.interaction: a call of the South customer that agent1 is responsible for
    (
        "crm.interaction",
        "read",
        lambda t, m: (
            m.with_context(show_email=True)
            .browse(t.call.id)
            .read(["partner_id", "key_summary", "key_ids"])
        ),
        "masked",
    ),
    (
        "crm.interaction",
        "search_read",
        lambda t, m: m.with_context(show_email=True).search_read(
            [("id", "=", t.call.id)], ["partner_id", "key_summary"]
        ),
        "masked",
    ),
    (
        "crm.interaction",
        "web_read",
        lambda t, m: m.browse(t.call.id).web_read(INTERACTION_SPEC),
        "masked",
    ),
    (
        "crm.interaction",
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "=", t.call.id)], INTERACTION_SPEC),
        "masked",
    ),
    (
        "crm.interaction",
        "name_search",
        lambda t, m: m.name_search("call of the south"),
        "masked",
    ),
    (
        "crm.interaction",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "=", t.call.id)], ["partner_id.email"], ["__count"]
        ),
        "refused",
    ),
    (
        "crm.interaction",
        "formatted_read_group",
        lambda t, m: m.with_context(show_email=True).formatted_read_group(
            [("id", "=", t.call.id)], ["partner_id"], ["__count"]
        ),
        "masked",
    ),
    ("crm.interaction", *unfolded("call", ["partner_id"], INTERACTION_SPEC)),
    (
        "crm.interaction",
        "web_read_group",
        lambda t, m: m.web_read_group([("id", "=", t.call.id)], ["partner_id.mobile"]),
        "refused",
    ),
    (
        "crm.interaction",
        "search",
        lambda t, m: ids_of(m.search([("partner_id.mobile", "=like", "0917%")])),
        "hidden",
    ),
    (
        "crm.interaction",
        "search",
        lambda t, m: ids_of(m.search([("key_ids.value", "ilike", "0917111")])),
        "hidden",
    ),
    # the South customer's own interaction: outside the portfolio altogether
    (
        "crm.interaction",
        "read",
        lambda t, m: m.browse(t.interactions["south"].id).read(["partner_id"]),
        "refused",
    ),
    # crm.interaction.key: the keys the call arrived with
    (
        "crm.interaction.key",
        "read",
        lambda t, m: m.browse(t.call.key_ids.ids).read(
            ["value", "value_normalized", "display_name"]
        ),
        "masked",
    ),
    (
        "crm.interaction.key",
        "search_read",
        lambda t, m: m.search_read(
            [("id", "in", t.call.key_ids.ids)], ["value", "value_normalized", "display_name"]
        ),
        "masked",
    ),
    (
        "crm.interaction.key",
        "web_read",
        lambda t, m: m.browse(t.call.key_ids.ids).web_read(INTERACTION_KEY_SPEC),
        "masked",
    ),
    (
        "crm.interaction.key",
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "in", t.call.key_ids.ids)], INTERACTION_KEY_SPEC),
        "masked",
    ),
    (
        "crm.interaction.key",
        "name_search",
        lambda t, m: ids_of_pairs(m.name_search("0917111")),
        "hidden",
    ),
    (
        "crm.interaction.key",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "in", t.call.key_ids.ids)], ["value"], ["__count"]
        ),
        "refused",
    ),
    (
        "crm.interaction.key",
        "web_read_group",
        lambda t, m: m.web_read_group([("id", "in", t.call.key_ids.ids)], ["value_normalized"]),
        "refused",
    ),
    (
        "crm.interaction.key",
        "search",
        lambda t, m: ids_of(m.search([("value_normalized", "=like", "+98917%")])),
        "hidden",
    ),
    # group titles of contacts on a model that is not audited: a message of
    # the South customer grouped by its author, the label with its data
    ("mail.message", *grouped("formatted_read_group", "south_message", ["author_id"], SHOW_EMAIL)),
    (
        "mail.message",
        *grouped("formatted_read_group", "south_message", ["author_id"], SHOW_ADDRESS),
    ),
    ("mail.message", *grouped("web_read_group", "south_message", ["author_id"], SHOW_ADDRESS)),
    # the titles of the subgroups web_read_group opens
    (
        "mail.message",
        "web_read_group",
        lambda t, m: m.with_context(**SHOW_EMAIL).web_read_group(
            [("id", "=", t.south_message.id)], ["res_id", "author_id"], auto_unfold=True
        ),
        "masked",
    ),
    # and on contacts themselves, grouped by their company
    ("res.partner", *grouped("formatted_read_group", "south_contact", ["parent_id"], SHOW_EMAIL)),
]


def ids_of_pairs(pairs):
    return [record_id for record_id, _name in pairs]


class AdversarialReadCommon(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.write(
            {
                "mobile": SOUTH_MOBILE,
                "phone": SOUTH_PHONE,
                "email": SOUTH_EMAIL,
                "national_id": SOUTH_NATIONAL_ID,
            }
        )
        cls.south_contact = cls.env["res.partner"].create(
            {"name": "South buyer", "parent_id": cls.south.id, "email": CONTACT_EMAIL}
        )
        cls.south_ids = (cls.south | cls.south_contact).ids
        Key = cls.env["crm.cid.key"]
        cls.south_all_keys = Key.search(
            [("commercial_partner_id", "=", cls.south.id), ("type_code", "!=", "cid")]
        )
        # sensitive key types (national ID) are not readable by agents at all
        cls.south_keys = cls.south_all_keys.filtered(lambda key: not key.is_sensitive)
        cls.north.write({"mobile": "09111112233", "email": "north.buyer@example.com"})
        # a call of the South customer, handled by agent1 (their own interaction)
        cls.call = cls.env["crm.interaction"].create(
            {
                "channel_id": cls.env.ref("crm_interaction.crm_interaction_channel_phone").id,
                "subject": "call of the south customer",
                "partner_id": cls.south.id,
                "user_id": cls.agent.id,
                "key_ids": [
                    (
                        0,
                        0,
                        {
                            "type_code": "mobile",
                            "value": SOUTH_MOBILE,
                            "value_normalized": SOUTH_MOBILE_E164,
                        },
                    )
                ],
            }
        )

    def records_of(self, model):
        """The South customer's records of ``model``, as superuser."""
        return {
            "res.partner": self.south | self.south_contact,
            "crm.cid.key": self.south_all_keys,
            "crm.interaction": self.call,
            "crm.interaction.key": self.call.key_ids,
        }[model]

    def as_agent(self, model):
        return self.env[model].with_user(self.agent)

    def log_of_south(self):
        return self.env["crm.access.log"].search(
            [("user_id", "=", self.agent.id), ("partner_id", "=", self.south.id)]
        )

    def assert_no_secret(self, result):
        text = repr(result)
        for secret in SECRETS:
            self.assertNotIn(secret, text)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialRead(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a message on the South customer, written by it; and its address,
        # shown by labels with show_address
        cls.south_message = cls.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": cls.south.id,
                "message_type": "comment",
                "author_id": cls.south.id,
                "body": "<p>hello</p>",
            }
        )
        cls.south.write({"street": SOUTH_STREET, "city": "Tehran"})

    def test_the_setup_holds_the_secrets(self):
        # the attacks are only worth something if the values are there
        text = repr(self.south.read(["mobile", "phone", "email", "national_id"]))
        for secret in (SOUTH_MOBILE, SOUTH_PHONE, SOUTH_EMAIL, SOUTH_NATIONAL_ID):
            self.assertIn(secret, text)
        self.assertEqual(
            set(self.south_all_keys.mapped("type_code")),
            {"mobile", "phone", "email", "national_id"},
        )
        self.assertEqual(set(self.south_keys.mapped("type_code")), {"mobile", "phone", "email"})
        self.assertEqual(self.call.key_ids.value, SOUTH_MOBILE)

    def test_every_read_path(self):
        Log = self.env["crm.access.log"]
        for row, (model, path, attack, expected) in enumerate(ROWS):
            with self.subTest(row=row, model=model, path=path, expected=expected):
                Log.search([("user_id", "=", self.agent.id)]).unlink()
                if expected == "refused":
                    with self.assertRaises(AccessError):
                        attack(self, self.as_agent(model))
                    continue
                result = attack(self, self.as_agent(model))
                self.assert_no_secret(result)
                if expected == "hidden":
                    south_records = set(self.records_of(model).ids)
                    self.assertFalse(south_records.intersection(result))
                else:
                    self.assertTrue(result, "the attack reads nothing: it proves nothing")
                    self.assertTrue(self.log_of_south(), "an allowed read is not in the access log")

    def test_the_table_covers_every_model_and_path(self):
        registry = self.env.registry
        models = set(registry["crm.access.masked"]._inherit_children) | set(
            registry["crm.access.audited"]._inherit_children
        )
        covered = {(model, path) for model, path, _attack, _expected in ROWS}
        missing = sorted(
            (model, path)
            for model in models
            if not registry[model]._abstract
            for path in PATHS
            if (model, path) not in covered
        )
        self.assertFalse(missing, f"read paths without a row: {missing}")
        self.assertIn("crm.interaction.key", models)

    def test_a_suspended_user_gets_nothing(self):
        self.env["crm.access.alarm"].create(
            {"user_id": self.agent.id, "customer_count": 500, "threshold": 200, "is_blocking": True}
        )
        for model, path, attack, expected in ROWS:
            if expected == "hidden":
                continue
            with self.subTest(model=model, path=path):
                with self.assertRaises(AccessError):
                    attack(self, self.as_agent(model))

    def test_layoff_mode_refuses_bulk_reads_on_every_path(self):
        self.set_param("watch_bulk_limit", "1")
        self.set_param("watch_threshold", "100")
        self.agent.crm_access_watch = True
        Partner = self.as_agent("res.partner")
        Interaction = self.as_agent("crm.interaction")
        everyone = (self.north | self.south | self.own | self.free).ids
        attacks = {
            "name_search": lambda: Partner.name_search("customer"),
            "formatted_read_group": lambda: Partner.formatted_read_group(
                [("id", "in", everyone)], ["name"], ["__count"]
            ),
            "web_read_group": lambda: Partner.web_read_group([("id", "in", everyone)], ["name"]),
            "web_search_read": lambda: Partner.web_search_read(
                [("id", "in", everyone)], {"display_name": {}}
            ),
            "web_search_read sub-specification": lambda: Interaction.web_search_read(
                [], {"partner_id": {"fields": {"display_name": {}}}}
            ),
        }
        # the refusal is recorded in a transaction of its own
        with self.enter_registry_test_mode():
            for path, attack in attacks.items():
                with self.subTest(path=path):
                    self.assertTrue(refused(attack))
        # one customer at a time is still served
        self.assertTrue(Partner.name_search("North customer", [("id", "=", self.north.id)]))

    def test_a_full_key_still_finds_the_customer(self):
        Partner = self.as_agent("res.partner")
        for domain in (
            [("mobile", "=", SOUTH_MOBILE)],
            [("email", "ilike", SOUTH_EMAIL)],
            [("email", "=ilike", SOUTH_EMAIL.upper())],
            [("cid_search", "ilike", SOUTH_MOBILE)],
            [("cid_search", "ilike", "0917 111 2233")],
            [("cid_search", "ilike", SOUTH_EMAIL)],
            [("phone_mobile_search", "ilike", SOUTH_MOBILE)],
        ):
            with self.subTest(domain=domain):
                self.assertIn(self.south, Partner.search(domain))
        self.assertIn(self.south.id, ids_of_pairs(Partner.name_search(SOUTH_MOBILE)))
        self.assertIn(self.south.id, ids_of_pairs(Partner.name_search(SOUTH_EMAIL)))
        Key = self.as_agent("crm.cid.key")
        self.assertIn(
            self.south_keys.filtered(lambda key: key.type_code == "mobile"),
            Key.search([("value_normalized", "=", SOUTH_MOBILE_E164)]),
        )
        # inside the portfolio, a part of a value still finds
        self.assertIn(self.north, Partner.search([("mobile", "=like", "0911%")]))
        self.assertIn(self.north, Partner.search([("email", "ilike", "north.buy")]))
        # and the names found carry masked values only
        self.assert_no_secret(Partner.with_context(show_email=True).name_search(SOUTH_EMAIL))

    def test_groups_are_logged_for_what_they_show(self):
        Interaction = self.as_agent("crm.interaction")
        groups = Interaction.formatted_read_group([("id", "=", self.call.id)], ["subject"])
        self.assertEqual(groups[0]["subject"], "call of the south customer")
        self.assertEqual(self.log_of_south().mapped("kind"), ["body"])
        # a group by country names nobody: not a read of the customers
        self.env["crm.access.log"].search([("user_id", "=", self.agent.id)]).unlink()
        Partner = self.as_agent("res.partner")
        Partner.web_read_group([("id", "in", self.south_ids)], ["country_id"])
        Partner.formatted_read_grouping_sets([("id", "in", self.south_ids)], [["type"]])
        self.assertFalse(self.log_of_south())
        # a pivot by name reads them
        Partner.formatted_read_grouping_sets([("id", "in", self.south_ids)], [["name"], ["type"]])
        self.assertEqual(self.log_of_south().mapped("kind"), ["list"])

    def deprecated_read_group(self, model, domain):
        with self.assertWarnsRegex(DeprecationWarning, "read_group is deprecated"):
            return model.read_group(domain, ["author_id"], ["author_id"])

    def test_group_titles_count_the_contacts_they_show(self):
        Log = self.env["crm.access.log"]
        Message = self.as_agent("mail.message")
        domain = [("id", "=", self.south_message.id)]
        # a title of the name alone is no read of the customer
        Log.search([("user_id", "=", self.agent.id)]).unlink()
        groups = Message.formatted_read_group(domain, ["author_id"], ["__count"])
        self.assertEqual(groups[0]["author_id"], (self.south.id, "South customer"))
        Message.web_read_group(domain, ["author_id"])
        self.deprecated_read_group(Message, domain)
        self.assertFalse(self.log_of_south())
        # with the address it is, counted as the label of a many2one is
        Message = Message.with_context(show_address=True)
        Message.browse(self.south_message.id).read(["author_id"])
        kinds = self.log_of_south().mapped("kind")
        self.assertTrue(kinds)
        Log.search([("user_id", "=", self.agent.id)]).unlink()
        groups = Message.formatted_read_group(domain, ["author_id"], ["__count"])
        self.assertIn(SOUTH_STREET, groups[0]["author_id"][1])
        self.assert_no_secret(groups)
        self.assertEqual(self.log_of_south().mapped("kind"), kinds)
        Log.search([("user_id", "=", self.agent.id)]).unlink()
        [group] = self.deprecated_read_group(Message, domain)
        self.assertIn(SOUTH_STREET, group["author_id"][1])
        self.assertEqual(self.log_of_south().mapped("kind"), kinds)
        Log.search([("user_id", "=", self.agent.id)]).unlink()
        [[group], _all] = Message.formatted_read_grouping_sets(domain, [["author_id"], []])
        self.assertIn(SOUTH_STREET, group["author_id"][1])
        self.assertEqual(self.log_of_south().mapped("kind"), kinds)
        # a suspended user gets no title with the customer's data
        self.env["crm.access.alarm"].create(
            {"user_id": self.agent.id, "customer_count": 500, "threshold": 200, "is_blocking": True}
        )
        with self.assertRaises(AccessError):
            self.deprecated_read_group(Message, domain)
        self.env["crm.access.alarm"].search([("user_id", "=", self.agent.id)]).unlink()
        # the customers of every group are counted at once
        others = self.env["res.partner"].create(
            [
                {
                    "name": f"Author {n}",
                    "street": f"{n} Enghelab Street",
                    "portfolio_team_id": self.team_south.id,
                }
                for n in range(1, 6)
            ]
        )
        messages = self.env["mail.message"].create(
            [
                {"model": "res.partner", "res_id": other.id, "author_id": other.id, "body": "hi"}
                for other in others
            ]
        )
        Partner = self.env["res.partner"]
        counted = []
        self.patch(
            type(Partner),
            "_crm_access_customers",
            lambda records: counted.append(records.ids) or Partner.browse(),
        )
        groups = Message.formatted_read_group(
            [("id", "in", messages.ids)], ["author_id"], ["__count"]
        )
        self.assertEqual(len(groups), 5)
        self.assertEqual(len(counted), 1)
        self.assertEqual(sorted(counted[0]), sorted(others.ids))

    def test_users_are_no_oracle_on_their_contact(self):
        # a portal user of the South customer: its contact's values show on the user
        portal = new_test_user(
            self.env,
            login="ap_south_portal",
            groups="base.group_portal",
            partner_id=self.south_contact.id,
            email=CONTACT_EMAIL,
        )
        self.assertEqual(portal.partner_id.email, CONTACT_EMAIL)
        Users = self.as_agent("res.users").with_context(active_test=False)
        for domain in (
            [("email", "ilike", "south.con")],
            [("email", "=like", "south%")],
            [("partner_id.email", "ilike", "south.con")],
        ):
            with self.subTest(domain=domain):
                self.assertNotIn(portal, Users.search(domain))
        # the whole value finds the user whenever the agent may see it at all
        self.assertEqual(
            Users.search([("email", "=", CONTACT_EMAIL)]), Users.search([("id", "=", portal.id)])
        )
        # colleagues are searched as before
        self.agent2.partner_id.email = "agent2.colleague@example.com"
        self.assertIn(self.agent2, Users.search([("email", "ilike", "agent2.coll")]))

    def test_ordering_by_a_masked_field_tells_nothing(self):
        Partner = self.as_agent("res.partner")
        customers = self.env["res.partner"].create(
            [
                {"name": f"Ordered {n}", "mobile": mobile, "portfolio_team_id": self.team_south.id}
                for n, mobile in enumerate(("09350000003", "09350000001", "09350000002"))
            ]
        )
        domain = [("id", "in", customers.ids)]
        self.assertEqual(
            Partner.search(domain, order="mobile").ids,
            Partner.search(domain, order="id").ids,
        )
        self.assertEqual(
            Partner.search(domain, order="mobile desc").ids,
            Partner.search(domain, order="id").ids,
        )
        # the manager's order is the values'
        self.assertEqual(
            Partner.with_user(self.manager).search(domain, order="mobile").mapped("mobile"),
            ["09350000001", "09350000002", "09350000003"],
        )

    def test_entitled_users_group_and_search_as_before(self):
        Partner = self.env["res.partner"].with_user(self.manager)
        groups = Partner.formatted_read_group([("id", "=", self.south.id)], ["email"], ["__count"])
        self.assertEqual(groups[0]["email"], SOUTH_EMAIL)
        self.assertEqual(Partner.search([("mobile", "=like", "0917%")]) & self.south, self.south)
        self.assertIn(
            SOUTH_EMAIL, Partner.with_context(show_email=True).browse(self.south.id).display_name
        )
        # agent2 serves the South customer
        Partner = self.env["res.partner"].with_user(self.agent2)
        self.assertIn(
            SOUTH_EMAIL,
            dict(Partner.with_context(show_email=True).name_search("South customer"))[
                self.south.id
            ],
        )
        self.assertEqual(Partner.search([("mobile", "=like", "0917%")]) & self.south, self.south)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestMaskingCoverage(AdversarialReadCommon):
    """A field that carries an identity value is masked, and answers no partial search."""

    # fields that carry a value but are masked elsewhere than in the read rows
    MASKED_ELSEWHERE = frozenset({"display_name"})

    def fields_with_values(self, records):
        """Fields whose stored or computed value carries a secret (read as superuser)."""
        found = set()
        for fname, field in records._fields.items():
            if field.type in ("binary", "image") or fname in ("write_date", "create_date"):
                continue
            text = repr(records.mapped(fname))
            if any(secret in text for secret in SECRETS):
                found.add(fname)
        return found

    def test_every_field_with_identity_values_is_masked(self):
        for model in ("res.partner", "crm.cid.key", "crm.interaction", "crm.interaction.key"):
            with self.subTest(model=model):
                records = self.records_of(model)
                carrying = self.fields_with_values(records)
                self.assertTrue(carrying, "the check finds no value: it proves nothing")
                masked = set(records._crm_access_mask_fields()) | self.MASKED_ELSEWHERE
                uncovered = sorted(
                    fname
                    for fname in carrying - masked
                    if records._fields[fname].type not in ("one2many", "many2many", "many2one")
                )
                self.assertFalse(uncovered, f"{model}: fields with unmasked identity values")
                # and everything the agent may read of them is masked
                Model = self.as_agent(model)
                readable = [
                    fname
                    for fname, description in Model.fields_get(attributes=["type"]).items()
                    if description["type"] not in ("binary", "image")
                ]
                rows = Model.browse(records.ids).exists()._filtered_access("read").read(readable)
                self.assert_no_secret(rows)
        found = self.fields_with_values(self.south)
        self.assertTrue({"mobile", "phone", "email", "national_id"} <= found, found)

    def test_no_searchable_field_is_an_oracle(self):
        for model in ("res.partner", "crm.cid.key", "crm.interaction", "crm.interaction.key"):
            records = self.records_of(model)
            Model = self.as_agent(model)
            searchable = [
                fname
                for fname, description in Model.fields_get(
                    attributes=["type", "searchable"]
                ).items()
                if description["searchable"] and description["type"] in ("char", "text", "html")
            ]
            self.assertIn("display_name", searchable)
            for fname in searchable:
                for operator, fragment in FRAGMENTS:
                    with self.subTest(model=model, field=fname, fragment=fragment):
                        try:
                            found = Model.search(
                                [(fname, operator, fragment), ("id", "in", records.ids)]
                            )
                        except (AccessError, UserError):
                            continue
                        self.assertFalse(found)
