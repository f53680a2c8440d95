"""Generated bad input for the price service and the provider webhooks.

Like ``test_fuzz.py``: the server must never answer with an internal error or
a traceback, and every refused webhook payload that passed authentication is
kept in the quarantine. Examples come from a fixed seed (``derandomize``).
"""

import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xmlrpc.client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CLEAR_FAULTS = {2, 3, 4}
SETTINGS = settings(
    derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**31), max_value=2**31 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
        ),
        max_size=30,
    ),
    st.sampled_from(["'; DROP TABLE product_product; --", "<script>alert(1)</script>", "x" * 5000]),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.sampled_from(["model", "id", "x"]), st.integers(0, 9), max_size=2),
)


@pytest.fixture(scope="module")
def price_targets(xmlrpc_models):
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    partner = call("res.partner", "create", {"name": f"مشتری آزمون قیمت {run}", "is_company": True})
    product = call(
        "product.product",
        "create",
        {"name": f"کالای آزمون {run}", "list_price": 1250000, "sale_ok": True},
    )
    return partner, product


def test_get_price_answers_garbage_with_clear_errors(xmlrpc_models, price_targets):
    _uid, call = xmlrpc_models
    partner, product = price_targets
    answered = {"ok": 0, "refused": 0}

    @settings(SETTINGS, max_examples=250)
    @given(
        st.one_of(st.just(partner), junk),
        st.one_of(st.just(product), junk),
        st.one_of(st.sampled_from([1, 2.5, 10, 0, -3]), junk),
        st.one_of(st.sampled_from(["sales", "support", "web", "api", "nobody"]), junk),
        st.one_of(st.just(False), junk),
    )
    def run(partner_id, product_id, qty, unit, source):
        try:
            result = call(
                "crm.price.quote", "get_price", partner_id, product_id, qty, unit, source=source
            )
        except xmlrpc.client.Fault as fault:
            assert fault.faultCode in CLEAR_FAULTS, fault.faultString[-2000:]
            assert "Traceback" not in fault.faultString
            answered["refused"] += 1
            return
        assert result["quote_id"] and result["price_unit"] >= 0, result
        answered["ok"] += 1

    run()
    assert answered["ok"] and answered["refused"], answered


@pytest.fixture(scope="module")
def webhook_key(xmlrpc_models):
    _uid, call = xmlrpc_models
    [user_id] = call("res.users", "search", [("login", "=", "crm_interaction_webhook")])
    key = "fz-" + secrets.token_urlsafe(24)
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


def _post(server, path, data, key, content_type="application/json"):
    request = urllib.request.Request(
        f"{server.url}/crm_webhook{path}",
        data=data,
        method="POST",
        headers={"Content-Type": content_type, "API-KEY": key},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


ROUTES = [
    "/voip/call",
    "/sms/kavenegar",
    "/sms/ghasedak",
    "/sms/melipayamak",
    "/telegram",
    "/bale",
    "/eitaa",
    "/rubika",
]
FORM = "application/x-www-form-urlencoded"
SMS_ROUTES = ["/sms/kavenegar", "/sms/ghasedak", "/sms/melipayamak"]
json_junk = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                ["from", "to", "message", "messageid", "uniqueid", "caller", "callee",
                 "update_id", "message_id", "chat", "text", "date", "duration", "x",
                 "update", "chat_id", "new_message", "type", "time", "sender_id"]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=12,
)  # fmt: skip
bodies = st.one_of(
    json_junk.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=200),
    st.sampled_from([b"", b"{", b'{"from": "\xff\xfe"}', b"\xef\xbb\xbf{}", b"null"]),
)


RUN = uuid.uuid4().hex[:8]
_serial = iter(range(10**9))


def _good_request():
    """A valid provider request with a fresh provider id: ``(route, body, channel, id)``."""
    n = next(_serial)
    mobile = f"0937{n % 10_000_000:07d}"
    if n % 4 == 2:
        message = {"message_id": n, "text": "سلام", "time": "1742538600", "sender_id": f"u{n}"}
        body = {"update": {"type": "NewMessage", "chat_id": f"b{RUN}", "new_message": message}}
        return "/rubika", json.dumps(body).encode(), "rubika", f"b{RUN}:{n}"
    if n % 2:
        external_id = f"wk-{RUN}-{n}"
        body = {"from": mobile, "to": "1000", "message": f"پیام {n}", "messageid": external_id}
        return "/sms/kavenegar", json.dumps(body).encode(), "sms", external_id
    external_id = f"{RUN}.{n}"
    event = {
        "uniqueid": external_id,
        "caller": mobile,
        "callee": "200",
        "start": "2025-03-21T09:30:00+03:30",
        "disposition": "ANSWERED",
        "duration": 30,
        "billsec": 25,
    }
    return "/voip/call", json.dumps(event).encode(), "mobile", external_id


def _quarantine_attempts(call):
    rows = call("crm.interaction.quarantine", "search_read", [], ["attempt_count"])
    return sum(row["attempt_count"] for row in rows)


