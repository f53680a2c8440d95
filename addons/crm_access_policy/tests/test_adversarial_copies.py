"""Copies of a customer's values on other models, labels, relations and long lists.

An agent of team North tries team South's customer through what other models
hold of it: the e-mail and phone a lead or a ticket copies from its customer,
the addresses of its messages, the many2one label of the customer on models
that are not audited (sale orders, analytic accounts, leads), searches
through relations the ORM joins without the comodel's search (an analytic
account's customer, the ``any!`` operator), and a domain listing thousands
of candidate numbers. One row per (model, path): ``masked`` (served, no
identity value of the South customer in it, counted in the access log),
``clean`` (served, no identity value in it), ``refused`` (an AccessError or
a UserError saying why) or ``hidden`` (a search used as an oracle: the South
records are not among the results).
"""

from unittest import SkipTest

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.mail.tools.discuss import Store

from .test_adversarial_read import (
    CONTACT_EMAIL,
    FRAGMENTS,
    PATHS,
    SHOW_ADDRESS,
    SHOW_EMAIL,
    SOUTH_EMAIL,
    SOUTH_MOBILE,
    SOUTH_MOBILE_E164,
    SOUTH_NATIONAL_ID,
    SOUTH_PHONE,
    SOUTH_STREET,
    AdversarialReadCommon,
    grouped,
    ids_of,
    ids_of_pairs,
    unfolded,
)

SHOW_ALL = {"show_address": True, "show_email": True, "show_vat": True}
LEAD_SPEC = {
    "name": {},
    "email_from": {},
    "phone": {},
    "email_normalized": {},
    "phone_sanitized": {},
    "partner_id": {"fields": {"display_name": {}}, "context": SHOW_EMAIL},
}
TICKET_SPEC = {
    "name": {},
    "partner_email": {},
    "email_cc": {},
    "partner_id": {"fields": {"display_name": {}}, "context": SHOW_EMAIL},
}
MESSAGE_FIELDS = ["email_from", "incoming_email_to", "incoming_email_cc", "outgoing_email_to"]
# Properties of a lead holding contacts, grouped by.
REFERRER = "lead_properties.referrer"
CONTACTS = "lead_properties.contacts"
# Candidate numbers an insider would try in one search, the South one among them.
CANDIDATES = [f"0917{n:07d}" for n in range(1, 2000)] + [SOUTH_MOBILE]


def oracle_ids(found):
    return found.ids


