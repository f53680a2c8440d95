"""An agent of team North tries team South's customers through mail and exports.

Every row of the tables below is an attack: the answer is refused, or
carries only masked values, and each allowed read lands in the access log.
"""

import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.mail.tools.discuss import Store

from ..models.export_guard import COPIED_IDENTITY_FIELDS
from .common import AccessPolicyCommon, new_exporter

SOUTH_MOBILE = "09173504817"
SOUTH_MASKED_MOBILE = "0917***4817"
SOUTH_PHONE = "02188776655"
SOUTH_EMAIL = "south.buyer@example.com"
SOUTH_MASKED_EMAIL = "s***@example.com"
SOUTH_NOTE = "Pays only in cash"
NORTH_MOBILE = "09113504817"
NORTH_EMAIL = "north.buyer@example.com"

# (model, column): exporting this column takes customer identity data out.
REFUSED_EXPORTS = [
    ("sale.order", "partner_id/phone"),
    ("sale.order", "partner_id/email"),
    ("sale.order", "partner_id/mobile"),
    ("sale.order", "partner_invoice_id/street"),
    ("sale.order", "partner_id/parent_id/national_id"),
    ("sale.order", "partner_id/cid_key_ids/value"),
    ("sale.order", "partner_id/cid_key_ids/id"),
    ("sale.order.line", "order_partner_id/email"),
    ("account.move", "partner_id/email"),
    ("account.move", "commercial_partner_id/mobile"),
    ("account.move.line", "partner_id/phone"),
    ("crm.lead", "partner_id/mobile"),
    ("crm.lead", "partner_id/comment"),
    ("crm.lead", "email_from"),
    ("crm.lead", "phone"),
    ("crm.lead", "street"),
    ("crm.lead", "email_domain_criterion"),
    ("sale.order", "opportunity_id/email_from"),
    ("helpdesk.ticket", "partner_email"),
    ("account.move", "invoice_source_email"),
    ("helpdesk.ticket", "partner_id/email"),
    ("helpdesk.ticket", "commercial_partner_id/national_id"),
    ("crm.price.quote", "partner_id/phone"),
    ("crm.price.log", "commercial_partner_id/email"),
    ("secretariat.letter", "partner_id/phone"),
    ("crm.interaction", "partner_id/phone"),
    ("crm.interaction.key", "interaction_id/partner_id/mobile"),
    ("res.partner", "email"),
    ("crm.cid.key", "value"),
]
# (model, column): names and references only, as Odoo has them.
ALLOWED_EXPORTS = [
    ("sale.order", "name"),
    ("sale.order", "partner_id"),
    ("sale.order", "partner_id/id"),
    ("sale.order", "partner_id/.id"),
    ("sale.order", "partner_id/name"),
    ("sale.order", "partner_id/cid"),
    ("sale.order", "partner_id/country_id/name"),
    ("account.move", "partner_id/display_name"),
    ("crm.lead", "partner_id/portfolio_team_id/name"),
    ("res.country", "name"),
]
# Related fields of the suite computed as superuser, each reviewed: the value
# reached is readable by whoever reads the record, or is not a secret.
REVIEWED_SUDO_RELATED = {
    # the CID is shown to everyone
    ("account.move", "cid"),
    ("account.move.line", "cid"),
    ("account.payment", "cid"),
    ("crm.ledger.statement", "cid"),
    ("crm.access.log", "cid"),
    ("crm.access.grant", "cid"),
    ("crm.price.quote", "cid"),
    ("crm.price.log", "cid"),
    ("secretariat.letter", "cid"),
    ("crm.cid.key", "cid"),
    ("crm.interaction", "cid"),
    ("crm.interaction.cid.mixin", "cid"),
    ("crm.lead", "cid"),
    ("helpdesk.ticket", "cid"),
    # settings: res.config.settings is open to administrators only
    ("res.config.settings", "crm_sms_panel"),
    ("res.config.settings", "crm_sms_sender"),
    ("res.config.settings", "crm_sms_username"),
    ("res.config.settings", "crm_sms_api_key"),
    ("res.config.settings", "crm_sms_base_url"),
    # the record's own customer, readable by every internal user (masked)
    ("crm.cid.key", "commercial_partner_id"),
    ("crm.interaction", "commercial_partner_id"),
    ("crm.interaction.key", "partner_id"),
    ("crm.price.quote", "commercial_partner_id"),
    ("helpdesk.ticket.dissatisfied", "partner_id"),
    ("helpdesk.ticket", "ledger_is_dissatisfied"),
    # configuration, channels, key types, companies
    ("crm.interaction", "channel_code"),
    ("crm.interaction.log", "has_duration"),
    ("crm.cid.key", "type_code"),
    ("crm.cid.key", "uniqueness"),
    ("crm.cid.key", "is_sensitive"),
    ("crm.cid.key", "company_id"),
    ("res.config.settings", "ledger_overdue_days"),
    ("res.config.settings", "ledger_sale_approval"),
    ("res.config.settings", "ledger_sale_block_overdue"),
    ("res.config.settings", "ledger_sale_block_credit_limit"),
    ("res.config.settings", "ledger_sale_block_dissatisfied"),
    ("res.config.settings", "crm_price_tolerance"),
    ("res.config.settings", "crm_price_validity_days"),
    ("res.config.settings", "crm_price_window_days"),
    ("secretariat.letter", "company_id"),
    ("secretariat.series", "company_id"),
    ("secretariat.letter.referral", "company_id"),
    # records of the user's own: their statement, card, request, offboarding
    ("crm.ledger.statement.line", "currency_id"),
    ("crm.access.card", "grant_state"),
    ("crm.access.card", "grant_expires_at"),
    ("crm.access.offboarding.line", "user_id"),
    # product categories; the number of the order a price was given on
    ("crm.price.quote", "categ_id"),
    ("crm.price.log", "order_id"),
    # who reads a referral (its recipient) reads its letter (secretariat's rules)
    ("secretariat.letter.referral", "indicator_number"),
    ("secretariat.letter.referral", "subject"),
    ("secretariat.letter.referral", "confidentiality"),
    ("secretariat.letter.referral", "urgency"),
}
SUITE_PREFIXES = ("crm_", "secretariat", "web_jalali")
# Models an agent exports that name a customer: their own fields holding
# identity values are guarded (COPIED_IDENTITY_FIELDS) or listed here.
CUSTOMER_LINKED_MODELS = (
    "sale.order",
    "sale.order.line",
    "account.move",
    "account.move.line",
    "crm.lead",
    "helpdesk.ticket",
    "crm.price.quote",
    "crm.price.log",
    "secretariat.letter",
    "crm.interaction",
)
IDENTITY_NAME_PARTS = ("email", "phone", "mobile", "national", "street", "zip", "address")
# (model, field): looks like identity data, is not
NOT_IDENTITY_FIELDS = set()