def test_webhooks_answer_garbage_with_clear_4xx(server, xmlrpc_models, webhook_key):
    """Garbage and valid requests interleaved: garbage gets a clear 4xx and is
    quarantined (one quarantine attempt per refused request), every valid
    request is stored once."""
    _uid, call = xmlrpc_models
    statuses = []
    refused_logs = []
    good = []
    attempts_before = _quarantine_attempts(call)

    @settings(SETTINGS, max_examples=300)
    @given(st.sampled_from(ROUTES), bodies, st.integers(0, 3))
    def run(route, body, good_first):
        sends = [(route, body, None)]
        if good_first == 0:  # one valid request in four, before or after the garbage
            route_ok, body_ok, channel, external_id = _good_request()
            sends.insert(0, (route_ok, body_ok, (channel, external_id)))
        for path, data, expected in sends:
            status, answer = _post(server, path, data, webhook_key)
            assert status < 500, (path, data, status, answer[:500])
            assert b"Traceback" not in answer
            if expected:
                decoded = json.loads(answer)
                assert status == 200 and decoded["status"] in ("created", "unmatched"), decoded
                good.append((*expected, decoded["interaction_id"]))
                continue
            statuses.append(status)
            if status >= 400:
                decoded = json.loads(answer)
                assert decoded.get("detail"), answer[:500]
                refused_logs.append(decoded["log_id"])

    run()
    assert refused_logs and good, (len(refused_logs), len(good))
    # every refused request is in the quarantine, counted once per attempt
    assert _quarantine_attempts(call) - attempts_before == len(refused_logs)
    logs = call(
        "crm.interaction.webhook.log", "read", refused_logs, ["quarantine_id", "status_code"]
    )
    assert all(log["quarantine_id"] for log in logs), [
        log for log in logs if not log["quarantine_id"]
    ]
    # every valid request is stored, once
    for channel in {g[0] for g in good}:
        wanted = [g[1] for g in good if g[0] == channel]
        found = call(
            "crm.interaction",
            "search_read",
            [("channel_id.code", "=", channel), ("external_id", "in", wanted)],
            ["external_id"],
        )
        assert sorted(row["external_id"] for row in found) == sorted(wanted), channel
    assert len({g[2] for g in good}) == len(good)


form_fields = st.dictionaries(
    st.sampled_from(
        ["from", "to", "message", "messageid", "sender", "linenumber", "text", "body", "msgid",
         "date", "receivedate", "api_key", "x"]
    ),
    st.one_of(st.text(max_size=20), st.sampled_from(["", "1742538600", "0912 111 2233"])),
    max_size=6,
)  # fmt: skip
form_bodies = st.one_of(
    form_fields.map(lambda fields: urllib.parse.urlencode(fields).encode()),
    st.binary(max_size=120),
    st.sampled_from([b"", b"=", b"&&", b"from=%ff%fe&to=1", b"message=\xff"]),
)


def test_sms_form_callbacks_answer_garbage_with_clear_4xx(server, xmlrpc_models, webhook_key):
    """Form-encoded bodies and query strings on the SMS routes: never a 500, every
    refusal quarantined, every valid form stored once."""
    _uid, call = xmlrpc_models
    refused_logs = []
    stored = []
    attempts_before = _quarantine_attempts(call)

    @settings(SETTINGS, max_examples=150)
    @given(st.sampled_from(SMS_ROUTES), form_bodies, st.booleans())
    def run(route, body, as_query):
        if as_query:
            request = urllib.request.Request(
                f"{server.url}/crm_webhook{route}?{urllib.parse.quote(body, safe='=&%+')}",
                method="GET",
                headers={"API-KEY": webhook_key},
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, answer = response.status, response.read()
            except urllib.error.HTTPError as error:
                status, answer = error.code, error.read()
        else:
            status, answer = _post(server, route, body, webhook_key, FORM)
        assert status < 500, (route, body, status, answer[:500])
        assert b"Traceback" not in answer
        decoded = json.loads(answer)
        if status >= 400:
            assert decoded.get("detail"), answer[:500]
            refused_logs.append(decoded["log_id"])
        else:
            stored.append(decoded["status"])

    run()
    valid = {"from": "09371234567", "to": "1000", "message": "سلام", "messageid": f"ff-{RUN}"}
    for expected in (("created", "unmatched"), ("duplicate",)):
        status, answer = _post(
            server, "/sms/kavenegar", urllib.parse.urlencode(valid).encode(), webhook_key, FORM
        )
        assert status == 200, answer
        assert json.loads(answer)["status"] in expected, answer
    assert refused_logs, "no garbage was refused"
    assert _quarantine_attempts(call) - attempts_before == len(refused_logs)
    logs = call("crm.interaction.webhook.log", "read", refused_logs, ["quarantine_id"])
    assert all(log["quarantine_id"] for log in logs)