# (model, path, attack, expected); an attack takes the test case and the model
# as agent1, and returns what the agent got.
COPY_ROWS = [
    # crm.lead: the opportunity of the South customer, agent1 its salesperson
    ("crm.lead", "read", lambda t, m: m.browse(t.lead.id).read(list(LEAD_SPEC)), "masked"),
    ("crm.lead", "read", lambda t, m: m.browse(t.lead.id).read(), "masked"),
    (
        "crm.lead",
        "search_read",
        lambda t, m: m.search_read([("id", "=", t.lead.id)], ["email_from", "phone"]),
        "masked",
    ),
    ("crm.lead", "web_read", lambda t, m: m.browse(t.lead.id).web_read(LEAD_SPEC), "masked"),
    (
        "crm.lead",
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "=", t.lead.id)], LEAD_SPEC),
        "masked",
    ),
    ("crm.lead", "name_search", lambda t, m: ids_of_pairs(m.name_search("south.buy")), "hidden"),
    (
        "crm.lead",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group([("id", "=", t.lead.id)], ["email_from"], ["__count"]),
        "refused",
    ),
    (
        "crm.lead",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group([("id", "=", t.lead.id)], [], ["phone:array_agg"]),
        "refused",
    ),
    (
        "crm.lead",
        "web_read_group",
        lambda t, m: m.web_read_group([("id", "=", t.lead.id)], ["phone_sanitized"]),
        "refused",
    ),
    ("crm.lead", *unfolded("lead", ["stage_id"], LEAD_SPEC)),
    ("crm.lead", "search", lambda t, m: ids_of(m.search([("phone", "=like", "0218%")])), "hidden"),
    (
        "crm.lead",
        "search",
        lambda t, m: ids_of(m.search([("email_from", "ilike", "south.buy")])),
        "hidden",
    ),
    (
        "crm.lead",
        "search",
        lambda t, m: ids_of(m.search([("phone_mobile_search", "ilike", "2188776")])),
        "hidden",
    ),
    (
        "crm.lead",
        "search",
        lambda t, m: ids_of(m.search([("email_from", "in", CANDIDATES)])),
        "refused",
    ),
    # helpdesk.ticket: the South customer's ticket, assigned to agent1
    (
        "helpdesk.ticket",
        "read",
        lambda t, m: m.browse(t.ticket.id).read(["partner_email", "email_cc", "partner_id"]),
        "masked",
    ),
    (
        "helpdesk.ticket",
        "search_read",
        lambda t, m: m.search_read([("id", "=", t.ticket.id)], ["partner_email"]),
        "masked",
    ),
    (
        "helpdesk.ticket",
        "web_read",
        lambda t, m: m.browse(t.ticket.id).web_read(TICKET_SPEC),
        "masked",
    ),
    (
        "helpdesk.ticket",
        "web_search_read",
        lambda t, m: m.web_search_read([("id", "=", t.ticket.id)], TICKET_SPEC),
        "masked",
    ),
    (
        "helpdesk.ticket",
        "name_search",
        lambda t, m: ids_of_pairs(m.name_search("south.buy")),
        "hidden",
    ),
    (
        "helpdesk.ticket",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "=", t.ticket.id)], ["partner_email"], ["__count"]
        ),
        "refused",
    ),
    (
        "helpdesk.ticket",
        "web_read_group",
        lambda t, m: m.web_read_group([("id", "=", t.ticket.id)], ["email_cc"]),
        "refused",
    ),
    ("helpdesk.ticket", *unfolded("ticket", ["stage_id"], TICKET_SPEC)),
    (
        "helpdesk.ticket",
        "search",
        lambda t, m: ids_of(m.search([("partner_email", "=like", "south%")])),
        "hidden",
    ),
    (
        "helpdesk.ticket",
        "search",
        lambda t, m: ids_of(m.search([("email_cc", "ilike", "south.con")])),
        "hidden",
    ),
    # mail.message: the South customer's e-mail, copied to its contact
    (
        "mail.message",
        "read",
        lambda t, m: m.browse(t.message.id).read(MESSAGE_FIELDS),
        "clean",
    ),
    (
        "mail.message",
        "search_read",
        lambda t, m: m.search_read([("id", "=", t.message.id)], MESSAGE_FIELDS),
        "clean",
    ),
    (
        "mail.message",
        "web_read",
        lambda t, m: m.browse(t.message.id).web_read(dict.fromkeys(MESSAGE_FIELDS, {})),
        "clean",
    ),
    (
        "mail.message",
        "web_search_read",
        lambda t, m: m.web_search_read(
            [("id", "=", t.message.id)], dict.fromkeys(MESSAGE_FIELDS, {})
        ),
        "clean",
    ),
    (
        "mail.message",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group(
            [("id", "=", t.message.id)], ["incoming_email_cc"], ["__count"]
        ),
        "refused",
    ),
    (
        "mail.message",
        "search",
        lambda t, m: ids_of(m.search([("email_from", "ilike", "south.buy")])),
        "hidden",
    ),
    (
        "mail.message",
        "search",
        lambda t, m: ids_of(m.search([("outgoing_email_to", "=like", "south.c%")])),
        "hidden",
    ),
    (
        "mail.message",
        "search",
        lambda t, m: ids_of(m.search([("incoming_email_to", "not ilike", "south.con")])),
        "hidden",
    ),
    (
        "mail.notification",
        "read",
        lambda t, m: m.browse(t.notification.id).read(["mail_email_address"]),
        "clean",
    ),
    (
        "mail.notification",
        "search",
        lambda t, m: ids_of(m.search([("mail_email_address", "ilike", "south.con")])),
        "hidden",
    ),
    (
        "mail.message",
        "search",
        lambda t, m: ids_of(
            m.search([("notification_ids.mail_email_address", "ilike", "south.con")])
        ),
        "hidden",
    ),
    # account.analytic.account: a project of the South customer
    (
        "account.analytic.account",
        "read",
        lambda t, m: m.with_context(**SHOW_EMAIL).browse(t.analytic.id).read(["partner_id"]),
        "masked",
    ),
    (
        "account.analytic.account",
        "search_read",
        lambda t, m: m.with_context(**SHOW_EMAIL).search_read(
            [("id", "=", t.analytic.id)], ["display_name", "partner_id"]
        ),
        "masked",
    ),
    (
        "account.analytic.account",
        "web_read",
        lambda t, m: m.browse(t.analytic.id).web_read(
            {"partner_id": {"fields": {"display_name": {}}, "context": SHOW_EMAIL}}
        ),
        "masked",
    ),
    (
        "account.analytic.account",
        "search",
        lambda t, m: ids_of(m.search([("partner_id.mobile", "=like", "0917%")])),
        "hidden",
    ),
    (
        "account.analytic.account",
        "search",
        lambda t, m: ids_of(m.search([("partner_id", "any", [("email", "ilike", "south.b")])])),
        "hidden",
    ),
    (
        "account.analytic.account",
        "search",
        lambda t, m: ids_of(
            m.search([("partner_id.commercial_partner_id.phone", "ilike", "2188776")])
        ),
        "hidden",
    ),
    (
        "account.analytic.account",
        "export",
        lambda t, m: m.browse(t.analytic.id).export_data(["partner_id/phone"]),
        "refused",
    ),
    # many2one labels on models that are not audited
    (
        "crm.lead",
        "read",
        lambda t, m: m.with_context(**SHOW_EMAIL).browse(t.lead.id).read(["partner_id"]),
        "masked",
    ),
    # group titles: the label of the customer as the title of a group
    ("crm.lead", *grouped("formatted_read_group", "lead", ["partner_id"], SHOW_EMAIL)),
    ("crm.lead", *grouped("web_read_group", "lead", ["partner_id"], SHOW_ADDRESS)),
    # group titles by a property holding a contact (many2one, many2many)
    ("crm.lead", *grouped("formatted_read_group", "prop_lead", [REFERRER], SHOW_EMAIL)),
    ("crm.lead", *grouped("formatted_read_group", "prop_lead", [CONTACTS], SHOW_EMAIL)),
    ("crm.lead", *grouped("web_read_group", "prop_lead", [REFERRER], SHOW_EMAIL)),
    ("crm.lead", *grouped("web_read_group", "prop_lead", [CONTACTS], SHOW_EMAIL)),
    (
        "crm.lead",
        "formatted_read_grouping_sets",
        lambda t, m: m.with_context(**SHOW_EMAIL).formatted_read_grouping_sets(
            [("id", "=", t.prop_lead.id)], [[REFERRER], ["stage_id", REFERRER]]
        ),
        "masked",
    ),
    # labels with the address (show_address): the address is the customer's
    # data, the identity values within are masked
    (
        "crm.lead",
        "read",
        lambda t, m: m.with_context(**SHOW_ADDRESS).browse(t.lead.id).read(["partner_id"]),
        "masked",
    ),
    (
        "account.analytic.account",
        "read",
        lambda t, m: m.with_context(**SHOW_ALL).browse(t.analytic.id).read(["partner_id"]),
        "masked",
    ),
    (
        "account.analytic.account",
        "search_read",
        lambda t, m: m.with_context(**SHOW_ADDRESS).search_read(
            [("id", "=", t.analytic.id)], ["partner_id"]
        ),
        "masked",
    ),
    (
        "account.analytic.account",
        "web_read",
        lambda t, m: m.browse(t.analytic.id).web_read(
            {"partner_id": {"fields": {"display_name": {}}, "context": SHOW_ADDRESS}}
        ),
        "masked",
    ),
    (
        "account.analytic.account",
        "web_search_read",
        lambda t, m: m.web_search_read(
            [("id", "=", t.analytic.id)],
            {"partner_id": {"fields": {"display_name": {}}, "context": SHOW_ALL}},
        ),
        "masked",
    ),
    (
        "res.partner",
        "name_search",
        lambda t, m: m.with_context(**SHOW_ALL).name_search("South customer"),
        "masked",
    ),
    (
        "res.partner",
        "web_read",
        lambda t, m: m.browse(t.south_contact.id).web_read(
            {"commercial_partner_id": {"fields": {"display_name": {}}, "context": SHOW_ALL}}
        ),
        "masked",
    ),
    # long lists of candidate values
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("mobile", "in", CANDIDATES)])),
        "refused",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("email_normalized", "not in", CANDIDATES)])),
        "refused",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("cid_search", "in", CANDIDATES)])),
        "refused",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(
            m.search(["|"] * 29 + [("phone", "=", number) for number in CANDIDATES[-30:]])
        ),
        "refused",
    ),
    (
        "res.partner",
        "search",
        lambda t, m: ids_of(m.search([("phone_mobile_search", "in", CANDIDATES)])),
        "refused",
    ),
    (
        "res.users",
        "search",
        lambda t, m: ids_of(m.search([("email", "in", CANDIDATES)])),
        "refused",
    ),
    (
        "res.partner",
        "name_search",
        lambda t, m: m.name_search("", [("mobile", "in", CANDIDATES)]),
        "refused",
    ),
    (
        "res.partner",
        "search_count",
        lambda t, m: m.search_count([("email", "in", CANDIDATES)]),
        "refused",
    ),
    (
        "res.partner",
        "formatted_read_group",
        lambda t, m: m.formatted_read_group([("mobile", "in", CANDIDATES)], ["name"]),
        "refused",
    ),
    (
        "crm.cid.key",
        "search_read",
        lambda t, m: m.search_read([("value_normalized", "in", CANDIDATES)], ["id"]),
        "refused",
    ),
    (
        "helpdesk.ticket",
        "search",
        lambda t, m: ids_of(m.search([("partner_email", "in", CANDIDATES)])),
        "refused",
    ),
]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialCopies(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not all(model in cls.env for model in ("crm.lead", "helpdesk.ticket")):
            raise SkipTest("the bridges of leads and tickets are not installed")
        # agent1 works leads, tickets and analytic accounts of their own
        cls.agent.group_ids += (
            cls.env.ref("sales_team.group_sale_salesman")
            + cls.env.ref("helpdesk_mgmt.group_helpdesk_user_own")
            + cls.env.ref("analytic.group_analytic_accounting")
        )
        cls.manager.group_ids += cls.env.ref("sales_team.group_sale_manager")
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Opportunity of the south",
                "type": "opportunity",
                "partner_id": cls.south.id,
                "user_id": cls.agent.id,
            }
        )
        cls.lead.write({"email_from": SOUTH_EMAIL, "phone": SOUTH_PHONE})
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Ticket of the south",
                "description": "<p>broken</p>",
                "partner_id": cls.south.id,
                "partner_email": SOUTH_EMAIL,
                "email_cc": f"South buyer <{CONTACT_EMAIL}>",
                "user_id": cls.agent.id,
            }
        )
        cls.message = cls.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": cls.south.id,
                "message_type": "email",
                "author_id": cls.south.id,
                "email_from": f'"South customer" <{SOUTH_EMAIL}>',
                "incoming_email_to": f"South buyer <{CONTACT_EMAIL}>, help@example.org",
                "incoming_email_cc": f"{SOUTH_EMAIL}",
                "outgoing_email_to": CONTACT_EMAIL,
                "body": "<p>hello</p>",
            }
        )
        cls.notification = cls.env["mail.notification"].create(
            {
                "mail_message_id": cls.message.id,
                "notification_type": "email",
                "mail_email_address": CONTACT_EMAIL,
                "failure_type": "mail_bounce",
            }
        )
        # a lead of agent1 whose properties hold the South customer
        cls.team_north.lead_properties_definition = [
            {"name": "referrer", "type": "many2one", "comodel": "res.partner", "string": "By"},
            {"name": "contacts", "type": "many2many", "comodel": "res.partner", "string": "Who"},
        ]
        cls.prop_lead = cls.env["crm.lead"].create(
            {
                "name": "Referred by the south",
                "type": "opportunity",
                "team_id": cls.team_north.id,
                "user_id": cls.agent.id,
            }
        )
        cls.prop_lead.lead_properties = {"referrer": cls.south.id, "contacts": cls.south.ids}
        plan = cls.env["account.analytic.plan"].create({"name": "Projects"})
        cls.analytic = cls.env["account.analytic.account"].create(
            {"name": "South project", "plan_id": plan.id, "partner_id": cls.south.id}
        )
        cls.agent.group_ids += cls.env.ref("base.group_allow_export")
        # the address shown by labels with show_address, and a tax ID holding
        # the national ID (shown with show_vat)
        cls.south.write(
            {
                "street": SOUTH_STREET,
                "city": "Tehran",
                "zip": "1415913311",
                "vat": SOUTH_NATIONAL_ID,
            }
        )

    def records_of(self, model):
        records = {
            "crm.lead": self.lead,
            "helpdesk.ticket": self.ticket,
            "mail.message": self.message,
            "mail.notification": self.notification,
            "account.analytic.account": self.analytic,
            "crm.interaction": self.call | self.interactions["south"],
            "res.users": self.env["res.users"],
        }
        return records.get(model) or super().records_of(model)

    def test_the_setup_holds_the_secrets(self):
        self.assertEqual(self.lead.email_from, SOUTH_EMAIL)
        self.assertEqual(self.lead.phone, SOUTH_PHONE)
        self.assertEqual(self.ticket.partner_email, SOUTH_EMAIL)
        self.assertIn(CONTACT_EMAIL, self.message.incoming_email_to)
        self.assertIn(self.analytic, self.as_agent("account.analytic.account").search([]))
        # the manager sees them all in full
        rows = self.lead.with_user(self.manager).read(["email_from", "phone"])
        self.assertEqual((rows[0]["email_from"], rows[0]["phone"]), (SOUTH_EMAIL, SOUTH_PHONE))

    def test_every_path_of_the_copies(self):
        Log = self.env["crm.access.log"]
        for row, (model, path, attack, expected) in enumerate(COPY_ROWS):
            with self.subTest(row=row, model=model, path=path, expected=expected):
                Log.search([("user_id", "=", self.agent.id)]).unlink()
                if expected == "refused":
                    with self.assertRaises(Exception) as caught:
                        attack(self, self.as_agent(model))
                    self.assertIsInstance(caught.exception, (AccessError, UserError))
                    continue
                result = attack(self, self.as_agent(model))
                self.assert_no_secret(result)
                if expected == "hidden":
                    self.assertFalse(set(self.records_of(model).ids).intersection(result))
                    continue
                self.assertTrue(result, "the attack reads nothing: it proves nothing")
                if expected == "masked":
                    self.assertTrue(self.log_of_south(), "an allowed read is not in the access log")

    def test_every_model_with_copies_has_a_row_per_path(self):
        registry = self.env.registry
        models = {
            name
            for name, Model in registry.items()
            if not Model._abstract and isinstance(self.env[name], registry["crm.access.copied"])
        }
        self.assertEqual(models & {"crm.lead", "helpdesk.ticket"}, {"crm.lead", "helpdesk.ticket"})
        covered = {(model, path) for model, path, _attack, _expected in COPY_ROWS}
        missing = sorted(
            (model, path) for model in models for path in PATHS if (model, path) not in covered
        )
        self.assertFalse(missing, f"read paths without a row: {missing}")

    def test_a_suspended_user_gets_no_copy(self):
        self.env["crm.access.alarm"].create(
            {"user_id": self.agent.id, "customer_count": 500, "threshold": 200, "is_blocking": True}
        )
        for model, path, attack, expected in COPY_ROWS:
            if expected != "masked":
                continue
            with self.subTest(model=model, path=path):
                with self.assertRaises(AccessError):
                    attack(self, self.as_agent(model))

    def test_the_values_are_masked_as_the_customers_own(self):
        Partner = self.as_agent("res.partner")
        [partner] = Partner.browse(self.south.id).read(["email", "phone"])
        [lead] = self.as_agent("crm.lead").browse(self.lead.id).read(["email_from", "phone"])
        self.assertEqual(lead["email_from"], partner["email"])
        self.assertEqual(lead["phone"], partner["phone"])
        [ticket] = self.as_agent("helpdesk.ticket").browse(self.ticket.id).read(["partner_email"])
        self.assertEqual(ticket["partner_email"], partner["email"])
        # a whole value still finds the lead; inside the portfolio a part does
        Lead = self.as_agent("crm.lead")
        self.assertEqual(Lead.search([("email_from", "=ilike", SOUTH_EMAIL)]), self.lead)
        self.lead.partner_id = self.north
        self.lead.email_from = "north.lead@example.com"
        self.assertEqual(Lead.search([("email_from", "ilike", "north.lea")]), self.lead)
        self.assertEqual(
            Lead.browse(self.lead.id).read(["email_from"])[0]["email_from"],
            ("north.lead@example.com"),
        )

    def test_a_form_shows_the_copies_masked_and_saves_the_real_ones(self):
        with Form(self.env["crm.lead"].with_user(self.agent)) as form:
            form.name = "New opportunity of the south"
            form.partner_id = self.south
            self.assertEqual(form.email_from, "s***@example.com")
            self.assertEqual(form.phone, "0218***6655")
        lead = form.record
        self.assertEqual((lead.sudo().email_from, lead.sudo().phone), (SOUTH_EMAIL, SOUTH_PHONE))
        # any other masked value is refused, as on the customer
        with self.assertRaises(UserError):
            lead.with_user(self.agent).write({"email_from": "x***@example.com"})
        # the form of a customer of the portfolio shows the values in full
        with Form(self.env["crm.lead"].with_user(self.agent)) as form:
            form.name = "Opportunity of the north"
            form.partner_id = self.north
            self.assertEqual(form.email_from, "north.buyer@example.com")

    def test_labels_with_the_address_mask_identity_values_and_count(self):
        Log = self.env["crm.access.log"]
        Partner = self.env["res.partner"]
        # computed as superuser for the agent, as Odoo computes labels: the
        # real user decides
        label = Partner.with_user(self.agent).sudo().with_context(**SHOW_ALL)
        label = label.browse(self.south.id).display_name
        self.assertIn(SOUTH_STREET, label)
        self.assertIn("s***@example.com", label)
        self.assertIn("001****679", label)
        self.assert_no_secret(label)
        # agent2 serves the South customer: the label in full
        label = Partner.with_user(self.agent2).sudo().with_context(**SHOW_ALL)
        label = label.browse(self.south.id).display_name
        self.assertIn(SOUTH_EMAIL, label)
        self.assertIn(SOUTH_NATIONAL_ID, label)
        # a label of the name alone is no read of the customer; with the address it is
        Analytic = self.as_agent("account.analytic.account").browse(self.analytic.id)
        Log.search([("user_id", "=", self.agent.id)]).unlink()
        Analytic.read(["partner_id"])
        self.assertFalse(self.log_of_south())
        [row] = Analytic.with_context(**SHOW_ADDRESS).read(["partner_id"])
        self.assertIn(SOUTH_STREET, row["partner_id"][1])
        self.assertTrue(self.log_of_south())

    def test_groups_by_a_property_holding_a_contact_count_once_per_call(self):
        Log = self.env["crm.access.log"]
        Lead = self.as_agent("crm.lead")
        domain = [("id", "=", self.prop_lead.id)]
        # the name alone is no read of the customer
        Log.search([("user_id", "=", self.agent.id)]).unlink()
        Lead.formatted_read_group(domain, [REFERRER, CONTACTS])
        self.assertFalse(self.log_of_south())
        # with the e-mail, masked and counted once for the call
        [group] = Lead.with_context(**SHOW_EMAIL).formatted_read_group(domain, [REFERRER, CONTACTS])
        self.assertIn("s***@example.com", group[REFERRER][1])
        self.assertIn("s***@example.com", group[CONTACTS][1])
        Log._flush_reads(force=True)
        self.assertEqual(self.log_of_south().count, 1)
        # agent2 serves the South customer: the title in full, counted for them
        self.agent2.group_ids += self.env.ref("sales_team.group_sale_salesman_all_leads")
        Lead = self.env["crm.lead"].with_user(self.agent2).with_context(**SHOW_EMAIL)
        [group] = Lead.formatted_read_group(domain, [REFERRER])
        self.assertIn(SOUTH_EMAIL, group[REFERRER][1])
        Log._flush_reads(force=True)
        self.assertTrue(
            Log.search([("user_id", "=", self.agent2.id), ("partner_id", "=", self.south.id)])
        )

    def test_addresses_of_messages_are_masked_by_whom_they_belong_to(self):
        [row] = self.as_agent("mail.message").browse(self.message.id).read(MESSAGE_FIELDS)
        self.assertEqual(row["email_from"], '"South customer" <s***@example.com>')
        self.assertEqual(
            row["incoming_email_to"], "South buyer <s***@example.com>, help@example.org"
        )
        self.assertEqual(row["outgoing_email_to"], "s***@example.com")
        [row] = self.message.with_user(self.manager).read(MESSAGE_FIELDS)
        self.assertIn(CONTACT_EMAIL, row["incoming_email_to"])

    def test_the_address_of_a_notification_in_the_store(self):
        result = Store().add(self.notification.with_user(self.agent)).get_result()
        [data] = result["mail.notification"]
        self.assertEqual(data["mail_email_address"], "s***@example.com")
        result = Store().add(self.notification.with_user(self.manager)).get_result()
        self.assertEqual(result["mail.notification"][0]["mail_email_address"], CONTACT_EMAIL)
        # the failures of a message, as the chatter gets them
        store = Store()
        self.message.with_user(self.agent)._message_notifications_to_store(store)
        self.assertNotIn(CONTACT_EMAIL, repr(store.get_result()))

    def test_tracked_copies_are_hidden_from_who_sees_them_masked(self):
        self.lead.with_context(tracking_disable=False).write(
            {"email_from": "new.south@example.com", "name": "Opportunity renamed"}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        trackings = self.lead.message_ids.sudo().tracking_value_ids
        self.assertIn("email_from", trackings.field_id.mapped("name"))
        shown = self.lead.with_user(self.agent)._track_filter_for_display(trackings)
        self.assertEqual(
            shown, trackings.filtered(lambda tracking: tracking.field_id.name != "email_from")
        )
        shown = self.lead.with_user(self.manager)._track_filter_for_display(trackings)
        self.assertIn("email_from", shown.field_id.mapped("name"))

    def test_a_negated_pattern_through_a_joined_relation_tells_nothing(self):
        Analytic = self.as_agent("account.analytic.account")
        for operator in ("not any", "any"):
            with self.subTest(operator=operator):
                right = Analytic.search([("partner_id", operator, [("mobile", "=like", "0917%")])])
                wrong = Analytic.search([("partner_id", operator, [("mobile", "=like", "0000%")])])
                self.assertEqual(right & self.analytic, wrong & self.analytic)
        # the whole value finds, and the manager searches as before
        self.assertEqual(
            Analytic.search([("partner_id.mobile", "=", SOUTH_MOBILE)]) & self.analytic,
            self.analytic,
        )
        self.manager.group_ids += self.env.ref("analytic.group_analytic_accounting")
        Analytic = Analytic.with_user(self.manager)
        self.assertEqual(
            Analytic.search([("partner_id.mobile", "=like", "0917%")]) & self.analytic,
            self.analytic,
        )

    def test_a_short_list_of_whole_values_still_finds(self):
        Partner = self.as_agent("res.partner")
        self.assertIn(self.south, Partner.search([("mobile", "in", CANDIDATES[-20:])]))
        self.set_param("search_value_limit", "5")
        with self.assertRaisesRegex(UserError, "at most 5"):
            Partner.search([("mobile", "in", CANDIDATES[-6:])])
        # the suite's own lookups of the keys it was given are not bound
        pairs = [("mobile", f"+98912{n:07d}") for n in range(30)] + [("mobile", SOUTH_MOBILE_E164)]
        self.assertIn(("mobile", SOUTH_MOBILE_E164), Partner._cid_match_keys(pairs))
        # users who see every value are not bound
        Partner = self.env["res.partner"].with_user(self.manager)
        self.assertIn(self.south, Partner.search([("mobile", "in", CANDIDATES)]))

    def test_no_searchable_field_of_the_copies_is_an_oracle(self):
        for model in ("crm.lead", "helpdesk.ticket", "mail.message"):
            records = self.records_of(model)
            Model = self.as_agent(model)
            searchable = [
                fname
                for fname, description in Model.fields_get(
                    attributes=["type", "searchable"]
                ).items()
                if description["searchable"] and description["type"] in ("char", "text")
            ]
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
