"""Malformed arguments thrown at every public method of the suite, over XML-RPC.

Each public method that takes arguments has a row in ``ROWS``: how to call
it with good arguments (as the administrator, so that what answers is the
method's own argument check, not the access rules). The test replaces each
argument in turn with each value of ``MALFORMED`` (nested ``None``, lists
where a dict is due, huge or negative numbers, hostile text...). The server
must answer with a result it can marshal or a clear user error (XML-RPC
faults 2 to 4), never an internal error (fault 1, a traceback): a method
that echoes a value XML-RPC cannot carry back (``None`` inside a dict) fails
here. ``test_every_public_method_with_arguments_has_a_row`` fails when a
public method with arguments is added without a row.
"""

import ast
import uuid
import xmlrpc.client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_access_public_methods import ORM_HOOKS, ORM_OVERRIDES, _addons_dir, _model_of

CLEAR_FAULTS = {2: "user error", 3: "access denied", 4: "access error"}
RUN = uuid.uuid4().hex[:8]

NESTED_NONE = {"a": {"b": [None]}}
MALFORMED = [
    None,
    NESTED_NONE,
    [None],
    [[None, {"x": None}]],
    {"x": None},
    {"model": None, "id": None},
    [1, "a", None],
    "",
    "'; DROP TABLE res_partner; --",
    "%(name)s %s {0}",
    "x" * 5000,
    -1,
    0,
    2**31 - 1,
    1.5,
    True,
    False,
]


def _on(key):
    """Call on the record ``ids[key]``."""
    return lambda ids: [[ids[key]]]


def _model():
    return lambda ids: []


# (model, method): (records, good arguments); each is a function of the ids
ROWS = {
    ("res.partner", "cid_resolve"): (_model(), lambda ids: [{"mobile": ids["mobile"]}]),
    ("res.partner", "cid_find_or_create"): (
        _model(),
        lambda ids: [{"mobile": ids["mobile"]}, {"name": f"Malformed {RUN}"}],
    ),
    ("res.partner", "cid_add_key"): (
        _on("customer"),
        lambda ids: ["telegram", f"malformed_{RUN}", False, "rpc"],
    ),
    ("res.partner", "cid_statement"): (_on("customer"), lambda ids: ["2025-01-01", "2025-12-31"]),
    ("res.partner", "crm_access_limited_card"): (_model(), lambda ids: [ids["customer"]]),
    ("crm.cid.import", "import_rows"): (
        _model(),
        lambda ids: [[{"name": f"Row {RUN}", "mobile": ids["mobile"]}], {"update_empty": False}],
    ),
    ("crm.interaction", "ingest"): (
        _model(),
        lambda ids: [
            [
                {
                    "channel": "sms",
                    "direction": "inbound",
                    "external_id": f"malformed-{RUN}",
                    "occurred_at": "2025-03-21T09:30:00",
                    "mobile": ids["mobile"],
                    "body": "سلام",
                }
            ]
        ],
    ),
    ("crm.interaction", "reconcile"): (_model(), lambda ids: ["sms", [f"malformed-{RUN}"]]),
    ("crm.interaction", "caller_card"): (_model(), lambda ids: [ids["mobile"]]),
    ("crm.interaction", "dial"): (_model(), lambda ids: [ids["mobile"]]),
    # a plain SMS: every text gets the clear refusal of a non-Meta message
    ("crm.interaction", "reply"): (_on("interaction"), lambda ids: ["سلام"]),
    ("crm.interaction", "timeline_page"): (
        _model(),
        lambda ids: [ids["customer"], {"directions": ["inbound"]}, None, 10],
    ),
    ("crm.price.quote", "get_price"): (
        _model(),
        lambda ids: [ids["customer"], ids["product"], 1, "api", False, "phone", False],
    ),
    ("crm.access.grant", "request_access"): (
        _model(),
        lambda ids: [ids["customer"], f"needed {RUN}", 2],
    ),
    ("crm.access.log", "access_report"): (_model(), lambda ids: [ids["uid"], 30]),
    ("helpdesk.ticket", "crm_price_create_quotation"): (
        _on("ticket"),
        lambda ids: [[{"product_id": ids["product"], "quantity": 1}]],
    ),
    ("helpdesk.ticket", "ledger_set_dissatisfied"): (_on("ticket"), lambda ids: ["slow"]),
    ("secretariat.letter", "action_cancel"): (_on("draft_letter"), lambda ids: ["duplicate"]),
    ("secretariat.letter", "find_correspondent"): (
        _model(),
        lambda ids: [{"mobile": ids["mobile"]}, f"Correspondent {RUN}"],
    ),
    ("secretariat.letter", "letters_of_document"): (
        _model(),
        lambda ids: ["res.partner", ids["customer"]],
    ),
    ("secretariat.letter", "link_documents"): (
        _on("letter"),
        lambda ids: ["res.partner", [ids["customer"]]],
    ),
    ("secretariat.letter", "read_register"): (
        _model(),
        lambda ids: [ids["jalali_year"], None, "incoming", None, None],
    ),
    ("secretariat.letter", "refer"): (_on("letter"), lambda ids: [[ids["uid"]], "check", None]),
    ("secretariat.letter", "refer_departments"): (
        _on("letter"),
        lambda ids: [[ids["department"]], "check", None],
    ),
    ("secretariat.letter.referral", "answer"): (_on("referral"), lambda ids: ["done"]),
    ("secretariat.letter.referral", "forward"): (
        _on("referral"),
        lambda ids: [[ids["uid"]], "check", None],
    ),
}


