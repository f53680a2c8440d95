"""Provider webhooks against the running server, as a PBX or SMS panel calls them (urllib)."""

import json
import secrets
import urllib.error
import urllib.parse
import urllib.request

import pytest


@pytest.fixture(scope="module")
def webhook_key(xmlrpc_models):
    """A fresh auth_api_key key of the webhook technical user, made over XML-RPC."""
    _uid, call = xmlrpc_models
    [user_id] = call("res.users", "search", [("login", "=", "crm_interaction_webhook")])
    key = "it-" + secrets.token_urlsafe(24)
    # a key is bound to the provider routes it may post to: here, all of them
    providers = call("crm.interaction.webhook.provider", "search", [])
    call(
        "auth.api.key",
        "create",
        {
            "name": key,
            "key": key,
            "user_id": user_id,
            "crm_webhook_provider_ids": [(6, 0, providers)],
        },
    )
    return key


def post(server, path, body, key=None, headers=None):
    """POST ``body`` (bytes or a JSON-able value); return ``(status, decoded answer)``."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{server.url}/crm_webhook{path}",
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    if key:
        request.add_header("API-KEY", key)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_call_sms_and_bot_messages_are_stored_once(server, xmlrpc_models, webhook_key):
    _uid, call = xmlrpc_models
    tag = secrets.token_hex(4)
    customer = call("res.partner", "cid_find_or_create", {"mobile": "09129998877"}, {"name": "آرش"})
    cases = [
        (
            "/voip/call",
            {
                "uniqueid": f"{tag}.1",
                "caller": "+98 912 999 8877",
                "callee": "200",
                "start": "2025-03-21T09:30:00+03:30",
                "disposition": "ANSWERED",
                "duration": 61,
                "billsec": 60,
            },
            "mobile",
            f"{tag}.1",
        ),
        (
            "/sms/kavenegar",
            {"from": "09129998877", "to": "1000", "message": "سلام", "messageid": f"k{tag}"},
            "sms",
            f"k{tag}",
        ),
        (
            "/sms/ghasedak",
            {"sender": "09129998877", "linenumber": "3000", "text": "x", "messageid": f"g{tag}"},
            "sms",
            f"g{tag}",
        ),
        (
            "/sms/melipayamak",
            {"from": "09129998877", "to": "5000", "body": "x", "msgid": f"m{tag}"},
            "sms",
            f"m{tag}",
        ),
    ]
    for path, payload, channel, external_id in cases:
        status, answer = post(server, path, payload, webhook_key)
        assert status == 200, (path, answer)
        assert answer["status"] == "created", (path, answer)
        assert answer["cid"] == customer["cid"], (path, answer)
        status, again = post(server, path, payload, webhook_key)
        assert (status, again["status"]) == (200, "duplicate"), (path, again)
        assert again["interaction_id"] == answer["interaction_id"]
        found = call(
            "crm.interaction",
            "search_read",
            [("channel_id.code", "=", channel), ("external_id", "=", external_id)],
            ["partner_id"],
        )
        assert [row["partner_id"][0] for row in found] == [customer["partner_id"]], path
    for path in ("/telegram", "/bale"):
        update = {
            "update_id": 1,
            "message": {
                "message_id": int(tag, 16),
                "date": 1742538600,
                "chat": {"id": 42, "type": "private"},
                "from": {"id": 42, "first_name": "A"},
                "text": "hello",
            },
        }
        status, answer = post(server, path, update, webhook_key)
        assert (status, answer["status"]) == (200, "unmatched"), (path, answer)


def test_refusals_are_clear_4xx(server, webhook_key):
    event = {"uniqueid": "x", "caller": "1", "callee": "2", "start": "2025-03-21T09:30:00Z"}
    status, answer = post(server, "/voip/call", event)
    assert status == 401 and answer["log_id"], answer
    status, answer = post(server, "/voip/call", event, "wrong-key")
    assert status == 401, answer
    status, answer = post(server, "/voip/call", b'{"uniqueid": ', webhook_key)
    assert status == 422 and answer["detail"][0]["type"] == "json_invalid", answer
    status, answer = post(server, "/voip/call", b'{"caller": "\xff"}', webhook_key)
    assert 400 <= status < 500, answer
    status, answer = post(server, "/voip/call", {"uniqueid": "x" * 70000}, webhook_key)
    assert status == 413, answer
    status, answer = post(server, "/voip/call", dict(event, caller=""), webhook_key)
    assert status == 422 and "caller" in json.dumps(answer["detail"]), answer


def test_openapi_description(server):
    with urllib.request.urlopen(f"{server.url}/crm_webhook/openapi.json", timeout=60) as response:
        spec = json.loads(response.read())
    assert {
        "/voip/call",
        "/sms/kavenegar",
        "/sms/ghasedak",
        "/sms/melipayamak",
        "/telegram",
        "/bale",
        "/eitaa",
        "/rubika",
    } <= set(spec["paths"])
    assert {"EitaaUpdate", "RubikaUpdate"} <= set(spec["components"]["schemas"])


def send(server, path, key, data=None, query=None):
    """GET (``query``) or form POST (``data``) as an SMS panel does, the key in the URL."""
    params = urllib.parse.urlencode(dict(query or {}, api_key=key))
    request = urllib.request.Request(
        f"{server.url}/crm_webhook{path}?{params}",
        data=urllib.parse.urlencode(data).encode() if data is not None else None,
        method="POST" if data is not None else "GET",
        headers={"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_eitaa_and_rubika_messages_are_stored_once(server, xmlrpc_models, webhook_key):
    _uid, call = xmlrpc_models
    tag = secrets.token_hex(4)
    mobile = "0912" + str(int(tag, 16))[:7].zfill(7)
    customer = call("res.partner", "cid_find_or_create", {"mobile": mobile}, {"name": "نرگس"})
    eitaa = {
        "update_id": 7,
        "message": {
            "message_id": 12,
            "date": 1742538600,
            "chat": {"id": int(tag, 16), "type": "private"},
            "from": {"id": int(tag, 16), "first_name": "N"},
            "contact": {"phone_number": mobile, "user_id": int(tag, 16)},
        },
    }
    status, answer = post(server, "/eitaa", eitaa, webhook_key)
    assert (status, answer["status"], answer["cid"]) == (200, "created", customer["cid"]), answer
    status, again = post(server, "/eitaa", eitaa, webhook_key)
    assert (status, again["status"]) == (200, "duplicate"), again
    rubika = {
        "update": {
            "type": "NewMessage",
            "chat_id": f"b0{tag}",
            "new_message": {
                "message_id": "204216801381244279",
                "text": "سلام",
                "time": "1742538600",
                "sender_type": "User",
                "sender_id": f"u0{tag}",
            },
        }
    }
    status, answer = post(server, "/rubika", rubika, webhook_key)
    assert (status, answer["status"]) == (200, "unmatched"), answer
    # the Rubika id given to the customer afterwards links the waiting message
    call("res.partner", "cid_add_key", [customer["partner_id"]], "external_id", f"rubika:u0{tag}")
    [row] = call(
        "crm.interaction",
        "search_read",
        [("channel_id.code", "=", "rubika"), ("external_id", "=", f"b0{tag}:204216801381244279")],
        ["partner_id"],
    )
    assert row["partner_id"][0] == customer["partner_id"], row


def test_sms_panels_calling_back_with_forms_and_query_strings(server, xmlrpc_models, webhook_key):
    _uid, call = xmlrpc_models
    tag = secrets.token_hex(4)
    customer = call(
        "res.partner", "cid_find_or_create", {"mobile": "09129998876"}, {"name": "بهار"}
    )
    fields = {"from": "09129998876", "to": "1000", "message": "سلام", "messageid": f"fq{tag}"}
    status, answer = send(server, "/sms/kavenegar", webhook_key, data=fields)
    assert (status, answer["status"]) == (200, "created"), answer
    assert answer["cid"] == customer["cid"], answer
    status, again = send(server, "/sms/kavenegar", webhook_key, query=fields)
    assert (status, again["status"]) == (200, "duplicate"), again
    meli = {"from": "989129998876", "to": "5000", "body": "x", "msgid": f"mq{tag}", "date": ""}
    status, answer = send(server, "/sms/melipayamak", webhook_key, query=meli)
    assert (status, answer["status"]) == (200, "created"), answer
    status, answer = send(server, "/sms/ghasedak", webhook_key, data={"sender": "0912"})
    assert status == 422 and answer["log_id"], answer
    with urllib.request.urlopen(f"{server.url}/crm_webhook/openapi.json", timeout=60) as response:
        spec = json.loads(response.read())
    body = spec["paths"]["/sms/kavenegar"]["post"]["requestBody"]["content"]
    assert "application/x-www-form-urlencoded" in body and "application/json" in body
    assert "get" in spec["paths"]["/sms/kavenegar"]


def test_quarantined_payload_is_reprocessed_through_the_provider_mapping(
    server, xmlrpc_models, webhook_key
):
    _uid, call = xmlrpc_models
    tag = secrets.token_hex(4)
    event = {
        "uniqueid": f"{tag}.9",
        "caller": "09129998875",
        "callee": "200",
        "start": "yesterday",
        "duration": 40,
    }
    status, answer = post(server, "/voip/call", event, webhook_key)
    assert status == 422, answer
    [log] = call("crm.interaction.webhook.log", "read", [answer["log_id"]], ["quarantine_id"])
    quarantine_id = log["quarantine_id"][0]
    [row] = call(
        "crm.interaction.quarantine", "read", [quarantine_id], ["payload", "webhook_provider"]
    )
    assert row["webhook_provider"] == "voip", row
    payload = json.loads(row["payload"])
    payload["payload"]["start"] = "2025-03-21T09:30:00+03:30"
    call("crm.interaction.quarantine", "write", [quarantine_id], {"payload": json.dumps(payload)})
    [result] = call("crm.interaction.quarantine", "reprocess", [quarantine_id])
    assert result["status"] in ("created", "unmatched") and result["interaction_id"], result
    # the VoIP mapping ran: a mobile number gives the mobile channel, the provider id is kept
    [interaction] = call(
        "crm.interaction", "read", [result["interaction_id"]], ["channel_code", "external_id"]
    )
    assert (interaction["channel_code"], interaction["external_id"]) == ("mobile", f"{tag}.9")
    assert call("crm.interaction.quarantine", "reprocess", [quarantine_id]) == [result]
    assert call("crm.interaction", "reconcile", "mobile", [f"{tag}.9"])["present"] == 1


def _new_key(call, providers):
    [user_id] = call("res.users", "search", [("login", "=", "crm_interaction_webhook")])
    key = "it-" + secrets.token_urlsafe(24)
    provider_ids = call("crm.interaction.webhook.provider", "search", [("code", "in", providers)])
    key_id = call(
        "auth.api.key",
        "create",
        {
            "name": key,
            "key": key,
            "user_id": user_id,
            "crm_webhook_provider_ids": [(6, 0, provider_ids)],
        },
    )
    return key_id, key


def test_a_revoked_key_is_refused_on_the_next_request(server, xmlrpc_models):
    _uid, call = xmlrpc_models
    key_id, key = _new_key(call, ["voip"])
    tag = secrets.token_hex(4)
    event = {"uniqueid": f"rev-{tag}-1", "caller": "09121112233", "callee": "201",
             "start": "2025-03-21T09:30:00+03:30", "duration": 5, "billsec": 5}  # fmt: skip
    status, answer = post(server, "/voip/call", event, key)
    assert status == 200, answer
    call("auth.api.key", "write", [key_id], {"active": False})
    status, answer = post(server, "/voip/call", dict(event, uniqueid=f"rev-{tag}-2"), key)
    assert status == 401, answer
    assert call("crm.interaction", "reconcile", "phone", [f"rev-{tag}-2"])["missing"]


def test_a_key_is_refused_on_another_providers_route(server, xmlrpc_models):
    _uid, call = xmlrpc_models
    _key_id, key = _new_key(call, ["sms_kavenegar"])
    update = {"update_id": 1, "message": {"message_id": 1, "date": 1742538600,
                                          "chat": {"id": 1}, "text": "x"}}  # fmt: skip
    status, answer = post(server, "/telegram", update, key)
    assert status == 403, answer
    status, answer = post(server, "/voip/call", {}, key)
    assert status == 403, answer


def test_unauthenticated_requests_are_counted_not_stored_one_by_one(server, xmlrpc_models):
    _uid, call = xmlrpc_models
    before = call("crm.interaction.webhook.log", "search_count", [])
    log_ids = set()
    for number in range(200):
        status, answer = post(server, "/eitaa", {"n": number}, f"nope-{number}")
        assert status == 401, answer
        log_ids.add(answer["log_id"])
    assert call("crm.interaction.webhook.log", "search_count", []) - before <= 2
    counts = call("crm.interaction.webhook.log", "read", sorted(log_ids), ["request_count"])
    assert sum(row["request_count"] for row in counts) >= 200