class AdversarialMailExportCommon(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.write(
            {
                "mobile": SOUTH_MOBILE,
                "phone": SOUTH_PHONE,
                "email": SOUTH_EMAIL,
                "comment": f"<p>{SOUTH_NOTE}</p>",
            }
        )
        cls.north.write(
            {"mobile": NORTH_MOBILE, "email": NORTH_EMAIL, "comment": "<p>North note</p>"}
        )
        # the attacker may export other things (Odoo's right), not customer data
        cls.agent.group_ids += cls.env.ref("base.group_allow_export")
        cls.exporter = new_exporter(
            cls.env,
            "ap_adv_exporter",
            "agent",
            "base.group_allow_export",
            "sales_team.group_sale_salesman_all_leads",
        )

    def log_of(self, user, partner, kind=None):
        # the log is written in SQL, re-reads in batches: write them, read it afresh
        self.env["crm.access.log"]._flush_reads(force=True)
        self.env["crm.access.log"].invalidate_model()
        domain = [("user_id", "=", user.id), ("partner_id", "=", partner.id)]
        if kind:
            domain.append(("kind", "=", kind))
        return self.env["crm.access.log"].search(domain)

    def block(self, user):
        self.env["crm.access.alarm"].create(
            {"user_id": user.id, "customer_count": 300, "threshold": 200, "is_blocking": True}
        )


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialExport(AdversarialMailExportCommon):
    def test_customer_data_through_other_models_is_refused(self):
        for model, column in REFUSED_EXPORTS:
            with self.subTest(model=model, column=column):
                if model not in self.env:
                    self.skipTest(f"{model} is not installed")
                records = self.env[model].with_user(self.agent).browse()
                with self.assertRaisesRegex(AccessError, "export customer data"):
                    records.export_data([column])

    def test_names_and_references_stay_exportable(self):
        for model, column in ALLOWED_EXPORTS:
            with self.subTest(model=model, column=column):
                if model not in self.env:
                    self.skipTest(f"{model} is not installed")
                result = self.env[model].with_user(self.agent).browse().export_data([column])
                self.assertEqual(result, {"datas": []})

    def test_every_model_linked_to_contacts_is_guarded(self):
        # a model added tomorrow with a customer field is guarded as well
        checked = 0
        for model_name, Model in self.env.registry.items():
            if Model._abstract or Model._transient or model_name == "res.partner":
                continue
            for fname, field in Model._fields.items():
                if field.type != "many2one" or field.comodel_name != "res.partner":
                    continue
                checked += 1
                with self.subTest(model=model_name, field=fname):
                    with self.assertRaises(AccessError):
                        self.env[model_name].with_user(self.agent).browse().export_data(
                            [f"{fname}/email"]
                        )
                break
        self.assertGreater(checked, 50)

    def test_copies_of_identity_values_on_other_models_are_guarded(self):
        unguarded = []
        for model_name in CUSTOMER_LINKED_MODELS:
            if model_name not in self.env or isinstance(
                self.env[model_name], self.env.registry["crm.access.audited"]
            ):
                continue
            copies = COPIED_IDENTITY_FIELDS.get(model_name, (None, ()))[1]
            for fname, field in self.env[model_name]._fields.items():
                if (
                    field.type in ("char", "text", "html")
                    and not field.related
                    and any(part in fname for part in IDENTITY_NAME_PARTS)
                    and fname not in copies
                    and (model_name, fname) not in NOT_IDENTITY_FIELDS
                ):
                    unguarded.append(f"{model_name}.{fname}")
        self.assertFalse(
            unguarded,
            "fields holding customer identity values: guard their export "
            "(COPIED_IDENTITY_FIELDS) or list them as not identity data",
        )

    def test_export_with_the_right_is_full_and_logged(self):
        if "sale.order" not in self.env:
            self.skipTest("sale is not installed")
        order = self.env["sale.order"].create(
            {"partner_id": self.south.id, "user_id": self.exporter.id}
        )
        rows = (
            order.with_user(self.exporter)
            .export_data(["name", "partner_id/mobile", "partner_id/email"])
            .get("datas")
        )
        self.assertEqual(rows, [[order.name, SOUTH_MOBILE, SOUTH_EMAIL]])
        self.assertEqual(self.log_of(self.exporter, self.south, "export").count, 1)
        # contacts exported directly are counted once, by their own control
        rows = self.south.with_user(self.exporter).export_data(["email"])["datas"]
        self.assertEqual(rows, [[SOUTH_EMAIL]])
        self.assertEqual(self.log_of(self.exporter, self.south, "export").count, 2)

    def test_layoff_mode_freezes_exports_through_other_models(self):
        self.exporter.crm_access_watch = True
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.exporter).browse().export_data(["partner_id/email"])

    def test_refused_export_leaves_no_log(self):
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.agent).search([], limit=5).export_data(
                ["partner_id/phone"]
            )
        self.assertFalse(self.log_of(self.agent, self.south, "export"))


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialMailStore(AdversarialMailExportCommon):
    def partner_data(self, result, partner):
        [entry] = [row for row in result.get("res.partner", []) if row["id"] == partner.id]
        return entry

    def test_store_masks_another_portfolio_even_as_superuser(self):
        fields = ["name", "email", "phone"]
        for env_su in (False, True):
            with self.subTest(sudo=env_su):
                Partner = self.env["res.partner"].with_user(self.agent).sudo(env_su)
                store = Store().add(Partner.browse((self.south | self.north).ids), fields)
                result = store.get_result()
                south = self.partner_data(result, self.south)
                self.assertEqual(south["email"], SOUTH_MASKED_EMAIL)
                self.assertEqual(south["phone"], "0218***6655")
                self.assertEqual(self.partner_data(result, self.north)["email"], NORTH_EMAIL)
        # entitled users get the full values
        store = Store().add(self.south.with_user(self.manager), fields)
        self.assertEqual(self.partner_data(store.get_result(), self.south)["email"], SOUTH_EMAIL)

    def test_store_read_of_identity_is_logged(self):
        Store().add(self.south.with_user(self.agent).sudo(), ["name", "email"])
        self.assertTrue(self.log_of(self.agent, self.south))
        # names and avatars only: not customer data
        Store().add(self.north.with_user(self.agent), ["name", "avatar_128"])
        self.assertFalse(self.log_of(self.agent, self.north))

    def test_store_for_another_recipient_is_masked_for_them(self):
        # data sent on the bus to the south agent: masked as for them, not as
        # for the sender who manages every customer
        store = Store(bus_channel=self.agent)
        store.add(self.south.with_user(self.manager), ["email"])
        self.assertEqual(
            self.partner_data(store.get_result(), self.south)["email"], SOUTH_MASKED_EMAIL
        )

    def test_mention_suggestions(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        result = Partner.get_mention_suggestions("South customer")
        self.assertEqual(self.partner_data(result, self.south)["email"], SOUTH_MASKED_EMAIL)
        self.assertNotIn(SOUTH_EMAIL, str(result))
        self.assertTrue(self.log_of(self.agent, self.south))
        # no oracle: an e-mail outside the portfolio finds nobody
        by_email = Partner.get_mention_suggestions(SOUTH_EMAIL)
        self.assertNotIn(self.south.id, [row["id"] for row in by_email.get("res.partner", [])])
        by_email = Partner.get_mention_suggestions(NORTH_EMAIL)
        self.assertIn(self.north.id, [row["id"] for row in by_email.get("res.partner", [])])
        # the manager still finds anyone by e-mail
        by_email = (
            self.env["res.partner"].with_user(self.manager).get_mention_suggestions(SOUTH_EMAIL)
        )
        self.assertIn(self.south.id, [row["id"] for row in by_email.get("res.partner", [])])

    def test_suspended_user_gets_no_mention_suggestions(self):
        self.block(self.agent)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.agent).get_mention_suggestions("South")

    def test_tracking_values_of_masked_fields_are_hidden(self):
        self.south.with_context(tracking_disable=False).write(
            {"mobile": "09170000000", "email": "new.south@example.com", "name": "South renamed"}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        message = self.south.message_ids.filtered("tracking_value_ids")[:1]
        self.assertTrue(message)
        trackings = message.sudo().tracking_value_ids
        shown = self.south.with_user(self.agent)._track_filter_for_display(trackings)
        self.assertEqual(shown.field_id.mapped("name"), ["name"])
        shown = self.south.with_user(self.manager)._track_filter_for_display(trackings)
        self.assertIn("mobile", shown.field_id.mapped("name"))
        north_message = self.north.with_user(self.agent)
        self.assertEqual(north_message._track_filter_for_display(trackings), trackings)

    def test_sender_address_of_a_customer_message(self):
        message = self.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": self.south.id,
                "message_type": "email",
                "author_id": self.south.id,
                "email_from": f'"South customer" <{SOUTH_EMAIL}>',
                "body": "<p>hello</p>",
            }
        )
        result = Store().add(message.with_user(self.agent)).get_result()
        [data] = result["mail.message"]
        self.assertEqual(data["email_from"], f'"South customer" <{SOUTH_MASKED_EMAIL}>')
        result = Store().add(message.with_user(self.manager)).get_result()
        self.assertEqual(
            result["mail.message"][0]["email_from"], f'"South customer" <{SOUTH_EMAIL}>'
        )

    def test_to_and_cc_addresses_of_customers(self):
        message = self.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": self.north.id,
                "message_type": "email",
                "author_id": self.north.id,
                "incoming_email_to": f"South customer <{SOUTH_EMAIL}>",
                "incoming_email_cc": f"North <{NORTH_EMAIL}>, stranger@example.org",
                "body": "<p>hello</p>",
            }
        )
        [data] = Store().add(message.with_user(self.agent)).get_result()["mail.message"]
        self.assertEqual([pair[1] for pair in data["incoming_email_to"]], [SOUTH_MASKED_EMAIL])
        self.assertEqual(
            [pair[1] for pair in data["incoming_email_cc"]],
            [NORTH_EMAIL, "stranger@example.org"],
        )
        [data] = Store().add(message.with_user(self.manager)).get_result()["mail.message"]
        self.assertEqual([pair[1] for pair in data["incoming_email_to"]], [SOUTH_EMAIL])

    def test_suggested_recipients_are_masked(self):
        recipients = self.south.with_user(self.agent)._message_get_suggested_recipients(
            reply_discussion=True
        )
        emails = {row["partner_id"]: row["email"] for row in recipients if row["partner_id"]}
        self.assertEqual(emails.get(self.south.id), SOUTH_MASKED_EMAIL)
        # a contact of the South customer named by its address
        named = self.env["res.partner"].create(
            {"name": "South.Named@example.com", "email": "south.named@example.com"}
        )
        named.parent_id = self.south
        for user, expected in ((self.agent, "s***@example.com"), (self.manager, None)):
            with self.subTest(user=user.login):
                recipients = named.with_user(user)._message_get_suggested_recipients()
                [row] = [row for row in recipients if row["partner_id"] == named.id]
                if expected:
                    self.assertEqual((row["email"], row["name"]), (expected, expected))
                    self.assertNotIn("named", repr(recipients).lower())
                else:
                    self.assertEqual(row["email"], "south.named@example.com")
                    self.assertEqual(row["name"], "South.Named@example.com")


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialCallerCard(AdversarialMailExportCommon):
    def test_caller_card_is_a_logged_card_read_without_the_note_outside(self):
        Interaction = self.env["crm.interaction"].with_user(self.agent)
        card = Interaction.caller_card(SOUTH_MOBILE)
        self.assertEqual(card["partner_id"], self.south.id)
        self.assertNotIn(SOUTH_NOTE, str(card))
        self.assertEqual(self.log_of(self.agent, self.south, "card").count, 1)
        card = Interaction.caller_card(NORTH_MOBILE)
        self.assertIn("Note: North note", card["cautions"])
        self.assertEqual(self.log_of(self.agent, self.north, "card").count, 1)
        card = self.env["crm.interaction"].with_user(self.manager).caller_card(SOUTH_MOBILE)
        self.assertIn(f"Note: {SOUTH_NOTE}", card["cautions"])

    def test_suspended_user_gets_no_caller_card(self):
        self.block(self.agent)
        with self.assertRaises(AccessError):
            self.env["crm.interaction"].with_user(self.agent).caller_card(NORTH_MOBILE)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialRelated(AdversarialMailExportCommon):
    def test_message_body_shows_only_a_message_the_user_may_read(self):
        # a note on the south customer's call, which the north agent may not read
        secret = self.interactions["south"].message_post(body="the south secret")
        interaction = self.interactions["north"]
        interaction.write({"message_id": secret.id})
        as_agent = interaction.with_user(self.agent)
        self.assertFalse(as_agent.message_body)
        self.assertFalse(as_agent.read(["message_body"])[0]["message_body"])
        self.assertFalse(as_agent.sudo().with_user(self.agent).message_body)
        self.assertIn("the south secret", interaction.with_user(self.manager).message_body)
        # a message the agent may read is shown
        mine = self.interactions["north"].message_post(body="the north reply")
        interaction.write({"message_id": mine.id})
        self.assertIn("the north reply", interaction.with_user(self.agent).message_body)

    def test_timeline_preview_of_a_message_the_user_may_not_read(self):
        secret = self.interactions["south"].message_post(body="the south secret")
        interaction = self.interactions["north"]
        interaction.write({"message_id": secret.id, "body": False, "summary": False})
        page = self.env["crm.interaction"].with_user(self.agent).timeline_page(self.north.id)
        [item] = [item for item in page["items"] if item["id"] == interaction.id]
        self.assertNotIn("secret", item["preview"])
        page = self.env["crm.interaction"].with_user(self.manager).timeline_page(self.north.id)
        [item] = [item for item in page["items"] if item["id"] == interaction.id]
        self.assertIn("the south secret", item["preview"])

    def test_sudo_related_fields_of_the_suite_are_reviewed(self):
        unreviewed = []
        for model_name, Model in self.env.registry.items():
            for fname, field in Model._fields.items():
                if not field.related or not field.compute_sudo:
                    continue
                modules = [module for module in field._modules if module.startswith(SUITE_PREFIXES)]
                if modules and (model_name, fname) not in REVIEWED_SUDO_RELATED:
                    unreviewed.append(f"{model_name}.{fname} ({modules[0]})")
        self.assertFalse(
            unreviewed,
            "related fields read as superuser: make them related_sudo=False, compute them "
            "with the user's rights, or review them here",
        )


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialMailRoutes(AdversarialMailExportCommon, HttpCase):
    """The mail routes over HTTP, with the north agent's own browser session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.message = cls.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": cls.south.id,
                "message_type": "email",
                "subtype_id": cls.env.ref("mail.mt_comment").id,
                "author_id": cls.south.id,
                "email_from": f'"South customer" <{SOUTH_EMAIL}>',
                "incoming_email_cc": f'"South customer" <{SOUTH_EMAIL}>, "North" <{NORTH_EMAIL}>',
                "body": "<p>please call me back</p>",
            }
        )

    def setUp(self):
        super().setUp()
        self.authenticate(self.agent.login, self.agent.login)

    def call_kw(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assert_no_full_value(self, result, *values):
        text = json.dumps(result)
        for value in values or (SOUTH_EMAIL, SOUTH_MOBILE, SOUTH_PHONE):
            self.assertNotIn(value, text)

    def partner_data(self, result, partner):
        [entry] = [row for row in result.get("res.partner", []) if row["id"] == partner.id]
        return entry

    def test_avatar_card(self):
        result = self.make_jsonrpc_request(
            "/mail/data",
            {"fetch_params": [["avatar_card", {"id": self.south.id, "model": "res.partner"}]]},
        )
        south = self.partner_data(result, self.south)
        self.assertEqual(south["email"], SOUTH_MASKED_EMAIL)
        self.assertEqual(south["phone"], "0218***6655")
        self.assert_no_full_value(result)
        self.assertTrue(self.log_of(self.agent, self.south))
        result = self.make_jsonrpc_request(
            "/mail/data",
            {"fetch_params": [["avatar_card", {"id": self.north.id, "model": "res.partner"}]]},
        )
        self.assertEqual(self.partner_data(result, self.north)["email"], NORTH_EMAIL)

    def test_mention_suggestions(self):
        result = self.call_kw("res.partner", "get_mention_suggestions", search="South customer")
        self.assertEqual(self.partner_data(result, self.south)["email"], SOUTH_MASKED_EMAIL)
        self.assert_no_full_value(result)
        result = self.call_kw("res.partner", "get_mention_suggestions", search=SOUTH_EMAIL)
        self.assertNotIn(self.south.id, [row["id"] for row in result.get("res.partner", [])])

    def test_thread_messages(self):
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "res.partner", "thread_id": self.south.id}
        )
        messages = {row["id"]: row for row in result["data"]["mail.message"]}
        message = messages[self.message.id]
        self.assertEqual(message["email_from"], f'"South customer" <{SOUTH_MASKED_EMAIL}>')
        self.assertEqual(
            [pair[1] for pair in message["incoming_email_cc"]], [SOUTH_MASKED_EMAIL, NORTH_EMAIL]
        )
        self.assert_no_full_value(result)

    def test_thread_messages_tracking(self):
        self.south.with_context(tracking_disable=False).write(
            {"mobile": "09170000000", "email": "new.south@example.com", "name": "South renamed"}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.south.invalidate_recordset()
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "res.partner", "thread_id": self.south.id}
        )
        trackings = [
            value
            for row in result["data"]["mail.message"]
            for value in row.get("trackingValues", [])
        ]
        # the change of name is shown, not those of the mobile and e-mail
        self.assertEqual(len(trackings), 1)
        self.assert_no_full_value(trackings, SOUTH_EMAIL, SOUTH_MOBILE)
        self.assert_no_full_value(result, "09170000000", "new.south@example.com")

    def test_mail_data_of_the_thread(self):
        self.south.message_subscribe(partner_ids=self.south.ids)
        result = self.make_jsonrpc_request(
            "/mail/data",
            {
                "fetch_params": [
                    [
                        "mail.thread",
                        {
                            "thread_model": "res.partner",
                            "thread_id": self.south.id,
                            "request_list": ["followers", "suggestedRecipients"],
                        },
                    ],
                ]
            },
        )
        [thread] = result["mail.thread"]
        self.assertTrue(thread["suggestedRecipients"])
        self.assertIn(self.south.id, [row["id"] for row in result.get("res.partner", [])])
        self.assert_no_full_value(result)

    def test_suggested_recipients(self):
        result = self.make_jsonrpc_request(
            "/mail/thread/recipients/get_suggested_recipients",
            {"thread_model": "res.partner", "thread_id": self.south.id, "partner_ids": []},
        )
        emails = {row["partner_id"]: row["email"] for row in result if row.get("partner_id")}
        self.assertEqual(emails.get(self.south.id), SOUTH_MASKED_EMAIL)
        self.assert_no_full_value(result)

    def test_partner_from_email(self):
        result = self.make_jsonrpc_request(
            "/mail/partner/from_email",
            {
                "thread_model": "res.partner",
                "thread_id": self.north.id,
                "emails": ["SOUTH.Buyer@Example.com"],
            },
        )
        [found] = [row for row in result if row["id"] == self.south.id]
        self.assertEqual(found["email"], SOUTH_MASKED_EMAIL)
        self.assert_no_full_value(result)

    def test_suspended_agent_gets_no_avatar_card(self):
        self.block(self.agent)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.make_jsonrpc_request(
                "/mail/data",
                {"fetch_params": [["avatar_card", {"id": self.south.id, "model": "res.partner"}]]},
            )
