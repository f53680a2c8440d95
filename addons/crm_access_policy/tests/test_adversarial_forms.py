"""The form round-trips of contacts and quotations, tried by an agent of team North.

Agent1, who may create contacts here, fills the form of a new contact under
a company of team South, and a quotation for the South customer: what the
round-trip (``onchange``) computes from the South customer comes masked (its
commercial entity's e-mail and mobile, the invoice and delivery addresses'
labels), and what agent1 types there comes back in the form the contact
would show it (masked, under a South company). Each row of
:data:`CHOSEN_ROWS` is ``(model, path, values, changed fields)``: served,
none of the South customer's values in it.

A value typed in a contact's form is looked up by nothing that would say
whose it is: each probe of :data:`PROBE_ROWS` types the South customer's
e-mail, mobile or phone, then a value nobody holds, and agent1 gets the
same answer for both, the typed value aside.

The SMS composer opened on a record shows the number it sends to: each row
of :data:`COMPOSER_ROWS` opens it on a document as a user, who gets the
number masked where the document or its customer is masked to them; the
composer saved from that form sends to the real number.
"""

from odoo.tests import tagged

from ..tools.mask import mask_email, mask_phone
from .test_adversarial_read import AdversarialReadCommon

PARTNER_SPEC = {"fields": {"display_name": {}, "email": {}, "phone": {}, "mobile": {}}}
LABEL_SPEC = dict(PARTNER_SPEC, context={"show_email": True, "show_address": True})
CONTACT_FORM_SPEC = {
    "name": {},
    "email": {},
    "phone": {},
    "mobile": {},
    "email_normalized": {},
    "email_formatted": {},
    "phone_sanitized": {},
    "parent_id": PARTNER_SPEC,
    "commercial_partner_id": PARTNER_SPEC,
    "same_vat_partner_id": PARTNER_SPEC,
    "cid": {},
    "street": {},
}
ORDER_FORM_SPEC = {
    "partner_id": LABEL_SPEC,
    "partner_invoice_id": LABEL_SPEC,
    "partner_shipping_id": LABEL_SPEC,
    "user_id": {},
}
TYPED_EMAIL = "typed.visitor@example.org"
# The South customer's values, and values of the same shape nobody holds.
RIGHT = {"email": "south.buyer@example.com", "mobile": "09171112233", "phone": "02188776655"}
WRONG = {"email": "nobody.here@example.com", "mobile": "09171119999", "phone": "02188779999"}

