"""SMS templates rendered for a customer, tried by an agent of team North.

An SMS template quoting a contact's mobile, phone and e-mail is rendered
by the SMS composer for the record it is opened on, and by the template's
preview for the record chosen there. Each row of :data:`SHOWN_ROWS` opens
one of them on a customer as a user, on one path, and states what the user
gets of the text: ``masked`` (none of the customer's values, their masks
instead) or ``whole`` (the text as rendered).

Each row of :data:`SENT_ROWS` sends an SMS from a composer agent1 opened
on the South customer, the text sent back as shown, edited, or replaced,
to the customer's own number or to a typed one, and states the text of the
SMS sent (``sms.sms``): the template as rendered, or masked.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..tools.mask import mask_email, mask_phone
from .test_adversarial_read import (
    SOUTH_EMAIL,
    SOUTH_MOBILE,
    SOUTH_PHONE,
    AdversarialReadCommon,
)

TEMPLATE_BODY = (
    "Dear {{ object.name }}: mobile {{ object.mobile }}, phone {{ object.phone }}, "
    "e-mail {{ object.email }}"
)
SOUTH_RENDERED = (
    f"Dear South customer: mobile {SOUTH_MOBILE}, phone {SOUTH_PHONE}, e-mail {SOUTH_EMAIL}"
)
SOUTH_MASKS = (mask_phone(SOUTH_MOBILE), mask_phone(SOUTH_PHONE), mask_email(SOUTH_EMAIL))
NORTH_MOBILE = "09111112233"
TYPED_NUMBER = "+989351119999"
# The number the composer sends to: the contact's mobile, as sanitised.
SOUTH_NUMBER = "+989171112233"
COMPOSER_SPEC = {
    "composition_mode": {},
    "res_model": {},
    "res_id": {},
    "template_id": {},
    "number_field_name": {},
    "recipient_single_number_itf": {},
    "body": {},
}
PREVIEW_SPEC = {"sms_template_id": {}, "resource_ref": {}, "body": {}}
# The other doors to a composer's text and number, tried by agent1 on a
# composer that holds the South customer's values: (path, attack).
DOOR_ROWS = [
    ("search", lambda c: c.search([("id", "=", c.id), ("body", "ilike", "0917111")])),
    ("search", lambda c: c.search([("recipient_single_number_itf", "=like", "+98917%")])),
    ("search_count", lambda c: c.search_count([("body", "=like", "%0917111%")])),
    ("order", lambda c: c.search([("id", "=", c.id)], order="body")),
    ("formatted_read_group", lambda c: c.formatted_read_group([], ["body"], ["__count"])),
    (
        "formatted_read_group",
        lambda c: c.formatted_read_group([], [], ["recipient_single_number_itf:array_agg"]),
    ),
    ("web_read_group", lambda c: c.web_read_group([], ["recipient_single_number_itf"])),
    ("export", lambda c: c.export_data(["body"])),
    ("export", lambda c: c.export_data(["recipient_single_number_itf"])),
]


def _body_of(result):
    """The text of a path's result: an onchange's value, or the first row."""
    if isinstance(result, dict):
        return result["value"]["body"]
    return result[0]["body"]


# (what, user, document, path, expected): what is "composer" or "preview";
# the path is "onchange" (the form opened), "read", "web_read" or
# "search_read" (of the wizard saved from that form).
SHOWN_ROWS = [
    ("composer", "agent", "south", "onchange", "masked"),
    ("composer", "agent", "south", "read", "masked"),
    ("composer", "agent", "south", "web_read", "masked"),
    ("composer", "agent", "south", "search_read", "masked"),
    ("composer", "agent", "south_contact", "onchange", "masked"),
    ("composer", "agent2", "south", "onchange", "whole"),
    ("composer", "agent2", "south", "read", "whole"),
    ("composer", "manager", "south", "onchange", "whole"),
    ("composer", "agent", "north", "onchange", "whole"),
    ("preview", "agent", "south", "onchange", "masked"),
    ("preview", "agent", "south", "read", "masked"),
    ("preview", "agent", "south", "search_read", "masked"),
    ("preview", "agent2", "south", "onchange", "whole"),
    ("preview", "manager", "south", "read", "whole"),
    ("preview", "agent", "north", "onchange", "whole"),
]
# (case, the text sent back: a function of the text shown, the number
# typed or None, the text of the SMS sent: a function of the text rendered
# for the South customer, or "masked")
SENT_ROWS = [
    ("sent back as shown", lambda shown: shown, None, lambda rendered: rendered),
    ("edited", lambda shown: f"{shown}. See you!", None, lambda rendered: f"{rendered}. See you!"),
    (
        "edited, a mask glued to a word",
        lambda shown: f"call x{SOUTH_MASKS[0]}",
        None,
        lambda rendered: f"call x{SOUTH_MASKS[0]}",
    ),
    (
        "edited, a mask glued to a word and left alone",
        lambda shown: f"{shown}, x{SOUTH_MASKS[0]}",
        None,
        lambda rendered: f"{rendered}, x{SOUTH_MOBILE}",
    ),
    ("replaced by the template", lambda shown: TEMPLATE_BODY, None, lambda rendered: rendered),
    ("sent back as shown, to a typed number", lambda shown: shown, TYPED_NUMBER, "masked"),
    (
        "replaced by the template, to a typed number",
        lambda shown: TEMPLATE_BODY,
        TYPED_NUMBER,
        "masked",
    ),
]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialSmsTemplates(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.north.mobile = NORTH_MOBILE
        # numbers written as in Iran, read as such
        (cls.south | cls.north).country_id = cls.env.ref("base.ir")
        cls.template = cls.env["sms.template"].create(
            {
                "name": "Your contact details",
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
                "body": TEMPLATE_BODY,
            }
        )
        # the users may write contacts: a number typed in the composer is
        # written on the contact
        for user in (cls.agent, cls.agent2, cls.manager):
            user.group_ids += cls.env.ref("base.group_partner_manager")

    def setUp(self):
        super().setUp()
        # the SMS created are kept, not sent: (number, text) of each
        self.sent = []

        def send(sms, *args, **kwargs):
            self.sent.extend((record.number, record.body) for record in sms.sudo())

        self.patch(type(self.env["sms.sms"]), "send", send)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def open_composer(self, user, document, **values):
        """Return the round-trip of the composer's form opened by ``user``
        on ``document`` with the template."""
        context = {
            "default_res_model": document._name,
            "default_res_id": document.id,
            "default_composition_mode": "comment",
            "default_template_id": self.template.id,
        }
        Composer = self.env["sms.composer"].with_user(user).with_context(**context)
        return Composer.onchange(values, [], COMPOSER_SPEC)

    def save_composer(self, user, document, body=None, number=None):
        """Return the composer saved from the form ``user`` opened on
        ``document``, with the text shown or ``body``, the number shown or
        ``number``.

        A number typed is sent to as typed, not written on the contact
        (which agent1 may not change): the form names no number field of
        the contact."""
        values = self.open_composer(user, document)["value"]
        values = {
            fname: value
            for fname, value in values.items()
            if fname in ("composition_mode", "res_model", "res_id", "number_field_name", "body")
            or fname.startswith("recipient_single_number")
        }
        values["template_id"] = self.template.id
        if body is not None:
            values["body"] = body
        if number is not None:
            values["recipient_single_number_itf"] = number
            values["number_field_name"] = "no_number_field"
        return self.env["sms.composer"].with_user(user).create(values)

    def open_preview(self, user, document):
        """Return the round-trip of the template's preview opened by
        ``user`` for ``document``."""
        Preview = self.env["sms.template.preview"].with_user(user)
        Preview = Preview.with_context(default_sms_template_id=self.template.id)
        values = {"resource_ref": f"{document._name},{document.id}"}
        return Preview.onchange(values, [], PREVIEW_SPEC)

    def shown(self, what, user, document, path):
        """Return the text ``user`` gets on ``path`` of the wizard ``what``."""
        if what == "composer":
            if path == "onchange":
                return _body_of(self.open_composer(user, document))
            wizard = self.save_composer(user, document)
        else:
            if path == "onchange":
                return _body_of(self.open_preview(user, document))
            Preview = self.env["sms.template.preview"].with_user(user)
            wizard = Preview.create(
                {
                    "sms_template_id": self.template.id,
                    "resource_ref": f"{document._name},{document.id}",
                }
            )
        if path == "read":
            return _body_of(wizard.read(["body"]))
        if path == "web_read":
            return _body_of(wizard.web_read({"body": {}}))
        return _body_of(wizard.search_read([("id", "=", wizard.id)], ["body"]))

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_the_setup_renders_the_values(self):
        rendered = self.template._render_field("body", self.south.ids)[self.south.id]
        self.assertEqual(rendered, SOUTH_RENDERED)
        composer = self.save_composer(self.agent2, self.south)
        self.assertEqual(composer.sudo().recipient_single_number_itf, SOUTH_NUMBER)
        self.assertTrue(composer.recipient_single_valid)

    def test_the_text_shown_follows_the_record(self):
        for what, login, name, path, expected in SHOWN_ROWS:
            document = getattr(self, name)
            with self.subTest(what=what, user=login, document=name, path=path):
                body = self.shown(what, getattr(self, login), document, path)
                if expected == "masked":
                    self.assert_no_secret(body)
                    if name == "south":
                        for mask in SOUTH_MASKS:
                            self.assertIn(mask, body)
                    else:
                        self.assertIn("***", body)
                elif name == "north":
                    self.assertIn(NORTH_MOBILE, body)
                else:
                    self.assertEqual(body, SOUTH_RENDERED)

    def test_the_sms_sent_carries_the_values_the_masks_stand_for(self):
        shown = _body_of(self.open_composer(self.agent, self.south))
        self.assertNotIn(SOUTH_MOBILE, shown)
        for case, sent_back, number, expected in SENT_ROWS:
            with self.subTest(case=case):
                self.sent.clear()
                composer = self.save_composer(self.agent, self.south, sent_back(shown), number)
                composer.action_send_sms()
                if expected == "masked":
                    # to the number typed (and, the form naming no number
                    # field, to the contact's own): masked for every one
                    self.assertIn(TYPED_NUMBER, [to for to, _body in self.sent])
                    for _to, body in self.sent:
                        self.assert_no_secret(body)
                        for mask in SOUTH_MASKS:
                            self.assertIn(mask, body)
                else:
                    [(to, body)] = self.sent
                    self.assertEqual(to, SOUTH_NUMBER)
                    self.assertEqual(body, expected(SOUTH_RENDERED))
                # a number typed is written on the contact: the next row
                # starts from the contact's own
                self.south.mobile = SOUTH_MOBILE

    def test_the_portfolio_sends_and_sees_the_text_as_rendered(self):
        for login in ("agent2", "manager"):
            with self.subTest(user=login):
                self.sent.clear()
                user = getattr(self, login)
                composer = self.save_composer(user, self.south, number=TYPED_NUMBER)
                self.assertEqual(composer.read(["body"])[0]["body"], SOUTH_RENDERED)
                composer.action_send_sms()
                self.assertIn(TYPED_NUMBER, [to for to, _body in self.sent])
                self.assertEqual({body for _to, body in self.sent}, {SOUTH_RENDERED})
                self.south.mobile = SOUTH_MOBILE

    def test_posting_on_several_records_to_typed_numbers_sends_them_masked(self):
        # a text typed as a template renders the values: only for template editors
        self.agent.group_ids += self.env.ref("mail.group_mail_template_editor")
        Composer = self.env["sms.composer"].with_user(self.agent)
        composer = Composer.create(
            {
                "composition_mode": "comment",
                "res_model": "res.partner",
                "res_ids": repr([self.south.id, self.north.id]),
                "numbers": TYPED_NUMBER,
                "body": TEMPLATE_BODY,
            }
        )
        self.assertFalse(composer.comment_single_recipient)
        composer.action_send_sms()
        bodies = [body for _to, body in self.sent]
        self.assertEqual(len(bodies), 2)
        south_body = next(body for body in bodies if "South" in body)
        self.assert_no_secret(south_body)
        north_body = next(body for body in bodies if "North" in body)
        self.assertIn(NORTH_MOBILE, north_body)

    def test_the_other_doors_to_the_text_are_closed(self):
        # users allowed to export data
        for user in (self.agent, self.manager):
            user.group_ids += self.env.ref("base.group_allow_export")
        # the composer holds the values: its text was computed, not sent back
        Composer = self.env["sms.composer"].with_user(self.agent)
        composer = Composer.create(
            {
                "composition_mode": "comment",
                "res_model": "res.partner",
                "res_id": self.south.id,
                "template_id": self.template.id,
            }
        )
        self.assertEqual(composer.sudo().body, SOUTH_RENDERED)
        self.assert_no_secret(composer.read(["body", "recipient_single_number_itf"]))
        for path, attack in DOOR_ROWS:
            with self.subTest(path=path), self.assertRaises(AccessError):
                attack(composer)
        preview = (
            self.env["sms.template.preview"]
            .with_user(self.agent)
            .create(
                {
                    "sms_template_id": self.template.id,
                    "resource_ref": f"res.partner,{self.south.id}",
                }
            )
        )
        with self.assertRaises(AccessError):
            preview.export_data(["body"])
        # a user who sees every value unmasked may
        composer = self.save_composer(self.manager, self.south, body=SOUTH_RENDERED)
        self.assertEqual(composer.export_data(["body"])["datas"], [[SOUTH_RENDERED]])
        self.assertEqual(
            composer.search([("id", "=", composer.id), ("body", "ilike", "0917111")]),
            composer,
        )

    def test_a_customer_seen_whole_quoting_a_masked_customer(self):
        # a template written with the South customer's mobile, rendered for
        # the North customer, whom agent1 sees whole
        self.template.body = "{{ object.name }}, or call " + SOUTH_MOBILE
        north_text = f"North customer, or call {SOUTH_MOBILE}"
        masked_text = f"North customer, or call {SOUTH_MASKS[0]}"
        rows = [
            ("agent", "composer", masked_text),
            ("agent", "preview", masked_text),
            ("manager", "composer", north_text),
            ("manager", "preview", north_text),
        ]
        for login, what, expected in rows:
            with self.subTest(user=login, what=what):
                user = getattr(self, login)
                result = (
                    self.open_composer(user, self.north)
                    if what == "composer"
                    else self.open_preview(user, self.north)
                )
                self.assertEqual(_body_of(result), expected)
        # sent to the North customer's own number, as written; to a typed
        # number, masked
        for number, expected in ((None, north_text), (TYPED_NUMBER, masked_text)):
            with self.subTest(number=number):
                self.sent.clear()
                # the text sent back as shown
                composer = self.save_composer(self.agent, self.north, number=number)
                composer.action_send_sms()
                self.assertEqual({body for _to, body in self.sent}, {expected})

    def test_mass_mode_shows_the_template_and_sends_it_rendered(self):
        context = {
            "default_res_model": "res.partner",
            "default_res_ids": repr([self.south.id, self.north.id]),
            "default_composition_mode": "mass",
            "default_template_id": self.template.id,
        }
        Composer = self.env["sms.composer"].with_user(self.agent).with_context(**context)
        result = Composer.onchange({}, [], COMPOSER_SPEC)
        self.assertEqual(result["value"]["body"], TEMPLATE_BODY)
        composer = Composer.create({"body": result["value"]["body"]})
        self.assertEqual(composer.composition_mode, "mass")
        composer.action_send_sms()
        sms = self.env["sms.sms"].search([("partner_id", "=", self.south.id)])
        # each SMS goes to its customer's own number, rendered for it
        self.assertEqual(sms.mapped("body"), [SOUTH_RENDERED])
        self.assertEqual(sms.number, SOUTH_NUMBER)
