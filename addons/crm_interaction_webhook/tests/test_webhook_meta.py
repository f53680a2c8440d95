from pathlib import Path

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.meta import sign
from .common import WEBHOOK_KEY, WebhookCommon, http_api_key
from .graph_server import ACCESS_TOKEN, GraphServer

DATA = Path(__file__).parent / "data"
APP_SECRET = "0123456789abcdef0123456789abcdef"
WHATSAPP = "whatsapp:106540352242922"
INSTAGRAM = "instagram:17841405793187218"


def fixture(name):
    return (DATA / name).read_bytes()


class MetaCommon(WebhookCommon):
    """Recorded Meta notifications, the settings of both routes and a Graph API stand-in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.graph = cls.enterClassContext(GraphServer())
        params = cls.env["ir.config_parameter"].sudo()
        for route in ("whatsapp", "instagram"):
            params.set_param(f"crm_interaction_webhook.{route}_verify_token", f"{route}-verify")
            params.set_param(f"crm_interaction_webhook.{route}_app_secret", APP_SECRET)
            params.set_param(f"crm_interaction_webhook.{route}_access_token", ACCESS_TOKEN)
            params.set_param(f"crm_interaction_webhook.{route}_graph_url", cls.graph.url)
        cls.agent = new_test_user(
            cls.env, "meta_agent", groups="crm_interaction.group_interaction_user"
        )
        cls.other_agent = new_test_user(
            cls.env, "meta_other", groups="crm_interaction.group_interaction_user"
        )
        cls.outsider = new_test_user(cls.env, "meta_outsider", groups="base.group_user")
        cls.customer.user_id = cls.agent
        cls.instagram_customer = cls.env["res.partner"].create(
            {"name": "سارا احمدی", "user_id": cls.agent.id}
        )
        cls.instagram_customer.cid_add_key("external_id", "instagram:1254459154682919")

    def setUp(self):
        super().setUp()
        # the stand-in lives for the class: each test starts it afresh
        self.graph.reset()

    def notify(self, route, body, secret=APP_SECRET, key=WEBHOOK_KEY):
        """POST a notification as Meta does: the raw body, signed with the app secret."""
        headers = {}
        if secret:
            headers["X-Hub-Signature-256"] = sign(secret, body)
        return self.post(f"/{route}", content=body, key=key, headers=headers)

    def stored(self, provider):
        return self.Interaction.search([("provider", "=", provider)], order="id")


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestWhatsapp(MetaCommon):
    def test_recorded_messages_are_stored_once_each_and_replays_are_duplicates(self):
        response = self.notify("whatsapp", fixture("whatsapp_messages.json"))
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        self.assertEqual([r["status"] for r in answer["results"]], ["created", "created"])
        text, image = self.stored(WHATSAPP)
        self.assertRecordValues(
            text | image,
            [
                {
                    "channel_code": "whatsapp",
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                    "summary": "سلام، سفارش من کی می‌رسد؟",
                },
                {
                    "channel_code": "whatsapp",
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                    "summary": "[image image/jpeg] عکس فاکتور",
                },
            ],
        )
        self.assertTrue(text.external_id.startswith("wamid."))
        self.assertIn("whatsapp:989121112233", text.key_ids.mapped("value"))
        replay = self.notify("whatsapp", fixture("whatsapp_messages.json"))
        self.assertEqual([r["status"] for r in replay.json()["results"]], ["duplicate"] * 2)
        self.assertEqual(len(self.stored(WHATSAPP)), 2)
        logs = self.Log.browse(answer["log_ids"])
        self.assertEqual(logs.mapped("provider"), ["whatsapp", "whatsapp"])

    def test_document_from_an_unknown_number_waits_unidentified_with_its_caption(self):
        response = self.notify("whatsapp", fixture("whatsapp_document_unknown.json"))
        self.assertEqual(response.json()["results"][0]["status"], "unmatched")
        [document] = self.stored(WHATSAPP)
        self.assertEqual(document.summary, "[document application/pdf] قرارداد امضاشده")
        self.assertIn("+4915112345678", document.key_ids.mapped("value_normalized"))

    def test_verification_handshake_answers_the_challenge_for_the_right_token(self):
        params = {"hub.mode": "subscribe", "hub.challenge": "1158201444"}
        good = self.get("/whatsapp", dict(params, **{"hub.verify_token": "whatsapp-verify"}))
        self.assertEqual(good.status_code, 200, good.text)
        self.assertEqual(good.text, "1158201444")
        wrong = self.get("/whatsapp", dict(params, **{"hub.verify_token": "instagram-verify"}))
        self.assertEqual(wrong.status_code, 403, wrong.text)
        self.assertNotIn("1158201444", wrong.text)
        log = self.Log.browse(wrong.json()["log_id"])
        self.assertRecordValues(log, [{"outcome": "forbidden", "payload": False}])
        unset = self.env["ir.config_parameter"].sudo()
        unset.set_param("crm_interaction_webhook.whatsapp_verify_token", False)
        refused = self.get("/whatsapp", dict(params, **{"hub.verify_token": ""}))
        self.assertEqual(refused.status_code, 403, "no token set: nothing verifies")

    def test_bad_signature_is_refused_and_nothing_is_stored(self):
        body = fixture("whatsapp_messages.json")
        for secret in ("another-secret", None):
            with self.subTest(secret=secret):
                response = self.notify("whatsapp", body, secret=secret)
                self.assertEqual(response.status_code, 401, response.text)
                log = self.Log.browse(response.json()["log_id"])
                self.assertRecordValues(log, [{"outcome": "unauthorized", "payload": False}])
        tampered = body.replace(b"1742538600", b"1742538601")
        response = self.post(
            "/whatsapp", content=tampered, headers={"X-Hub-Signature-256": sign(APP_SECRET, body)}
        )
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self.stored(WHATSAPP))

    def test_without_app_secret_the_signature_is_not_required(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_interaction_webhook.whatsapp_app_secret", False
        )
        response = self.notify("whatsapp", fixture("whatsapp_messages.json"), secret=None)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(self.stored(WHATSAPP)), 2)
        without_key = self.notify("whatsapp", fixture("whatsapp_messages.json"), key=None)
        self.assertEqual(without_key.status_code, 401, "the API key is still needed")

    def test_reply_is_sent_through_the_same_number_and_recorded_as_the_response(self):
        self.notify("whatsapp", fixture("whatsapp_messages.json"))
        inbound = self.stored(WHATSAPP)[0].with_user(self.agent)
        outbound_id = inbound.reply("سفارش شما فردا می‌رسد.")
        [request] = self.graph.requests
        self.assertEqual(request["path"], "/v21.0/106540352242922/messages")
        self.assertEqual(request["headers"]["Authorization"], f"Bearer {ACCESS_TOKEN}")
        self.assertEqual(
            request["body"],
            {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": "989121112233",
                "type": "text",
                "text": {"preview_url": False, "body": "سفارش شما فردا می‌رسد."},
            },
        )
        outbound = self.Interaction.browse(outbound_id)
        self.assertRecordValues(
            outbound,
            [
                {
                    "channel_code": "whatsapp",
                    "direction": "outbound",
                    "provider": WHATSAPP,
                    "external_id": "wamid.OUT0001",
                    "partner_id": self.customer.id,
                    "reply_to_id": inbound.id,
                    "meta_delivery": "sent",
                    "user_id": self.agent.id,
                    "summary": "سفارش شما فردا می‌رسد.",
                }
            ],
        )
        self.assertTrue(inbound.first_response_at)

    def test_statuses_update_the_outbound_message_forward_only(self):
        self.notify("whatsapp", fixture("whatsapp_messages.json"))
        inbound = self.stored(WHATSAPP)[0]
        outbound = self.Interaction.browse(inbound.reply("باشه"))
        body = fixture("whatsapp_statuses.json").replace(
            b"WAMID_SENT", outbound.external_id.encode()
        )
        response = self.notify("whatsapp", body)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["statuses"], 1)
        self.assertEqual(response.json()["results"], [])
        self.assertEqual(outbound.meta_delivery, "read")
        self.assertEqual(self.Log.browse(response.json()["log_ids"]).outcome, "status")
        failed = fixture("whatsapp_status_failed.json").replace(
            b"WAMID_SENT", outbound.external_id.encode()
        )
        self.notify("whatsapp", failed)
        self.assertEqual(outbound.meta_delivery, "read", "a read message stays read")
        outbound.meta_delivery = "sent"
        self.notify("whatsapp", failed)
        self.assertEqual(outbound.meta_delivery, "failed")
        self.assertIn("131047", outbound.meta_delivery_error)
        self.assertEqual(len(self.stored(WHATSAPP)), 3, "statuses store nothing")

    def test_refused_send_raises_and_records_nothing(self):
        self.notify("whatsapp", fixture("whatsapp_messages.json"))
        inbound = self.stored(WHATSAPP)[0]
        self.graph.refuse = True
        with self.assertRaisesRegex(UserError, "131047"):
            inbound.reply("سلام")
        self.assertEqual(len(self.stored(WHATSAPP)), 2)
        self.assertFalse(inbound.first_response_at)


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestInstagram(MetaCommon):
    def test_recorded_messages_are_stored_once_each_and_replays_are_duplicates(self):
        response = self.notify("instagram", fixture("instagram_messages.json"))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual([r["status"] for r in response.json()["results"]], ["created", "created"])
        text, image = self.stored(INSTAGRAM)
        self.assertEqual(text.partner_id, self.instagram_customer)
        self.assertEqual(text.summary, "سلام، قیمت این مدل چنده؟")
        self.assertTrue(image.summary.startswith("[image] https://lookaside.fbsbx.com/"))
        replay = self.notify("instagram", fixture("instagram_messages.json"))
        self.assertEqual([r["status"] for r in replay.json()["results"]], ["duplicate"] * 2)
        self.assertEqual(len(self.stored(INSTAGRAM)), 2)

    def test_reply_echo_and_read_receipt(self):
        self.notify("instagram", fixture("instagram_messages.json"))
        inbound = self.stored(INSTAGRAM)[0].with_user(self.agent)
        outbound = self.Interaction.browse(inbound.reply("قیمت ۲٬۵۰۰٬۰۰۰ تومان است."))
        [request] = self.graph.requests
        self.assertEqual(request["path"], "/v21.0/17841405793187218/messages")
        self.assertEqual(
            request["body"],
            {
                "recipient": {"id": "1254459154682919"},
                "message": {"text": "قیمت ۲٬۵۰۰٬۰۰۰ تومان است."},
            },
        )
        self.assertRecordValues(
            outbound,
            [
                {
                    "external_id": "IG_MID_OUT0001",
                    "provider": INSTAGRAM,
                    "direction": "outbound",
                    "reply_to_id": inbound.id,
                    "partner_id": self.instagram_customer.id,
                }
            ],
        )
        # Instagram echoes the message sent: the same id, nothing new
        echo = fixture("instagram_echo.json").replace(b"IG_MID_SENT", b"IG_MID_OUT0001")
        answer = self.notify("instagram", echo).json()
        self.assertEqual(answer["results"][0]["status"], "duplicate")
        self.assertEqual(answer["results"][0]["interaction_id"], outbound.id)
        read = fixture("instagram_read.json").replace(b"IG_MID_SENT", b"IG_MID_OUT0001")
        self.assertEqual(self.notify("instagram", read).json()["statuses"], 1)
        self.assertEqual(outbound.meta_delivery, "read")
        self.assertEqual(len(self.stored(INSTAGRAM)), 3)

    def test_message_sent_from_the_instagram_app_is_an_outbound_interaction(self):
        answer = self.notify("instagram", fixture("instagram_echo.json")).json()
        self.assertEqual(answer["results"][0]["status"], "created")
        [echo] = self.stored(INSTAGRAM)
        self.assertEqual(echo.direction, "outbound")
        self.assertEqual(echo.partner_id, self.instagram_customer)

    def test_verification_and_signature(self):
        params = {"hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": "x"}
        self.assertEqual(self.get("/instagram", params).status_code, 403)
        params["hub.verify_token"] = "instagram-verify"
        self.assertEqual(self.get("/instagram", params).text, "42")
        bad = self.notify("instagram", fixture("instagram_messages.json"), secret="wrong")
        self.assertEqual(bad.status_code, 401)
        self.assertFalse(self.stored(INSTAGRAM))


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestReplyRights(MetaCommon):
    def setUp(self):
        super().setUp()
        self.notify("whatsapp", fixture("whatsapp_messages.json"))
        self.inbound = self.stored(WHATSAPP)[0]

    def test_users_without_the_interaction_refused_and_nothing_sent(self):
        self.inbound.write({"user_id": self.other_agent.id})
        self.customer.user_id = self.other_agent
        for user in (self.agent, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.inbound.with_user(user).reply("سلام")
        self.assertFalse(self.graph.requests)
        self.assertEqual(len(self.stored(WHATSAPP)), 2)

    def test_only_administrators_read_the_tokens(self):
        Params = self.env["ir.config_parameter"]
        for user in (self.agent, self.other_agent, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Params.with_user(user).get_param("crm_interaction_webhook.whatsapp_access_token")
        settings = self.env["res.config.settings"]
        self.assertEqual(settings._fields["crm_whatsapp_access_token"].groups, "base.group_system")

    def test_reply_link_cannot_be_forged(self):
        outbound = self.Interaction.browse(self.inbound.reply("سلام"))
        with self.assertRaises(AccessError):
            outbound.with_user(self.agent).write({"reply_to_id": False})
        self.assertEqual(outbound.reply_to_id, self.inbound)

    def test_only_inbound_meta_messages_with_text_can_be_answered(self):
        outbound = self.Interaction.browse(self.inbound.reply("سلام"))
        with self.assertRaises(UserError):
            outbound.reply("again")
        with self.assertRaises(UserError):
            self.inbound.reply("   ")
        sms = self.Interaction.ingest(
            [
                {
                    "channel": "sms",
                    "direction": "inbound",
                    "external_id": "r-1",
                    "occurred_at": "2025-03-21T09:30:00Z",
                }
            ]
        )[0]
        with self.assertRaises(UserError):
            self.Interaction.browse(sms["id"]).reply("سلام")
        self.assertEqual(len(self.graph.requests), 1)

    def test_send_reply_button_sends_the_draft(self):
        form_record = self.inbound.with_user(self.agent)
        form_record.meta_reply_draft = "پاسخ از فرم"
        form_record.action_send_reply()
        self.assertFalse(form_record.meta_reply_draft)
        self.assertEqual(self.graph.requests[0]["body"]["text"]["body"], "پاسخ از فرم")


@tagged("post_install", "-at_install", "crm_interaction_webhook")
class TestMetaHttp(HttpCase):
    """A signed WhatsApp notification through Odoo's HTTP stack, as Meta posts it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        whatsapp = cls.env.ref("crm_interaction_webhook.provider_whatsapp")
        http_api_key(cls.env, "meta_http", "meta http", "meta-http-key", whatsapp)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("crm_interaction_webhook.whatsapp_app_secret", APP_SECRET)
        params.set_param("crm_interaction_webhook.whatsapp_verify_token", "whatsapp-verify")

    def test_verification_then_signed_notifications_stored_once(self):
        verify = self.url_open(
            "/crm_webhook/whatsapp?api_key=meta-http-key&hub.mode=subscribe"
            "&hub.verify_token=whatsapp-verify&hub.challenge=987654"
        )
        self.assertEqual((verify.status_code, verify.text), (200, "987654"))
        body = fixture("whatsapp_messages.json")
        headers = {
            "Content-Type": "application/json",
            "X-Hub-Signature-256": sign(APP_SECRET, body),
        }
        url = "/crm_webhook/whatsapp?api_key=meta-http-key"
        first = self.url_open(url, data=body, headers=headers)
        self.assertEqual(first.status_code, 200, first.text)
        # nobody holds the number here: stored, waiting to be identified
        self.assertEqual([r["status"] for r in first.json()["results"]], ["unmatched"] * 2)
        again = self.url_open(url, data=body, headers=headers)
        self.assertEqual([r["status"] for r in again.json()["results"]], ["duplicate"] * 2)
        forged = self.url_open(
            url, data=body, headers=dict(headers, **{"X-Hub-Signature-256": "sha256=00"})
        )
        self.assertEqual(forged.status_code, 401, forged.text)
        self.assertEqual(self.env["crm.interaction"].search_count([("provider", "=", WHATSAPP)]), 2)
