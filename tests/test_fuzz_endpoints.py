"""Generated bad input for the price service and the provider webhooks.

Like ``test_fuzz.py``: the server must never answer with an internal error or
a traceback, and every refused webhook payload that passed authentication is
kept in the quarantine. Examples come from a fixed seed (``derandomize``).
"""

import json
import secrets
import urllib.error
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
    call("auth.api.key", "create", {"name": key, "key": key, "user_id": user_id})
    return key


def _post(server, path, data, key):
    request = urllib.request.Request(
        f"{server.url}/crm_webhook{path}",
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", "API-KEY": key},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


ROUTES = ["/voip/call", "/sms/kavenegar", "/sms/ghasedak", "/sms/melipayamak", "/telegram", "/bale"]
json_junk = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                ["from", "to", "message", "messageid", "uniqueid", "caller", "callee",
                 "update_id", "message_id", "chat", "text", "date", "duration", "x"]
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


def test_webhooks_answer_garbage_with_clear_4xx(server, xmlrpc_models, webhook_key):
    _uid, call = xmlrpc_models
    statuses = []

    @settings(SETTINGS, max_examples=300)
    @given(st.sampled_from(ROUTES), bodies)
    def run(route, body):
        status, answer = _post(server, route, body, webhook_key)
        assert status < 500, (route, body, status, answer[:500])
        assert b"Traceback" not in answer
        if status >= 400:
            assert json.loads(answer).get("detail"), answer[:500]
        statuses.append(status)

    run()
    assert any(status >= 400 for status in statuses)