# (model, path, values sent, fields changed); "{south}" and "{contact}" stand
# for the ids of the South customer and of its contact.
CHOSEN_ROWS = [
    ("res.partner", "South company chosen", {"parent_id": "{south}"}, ["parent_id"]),
    (
        "res.partner",
        "South company chosen, e-mail typed",
        {"parent_id": "{south}", "email": TYPED_EMAIL},
        ["email"],
    ),
    ("res.partner", "South's contact chosen", {"parent_id": "{contact}"}, ["parent_id"]),
    ("sale.order", "South customer chosen", {"partner_id": "{south}"}, ["partner_id"]),
    ("sale.order", "South's contact chosen", {"partner_id": "{contact}"}, ["partner_id"]),
]
COMPOSER_SPEC = {
    "composition_mode": {},
    "res_model": {},
    "res_id": {},
    "number_field_name": {},
    "recipient_single_number": {},
    "recipient_single_number_itf": {},
    "recipient_single_description": {},
    "recipient_single_valid": {},
}
# The documents an SMS composer is opened on, the user opening it, and what
# the user gets of the number: "masked" or "whole". The documents of modules
# not installed are left out.
COMPOSER_ROWS = [
    ("South customer's card", "south", "agent", "masked"),
    ("South customer's card", "south", "agent2", "whole"),
    ("South customer's card", "south", "manager", "whole"),
    ("North customer's card", "north", "agent", "whole"),
    ("South customer's lead", "south_lead", "agent", "masked"),
    ("South customer's lead", "south_lead", "agent2", "whole"),
    ("South customer's quotation", "south_order", "agent", "masked"),
    ("South customer's quotation", "south_order", "agent2", "whole"),
]
# (path, fields typed, fields sent besides); each typed field gets the South
# customer's value, then one nobody holds.
PROBE_ROWS = [
    ("e-mail typed", ["email"], {}),
    ("mobile typed", ["mobile"], {}),
    ("phone typed", ["phone"], {}),
    ("e-mail and mobile typed", ["email", "mobile"], {}),
    ("e-mail typed under the South company", ["email"], {"parent_id": "{south}"}),
    ("mobile typed under an own company", ["mobile"], {"parent_id": "{north}"}),
]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialForms(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an agent who may create contacts, and read every lead and quotation
        # where sales are installed
        all_documents = cls.env.ref("sales_team.group_sale_salesman_all_leads")
        cls.agent.group_ids += cls.env.ref("base.group_partner_manager") + all_documents
        cls.agent2.group_ids += all_documents
        if "crm.lead" in cls.env:
            cls.south_lead = cls.env["crm.lead"].create(
                {
                    "name": "Opportunity of the south",
                    "type": "opportunity",
                    "partner_id": cls.south.id,
                    "user_id": cls.agent2.id,
                    "team_id": cls.team_south.id,
                }
            )
        if "sale.order" in cls.env:
            cls.south_order = cls.env["sale.order"].create(
                {"partner_id": cls.south.id, "user_id": cls.agent2.id}
            )

    def ids(self, values):
        names = {"south": self.south, "contact": self.south_contact, "north": self.north}
        return {
            fname: names[value[1:-1]].id if isinstance(value, str) and value[:1] == "{" else value
            for fname, value in values.items()
        }

    def test_the_setup_holds_the_secrets(self):
        self.assertEqual(
            (self.south.email, self.south.mobile, self.south.phone),
            (RIGHT["email"], RIGHT["mobile"], RIGHT["phone"]),
        )
        Key = self.env["crm.cid.key"].with_context(active_test=False)
        for value in WRONG.values():
            self.assertFalse(Key.search([("value", "=", value)]))
        self.assertTrue(self.env["res.partner"].with_user(self.agent).has_access("create"))

    def test_what_a_form_takes_from_a_south_customer_comes_masked(self):
        specs = {"res.partner": CONTACT_FORM_SPEC, "sale.order": ORDER_FORM_SPEC}
        for model, path, values, names in CHOSEN_ROWS:
            if model not in self.env:
                continue
            with self.subTest(model=model, path=path):
                Model = self.env[model].with_user(self.agent)
                result = Model.onchange(self.ids(values), names, specs[model])
                self.assertIn("value", result)
                self.assert_no_secret(result)
                self.assertNotIn(TYPED_EMAIL, repr(result))

    def test_a_typed_value_tells_nobody_its_owner(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        for path, typed, sent in PROBE_ROWS:
            with self.subTest(path=path):
                answers = []
                for guess in (RIGHT, WRONG):
                    values = dict(self.ids(sent), **{fname: guess[fname] for fname in typed})
                    result = Partner.onchange(values, typed, CONTACT_FORM_SPEC)
                    answers.append(_typed_out(result, [guess[fname] for fname in typed]))
                self.assertEqual(answers[0], answers[1])

    def test_the_sms_composer_shows_the_number_as_the_document_does(self):
        for case, name, login, expected in COMPOSER_ROWS:
            document = getattr(self, name, None)
            if document is None:
                continue
            with self.subTest(case=case, user=login):
                result = self.open_composer(getattr(self, login), document)
                values = result["value"]
                number = values["recipient_single_number_itf"]
                self.assertEqual(values["recipient_single_number"], number)
                if expected == "masked":
                    self.assert_no_secret(result)
                    self.assertIn("***", number)
                else:
                    self.assertNotIn("***", number)

    def test_the_composer_saved_from_a_masked_form_sends_to_the_real_number(self):
        result = self.open_composer(self.agent, self.south)
        values = {
            fname: value
            for fname, value in result["value"].items()
            if fname in ("composition_mode", "res_model", "res_id", "number_field_name")
            or fname.startswith("recipient_single_number")
        }
        self.assertIn("***", values["recipient_single_number_itf"])
        Composer = self.env["sms.composer"].with_user(self.agent)
        composer = Composer.create(dict(values, body="your order is ready"))
        self.assertEqual(composer.sudo().recipient_single_number_itf, RIGHT["phone"])
        self.assertEqual(composer.recipient_single_number_itf, composer.recipient_single_number)
        [row] = composer.read(["recipient_single_number_itf"])
        self.assertIn("***", row["recipient_single_number_itf"])
        # saved again with the masked number: the real one stays
        composer.write({"recipient_single_number_itf": row["recipient_single_number_itf"]})
        self.assertEqual(composer.sudo().recipient_single_number_itf, RIGHT["phone"])
        # a number typed in its place is the one used
        composer.write({"recipient_single_number_itf": WRONG["mobile"]})
        self.assertEqual(composer.sudo().recipient_single_number_itf, WRONG["mobile"])

    def open_composer(self, user, document):
        """Return the round-trip of the SMS composer's form opened by
        ``user`` on ``document``."""
        Composer = self.env["sms.composer"].with_user(user)
        context = {
            "default_res_model": document._name,
            "default_res_id": document.id,
            "default_composition_mode": "comment",
        }
        return Composer.with_context(**context).onchange({}, [], COMPOSER_SPEC)

    def test_the_portfolio_gets_the_values(self):
        self.agent2.group_ids += self.env.ref("base.group_partner_manager")
        Partner = self.env["res.partner"].with_user(self.agent2)
        result = Partner.onchange({"parent_id": self.south.id}, ["parent_id"], CONTACT_FORM_SPEC)
        commercial = result["value"]["commercial_partner_id"]
        self.assertEqual(
            (commercial["email"], commercial["mobile"]), (RIGHT["email"], "09171112233")
        )
        result = Partner.onchange(
            {"parent_id": self.south.id, "email": TYPED_EMAIL}, ["email"], CONTACT_FORM_SPEC
        )
        self.assertEqual(result["value"]["email_normalized"], TYPED_EMAIL)


def _typed_out(result, typed):
    """Return the text of ``result`` with the values ``typed``, as typed and
    masked, left out."""
    text = repr(result)
    for value in typed:
        masked = mask_email(value) if "@" in value else mask_phone(value)
        for variant in (value, masked):
            text = text.replace(variant, "<typed>")
    return text