def public_methods_with_arguments(addons):
    """``{(model, method)}`` of the suite's public methods that take arguments."""
    found = set()
    for path in sorted(addons.glob("*/**/*.py")):
        if {"tests", "migrations"} & set(path.relative_to(addons).parts):
            continue
        for cls in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(cls, ast.ClassDef) or not (model := _model_of(cls)):
                continue
            for node in cls.body:
                if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                    continue
                if any("private" in ast.unparse(d) for d in node.decorator_list):
                    continue
                if node.name in ORM_OVERRIDES | ORM_HOOKS:
                    continue
                arguments = node.args
                if len(arguments.args) > 1 or arguments.kwonlyargs or arguments.vararg:
                    found.add((model, node.name))
    return found


@pytest.fixture(scope="module")
def ids(xmlrpc_models):
    """Records to call the methods on, made as the administrator."""
    uid, call = xmlrpc_models
    ids = {"uid": uid, "mobile": "0937" + str(uuid.uuid4().int)[:7]}
    ids["customer"] = call(
        "res.partner", "create", {"name": f"Malformed {RUN}", "mobile": ids["mobile"]}
    )
    [stored] = call(
        "crm.interaction",
        "ingest",
        [
            {
                "channel": "sms",
                "direction": "inbound",
                "external_id": f"malformed-reply-{RUN}",
                "occurred_at": "2025-03-21T09:30:00",
                "mobile": ids["mobile"],
                "body": "سلام",
            }
        ],
    )
    ids["interaction"] = stored["id"]
    ids["product"] = call("product.product", "create", {"name": f"M {RUN}", "list_price": 10.0})
    ids["quote"] = call("crm.price.quote", "get_price", ids["customer"], ids["product"], 1, "api")[
        "quote_id"
    ]
    ids["ticket"] = call(
        "helpdesk.ticket",
        "create",
        {"name": f"malformed {RUN}", "description": "x", "partner_id": ids["customer"]},
    )
    ids["letter"] = call(
        "secretariat.letter",
        "create",
        {"kind": "incoming", "subject": f"malformed {RUN}", "partner_id": ids["customer"]},
    )
    call("secretariat.letter", "action_register", [ids["letter"]])
    [ids["referral"]] = call("secretariat.letter", "refer", [ids["letter"]], [uid], "check")
    ids["draft_letter"] = call(
        "secretariat.letter", "create", {"kind": "incoming", "subject": f"draft {RUN}"}
    )
    ids["jalali_year"] = call("secretariat.letter", "read", [ids["letter"]], ["indicator_number"])[
        0
    ]["indicator_number"].split("/")[0]
    manager = call("hr.employee", "search", [("user_id", "=", uid)], limit=1) or [
        call("hr.employee", "create", {"name": f"Head {RUN}", "user_id": uid})
    ]
    ids["department"] = call(
        "hr.department", "create", {"name": f"Department {RUN}", "manager_id": manager[0]}
    )
    leaver = call(
        "res.users",
        "create",
        {"name": f"Leaver {RUN}", "login": f"mf-leaver-{RUN}", "password": f"mf-{RUN}-pw"},
    )
    ids["offboarding"] = call(
        "crm.access.offboarding", "create", {"user_id": leaver, "successor_id": uid}
    )
    return ids


