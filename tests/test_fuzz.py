"""Generated bad input thrown at the public API: clear errors, nothing lost.

Hypothesis builds the payloads: items with one definite defect (a required
field missing or of the wrong type, an unknown channel, a malformed date...),
items that are odd but acceptable (huge texts, markup, SQL-looking strings),
and garbage arguments for the identity methods. Every batch mixes them with
good items. The server must never answer with an internal error or a
traceback; every bad item must come back ``rejected`` with an error and sit in
the quarantine; every good item of the same batch must be stored.

The examples are derived from a fixed seed (``derandomize``) so that a run in
CI is repeatable; change the seed locally to explore further.
"""

import itertools
import uuid
import xmlrpc.client

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Fault codes of Odoo's XML-RPC: 1 is an unexpected server error (traceback).
CLEAR_FAULTS = {2: "user error", 3: "access denied", 4: "access error"}
SETTINGS = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
RUN = uuid.uuid4().hex[:8]
_counter = itertools.count()

# Texts an XML-RPC request can carry (XML 1.0 forbids most control characters).
xml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=40,
)
hostile_text = st.sampled_from(
    [
        "'; DROP TABLE res_partner; --",
        '" OR 1=1 --',
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "%(name)s %s {0} ${x}",
        "ي ك ة \u200c ۰۹۱۲ ٠٩١٢",
        "\u202eevil",
        "x" * 100_000,
    ]
)
wrong_type = st.one_of(
    st.integers(min_value=-(2**31), max_value=2**31 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.lists(st.integers(min_value=0, max_value=9), max_size=3),
    st.dictionaries(st.sampled_from(["a", "id", "model"]), st.integers(0, 9), max_size=2),
)


def good_item(direction="inbound"):
    n = next(_counter)
    return {
        "channel": "sms",
        "direction": direction,
        "external_id": f"fuzz-{RUN}-{n}",
        "occurred_at": "2025-03-21T09:30:00+03:30",
        "mobile": f"0936{n % 10_000_000:07d}",
        "body": f"درست {n}",
    }


# --- items with exactly one definite defect: they must be rejected ----------------------

REQUIRED = ("channel", "direction", "external_id", "occurred_at")
DIRECTIONS = ("inbound", "outbound", "internal")


@st.composite
def bad_item(draw):
    item = good_item()
    defect = draw(
        st.sampled_from(
            [
                "missing",
                "channel",
                "direction",
                "external_id",
                "occurred_at",
                "duration",
                "links",
                "reason",
                "text_type",
                "not_a_dict",
            ]
        )
    )
    if defect == "missing":
        del item[draw(st.sampled_from(REQUIRED))]
    elif defect == "channel":
        item["channel"] = draw(
            st.one_of(wrong_type, xml_text.map(lambda s: "no-such-channel-" + s), hostile_text)
        )
    elif defect == "direction":
        item["direction"] = draw(
            st.one_of(wrong_type, hostile_text, xml_text.filter(lambda s: s not in DIRECTIONS))
        )
    elif defect == "external_id":
        item["external_id"] = draw(
            st.one_of(
                st.lists(st.integers(0, 9), max_size=3),
                st.dictionaries(st.just("a"), st.integers(0, 9)),
                st.floats(allow_nan=False, allow_infinity=False),
                st.just("x" * 300),
                st.sampled_from(["", "   "]),
            )
        )
    elif defect == "occurred_at":
        item["occurred_at"] = draw(
            st.one_of(
                wrong_type,
                st.sampled_from(
                    [
                        "1403/01/15",
                        "۱۴۰۳-۰۱-۱۵T۱۰:۰۰:۰۰",
                        "2025-13-45T99:99:00",
                        "2025-02-30T10:00:00",
                        "yesterday",
                        "2025-03-21",
                        "",
                        "'; DROP TABLE crm_interaction; --",
                    ]
                ),
            )
        )
    elif defect == "duration":
        item["duration"] = draw(
            st.one_of(
                st.integers(max_value=-1, min_value=-(2**31)),
                st.sampled_from(["ten", "", "1e9x"]),
                st.lists(st.integers(0, 9), min_size=1, max_size=2),
            )
        )
    elif defect == "links":
        item["links"] = draw(
            st.one_of(
                st.integers(0, 9),
                st.just("sale.order,7"),
                st.lists(st.integers(0, 9), min_size=1, max_size=2),
                st.just([{"model": "no.such.model", "id": 1}]),
                st.just([{"model": "res.partner", "id": "x"}]),
                st.just([{"model": "res.partner; DROP TABLE x", "id": 1}]),
                st.just([{"model": "res.partner", "id": 1, "extra": 1}]),
            )
        )
    elif defect == "reason":
        # False, like null, means "no reason given"
        item["reason"] = draw(
            st.one_of(
                wrong_type.filter(lambda value: value is not False),
                xml_text.map(lambda s: "no-such-reason-" + s),
            )
        )
    elif defect == "text_type":
        item[draw(st.sampled_from(["subject", "body", "summary"]))] = draw(
            st.one_of(
                st.integers(min_value=1, max_value=2**31 - 1),
                st.lists(st.integers(0, 9), min_size=1, max_size=2),
                st.dictionaries(st.just("a"), st.integers(0, 9), min_size=1),
            )
        )
    else:
        return draw(st.one_of(st.none(), st.integers(0, 9), xml_text, st.lists(xml_text)))
    return item


# --- items that are odd but acceptable: stored or rejected, never an internal error -----


@st.composite
def odd_item(draw):
    item = good_item()
    field = draw(st.sampled_from(["subject", "body", "summary", "mobile", "email", "telegram"]))
    item[field] = draw(st.one_of(hostile_text, xml_text))
    return item


@st.composite
def batch(draw):
    kinds = draw(
        st.lists(st.sampled_from(["good", "bad", "odd"]), min_size=4, max_size=24).filter(
            lambda kinds: "good" in kinds and "bad" in kinds
        )
    )
    items = []
    for kind in kinds:
        if kind == "good":
            items.append(("good", good_item(draw(st.sampled_from(DIRECTIONS)))))
        elif kind == "bad":
            items.append(("bad", draw(bad_item())))
        else:
            items.append(("odd", draw(odd_item())))
    return items


def quarantine_attempts(call):
    rows = call("crm.interaction.quarantine", "search_read", [], ["attempt_count"])
    return sum(row["attempt_count"] for row in rows)


def check_batch(call, labelled, results):
    assert isinstance(results, list) and len(results) == len(labelled)
    for (kind, item), result in zip(labelled, results, strict=True):
        status = result["status"]
        if kind == "good":
            assert status in ("created", "unmatched"), (item, result)
            assert result["id"]
        elif kind == "bad":
            assert status == "rejected", f"{item!r} -> {result!r}"
        if status == "rejected":
            assert isinstance(result["error"], str) and result["error"].strip(), result
            assert "Traceback" not in result["error"]
            assert result["quarantine_id"], result


def assert_clear_fault(fault):
    assert fault.faultCode in CLEAR_FAULTS, fault.faultString[-2000:]
    assert "Traceback" not in fault.faultString


def test_ingest_rejects_each_bad_item_and_keeps_the_good_ones(xmlrpc_models):
    _uid, call = xmlrpc_models
    seen = {"batches": 0, "items": 0, "rejected": 0}
    attempts_before = quarantine_attempts(call)
    good_ids = []

    @settings(SETTINGS, max_examples=220)
    @given(batch())
    def run(labelled):
        results = call("crm.interaction", "ingest", [item for _kind, item in labelled])
        check_batch(call, labelled, results)
        seen["batches"] += 1
        seen["items"] += len(labelled)
        seen["rejected"] += sum(r["status"] == "rejected" for r in results)
        good_ids.extend(item["external_id"] for kind, item in labelled if kind == "good")

    run()
    assert seen["items"] >= 1500, seen
    # every rejection is in the quarantine, counted once per attempt
    assert quarantine_attempts(call) - attempts_before == seen["rejected"]
    # every good item is stored, once
    stored = call(
        "crm.interaction", "search_read", [("external_id", "=like", f"fuzz-{RUN}-%")],
        ["external_id"],
    )  # fmt: skip
    stored_ids = [row["external_id"] for row in stored]
    assert len(stored_ids) == len(set(stored_ids))
    assert set(good_ids) <= set(stored_ids)


def test_ingest_arguments_that_are_not_a_batch(xmlrpc_models):
    _uid, call = xmlrpc_models

    @settings(SETTINGS, max_examples=60)
    @given(st.one_of(st.none(), wrong_type, xml_text, hostile_text))
    def run(argument):
        if isinstance(argument, list):
            argument = {"not": "a batch"}
        with pytest.raises(xmlrpc.client.Fault) as caught:
            call("crm.interaction", "ingest", argument)
        assert_clear_fault(caught.value)

    run()


key_names = st.sampled_from(
    ["mobile", "phone", "email", "national_id", "cid", "telegram", "instagram", "username",
     "customer_number", "no_such_key", "", "'; DROP TABLE crm_cid_key; --"]
)  # fmt: skip
key_values = st.one_of(xml_text, hostile_text, wrong_type, st.none())


def _answer_or_clear_fault(call, *args):
    try:
        return call("res.partner", *args)
    except xmlrpc.client.Fault as fault:
        assert_clear_fault(fault)
        return None


def test_identity_methods_answer_garbage_with_clear_errors(xmlrpc_models):
    _uid, call = xmlrpc_models
    counted = {"calls": 0}

    @settings(SETTINGS, max_examples=300)
    @given(st.one_of(st.dictionaries(key_names, key_values, max_size=4), wrong_type, xml_text))
    def resolve(keys):
        result = _answer_or_clear_fault(call, "cid_resolve", keys)
        counted["calls"] += 1
        if result is not None:
            assert set(result) >= {"partner_id", "cid", "conflict", "errors"}

    @settings(SETTINGS, max_examples=200)
    @given(
        st.dictionaries(key_names, key_values, max_size=3),
        st.one_of(
            st.none(),
            st.dictionaries(
                st.sampled_from(
                    [
                        "name",
                        "email",
                        "is_company",
                        "no_such_field",
                        "cid",
                        "country_id",
                        "parent_id",
                        "lang",
                        "comment",
                    ]
                ),
                key_values,
                max_size=3,
            ),  # fmt: skip
            wrong_type,
        ),
    )
    def find_or_create(keys, values):
        result = _answer_or_clear_fault(call, "cid_find_or_create", keys, values)
        counted["calls"] += 1
        if result is not None:
            assert result["partner_id"] and result["cid"], result

    resolve()
    find_or_create()
    assert counted["calls"] >= 500


def test_json2_ingest_with_nul_characters_and_lone_surrogates(server, api_key):
    """Characters XML-RPC cannot carry, sent over JSON-2: no internal error."""
    url = f"{server.url}/json/2/crm.interaction/ingest"
    headers = {"Authorization": "bearer " + api_key, "X-Odoo-Database": server.db}
    good = good_item()
    nul = dict(good_item(), body="before\x00after", subject="a\x00b")
    nul_key = dict(good_item(), mobile="0912\x001234567")
    raw = (
        '{"items": [%s, %s, %s, {"channel": "sms", "direction": "inbound", '
        '"external_id": "fuzz-%s-surrogate", "occurred_at": "2025-03-21T09:30:00", '
        '"body": "\\ud800 alone"}]}'
    ) % (
        requests.compat.json.dumps(good),
        requests.compat.json.dumps(nul),
        requests.compat.json.dumps(nul_key),
        RUN,
    )
    response = requests.post(
        url, data=raw.encode(), headers={**headers, "Content-Type": "application/json"},
        timeout=60,
    )  # fmt: skip
    assert response.status_code == 200, response.text[:2000]
    results = response.json()
    assert len(results) == 4
    assert results[0]["status"] in ("created", "unmatched")
    for result in results[1:]:
        assert result["status"] in ("created", "unmatched", "rejected"), result
        if result["status"] == "rejected":
            assert result["error"] and result["quarantine_id"]
