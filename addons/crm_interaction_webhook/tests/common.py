import json
from functools import partial

from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.fastapi.dependencies import fastapi_endpoint_id
from odoo.addons.fastapi.tests.common import FastAPITransactionCase

WEBHOOK_KEY = "test-webhook-key-0123456789"
NO_RIGHTS_KEY = "test-webhook-key-without-rights"


def http_api_key(env, login, name, key, providers=None):
    """Serve the endpoint through Odoo's HTTP stack, and give ``key`` to a new
    user who handles every interaction (``HttpCase`` tests).

    :param providers: the providers the key may post for; all by default
    :return: the API key
    """
    env.ref("crm_interaction_webhook.endpoint_webhook")._handle_registry_sync()
    user = new_test_user(env, login, groups="crm_interaction.group_interaction_all")
    if providers is None:
        providers = env["crm.interaction.webhook.provider"].search([])
    return env["auth.api.key"].create(
        {
            "name": name,
            "key": key,
            "user_id": user.id,
            "crm_webhook_provider_ids": [Command.set(providers.ids)],
        }
    )


class WebhookCommon(FastAPITransactionCase):
    """The webhook endpoint, its keys, two customers and request helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Interaction = cls.env["crm.interaction"]
        cls.Log = cls.env["crm.interaction.webhook.log"]
        cls.Quarantine = cls.env["crm.interaction.quarantine"]
        cls.endpoint = cls.env.ref("crm_interaction_webhook.endpoint_webhook")
        cls.sender = new_test_user(
            cls.env,
            "wh_sender",
            groups="crm_interaction.group_interaction_all,fastapi.group_fastapi_endpoint_runner",
        )
        cls.stranger = new_test_user(cls.env, "wh_stranger", groups="base.group_user")
        cls.all_providers = cls.env["crm.interaction.webhook.provider"].search([])
        cls.api_keys = cls.env["auth.api.key"].create(
            [
                {
                    "name": "test webhook",
                    "key": WEBHOOK_KEY,
                    "user_id": cls.sender.id,
                    "crm_webhook_provider_ids": [Command.set(cls.all_providers.ids)],
                },
                {
                    "name": "test no rights",
                    "key": NO_RIGHTS_KEY,
                    "user_id": cls.stranger.id,
                    "crm_webhook_provider_ids": [Command.set(cls.all_providers.ids)],
                },
            ]
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "مریم حسینی", "mobile": "09121112233"}
        )
        cls.customer.cid_add_key("telegram", "maryam_h")
        cls.default_fastapi_running_user = cls.env.ref("crm_interaction_webhook.user_webhook")
        cls.default_fastapi_app = cls.endpoint._get_app()
        # the test client replaces the app's overrides: give the endpoint back
        cls.default_fastapi_dependency_overrides = {
            fastapi_endpoint_id: partial(lambda endpoint_id: endpoint_id, cls.endpoint.id)
        }

    def post(self, path, payload=None, key=WEBHOOK_KEY, content=None, headers=None):
        """POST to the endpoint; ``payload`` as JSON, or raw ``content`` bytes."""
        headers = {"Content-Type": "application/json", **(headers or {})}
        if key:
            headers["API-KEY"] = key
        if content is None:
            content = json.dumps(payload).encode()
        with self._create_test_client() as client:
            return client.post(path, content=content, headers=headers)

    def post_form(self, path, fields, key=WEBHOOK_KEY):
        """POST ``fields`` form-encoded, the key in the query string, as SMS panels do."""
        with self._create_test_client() as client:
            return client.post(path, params={"api_key": key}, data=fields)

    def get(self, path, params, key=WEBHOOK_KEY):
        """GET with query parameters, the key among them."""
        with self._create_test_client() as client:
            return client.get(path, params=dict(params, api_key=key))

    def interactions(self, channel, external_id):
        return self.Interaction.search(
            [("channel_id.code", "=", channel), ("external_id", "=", external_id)]
        )

    @staticmethod
    def call_event(uniqueid="1700000000.42", **values):
        return {
            "uniqueid": uniqueid,
            "caller": "0912 111 2233",
            "callee": "201",
            "start": "2025-03-21T09:30:00+03:30",
            "answer": "2025-03-21T09:30:05+03:30",
            "end": "2025-03-21T09:32:05+03:30",
            "disposition": "ANSWERED",
            "duration": 125,
            "billsec": 120,
            "recording_url": "https://pbx.example.ir/rec/1700000000.42.wav",
            **values,
        }

    @staticmethod
    def rubika_update(message_id="204216801381244279", sender_id="u0QFtn0abcde", **message):
        return {
            "update": {
                "type": "NewMessage",
                "chat_id": "b0QFtn0C1I022abcd",
                "new_message": {
                    "message_id": message_id,
                    "text": "سلام، پیش‌فاکتور را بفرستید",
                    "time": "1742538600",
                    "is_edited": False,
                    "sender_type": "User",
                    "sender_id": sender_id,
                    **message,
                },
            }
        }

    @staticmethod
    def bot_update(update_id=10, message_id=77, username="maryam_h", **message):
        return {
            "update_id": update_id,
            "message": {
                "message_id": message_id,
                "date": 1742538600,
                "chat": {"id": 5551234, "type": "private"},
                "from": {
                    "id": 5551234,
                    "is_bot": False,
                    "first_name": "Maryam",
                    "username": username,
                },
                "text": "سلام، سفارش من کی می‌رسد؟",
                **message,
            },
        }