def answer_or_clear_fault(call, model, method, records, args):
    """Call; return ``("result", value)`` or ``("fault", code)``; fail on an internal error."""
    try:
        return "result", call(model, method, *records, *args)
    except xmlrpc.client.Fault as fault:
        assert fault.faultCode in CLEAR_FAULTS, (
            f"{model}.{method}{tuple(args)!r:.300}: {fault.faultString[-1500:]}"
        )
        assert "Traceback" not in fault.faultString, fault.faultString[-1500:]
        return "fault", fault.faultCode


def test_every_public_method_with_arguments_has_a_row():
    public = public_methods_with_arguments(_addons_dir())
    missing = sorted(public - set(ROWS))
    assert not missing, f"public methods without a malformed-input row: {missing}"
    stale = sorted(set(ROWS) - public)
    assert not stale, f"rows of methods that no longer take arguments: {stale}"


@pytest.mark.parametrize(
    ("model", "method"), sorted(ROWS), ids=lambda value: str(value).replace(".", "_")
)
def test_malformed_arguments_get_a_clear_answer(xmlrpc_models, ids, model, method):
    _uid, call = xmlrpc_models
    records_of, args_of = ROWS[(model, method)]
    good = args_of(ids)
    for position in range(len(good)):
        for bad in MALFORMED:
            args = list(good)
            args[position] = bad
            answer_or_clear_fault(call, model, method, records_of(ids), args)


def test_cid_resolve_answers_a_nested_none_with_an_error_entry(xmlrpc_models):
    _uid, call = xmlrpc_models
    result = call("res.partner", "cid_resolve", {"mobile": NESTED_NONE})
    assert result["partner_id"] is False
    [error] = result["errors"]
    assert error["type"] == "mobile" and error["reason"] == "invalid", error
    assert isinstance(error["value"], str) and "None" in error["value"], error
    # an unknown key whose value holds None is named the same way
    result = call("res.partner", "cid_resolve", {"no_such_key": [None], "mobile": "0912"})
    assert {e["reason"] for e in result["errors"]} == {"unknown_key", "invalid"}


def test_a_quarantined_item_with_nested_none_is_reprocessed_with_a_clear_error(xmlrpc_models):
    _uid, call = xmlrpc_models
    item = {
        "channel": "sms",
        "direction": "inbound",
        "external_id": f"nested-{RUN}",
        "occurred_at": "2025-03-21T09:30:00",
        "mobile": NESTED_NONE,
        "links": [{"model": "res.partner", "id": None}],
    }
    [result] = call("crm.interaction", "ingest", [item])
    assert result["status"] == "rejected" and result["quarantine_id"], result
    [again] = call("crm.interaction.quarantine", "reprocess", [result["quarantine_id"]])
    assert again["status"] == "rejected" and again["error"], again


nested = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**31), max_value=2**31 - 1),
        st.text(max_size=12, alphabet=st.characters(blacklist_categories=("Cs", "Cc"))),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b", "model", "id", "mobile"]), children, max_size=3),
    ),
    max_leaves=6,
)
key_names = st.sampled_from(["mobile", "email", "national_id", "cid", "telegram", "nope"])


@settings(
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=120,
    suppress_health_check=list(HealthCheck),
)
@given(keys=st.dictionaries(key_names, nested, max_size=3))
def test_identity_keys_of_any_shape_get_a_clear_answer(xmlrpc_models, keys):
    _uid, call = xmlrpc_models
    for method in ("cid_resolve", "cid_find_or_create"):
        kind, _value = answer_or_clear_fault(call, "res.partner", method, [], [keys])
        if method == "cid_resolve":
            assert kind == "result", keys
