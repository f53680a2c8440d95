"""The ORM read paths tried over XML-RPC by an agent on another team's customer.

An integrator's view of the adversarial table of crm_access_policy: every way
of reading res.partner, crm.cid.key, crm.interaction and crm.interaction.key
outside ``read`` either is refused, or answers with masked values only (and
lands in the access log), or, used as a search oracle, finds nothing.
"""

import uuid
import xmlrpc.client

import pytest

ACCESS_ERROR = 4
SHOW_EMAIL = {"show_email": True}


@pytest.fixture(scope="module")
def south(server, xmlrpc_models, ref):
    """An agent of a North team, a customer of a South team with values and a call."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    digits = str(int(run, 16) % 10**7).zfill(7)
    secrets = {
        "mobile": f"0917{digits}",
        "phone": f"021{digits}",
        "email": f"south.{run}@example.com",
    }
    agent_group = ref("crm_access_policy.group_crm_agent")
    login = f"attack-{run}"
    agent_id = call(
        "res.users",
        "create",
        {
            "name": f"Attacker {run}",
            "login": login,
            "password": login,
            "group_ids": [(6, 0, [agent_group])],
        },
    )
    north_team = call("crm.team", "create", {"name": f"North {run}"})
    south_team = call("crm.team", "create", {"name": f"South {run}"})
    call("crm.team.member", "create", {"crm_team_id": north_team, "user_id": agent_id})
    customer = call(
        "res.partner",
        "create",
        {
            "name": f"South shop {run}",
            "is_company": True,
            "portfolio_team_id": south_team,
            **secrets,
        },
    )
    [result] = call(
        "crm.interaction",
        "ingest",
        [
            {
                "channel": "phone",
                "direction": "inbound",
                "external_id": f"attack-{run}",
                "occurred_at": "2025-03-21T09:30:00",
                "keys": {"mobile": secrets["mobile"]},
                "subject": f"call of the south shop {run}",
            }
        ],
    )
    # the agent handles this call of the South customer
    call("crm.interaction", "write", [result["id"]], {"user_id": agent_id})
    keys = call(
        "crm.cid.key",
        "search",
        [("commercial_partner_id", "=", customer), ("type_code", "in", ["mobile", "email"])],
    )
    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    agent_uid = common.authenticate(server.db, login, login, {})
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def as_agent(model, method, *args, **kwargs):
        return models.execute_kw(server.db, agent_uid, login, model, method, list(args), kwargs)

    return {
        "as_agent": as_agent,
        "agent_id": agent_id,
        "south_team": south_team,
        "customer": customer,
        "call": result["id"],
        "keys": keys,
        "secrets": secrets,
        "digits": digits,
        "name": f"South shop {run}",
    }


def _assert_masked(result, secrets, digits):
    text = repr(result)
    for value in (*secrets.values(), digits, secrets["email"].split("@")[0]):
        assert value not in text, f"{value} in {text}"


def _log_kinds(call, agent_id, customer):
    rows = call(
        "crm.access.log",
        "search_read",
        [("user_id", "=", agent_id), ("partner_id", "=", customer)],
        ["kind"],
    )
    return {row["kind"] for row in rows}


PARTNER_SPEC = {
    "display_name": {},
    "mobile": {},
    "phone": {},
    "email": {},
    "cid_key_ids": {"fields": {"value": {}, "value_normalized": {}, "display_name": {}}},
}


def _masked_attacks(s):
    customer, call_id, keys = s["customer"], s["call"], s["keys"]
    return {
        "res.partner name_search": (
            "res.partner",
            "name_search",
            (s["name"],),
            {"context": SHOW_EMAIL},
        ),
        "res.partner name_search by the full mobile": (
            "res.partner",
            "name_search",
            (s["secrets"]["mobile"],),
            {"context": SHOW_EMAIL},
        ),
        "res.partner web_read": (
            "res.partner",
            "web_read",
            ([customer], PARTNER_SPEC),
            {"context": SHOW_EMAIL},
        ),
        "res.partner web_search_read": (
            "res.partner",
            "web_search_read",
            ([("id", "=", customer)], PARTNER_SPEC),
            {"context": SHOW_EMAIL},
        ),
        "res.partner formatted_read_group by name": (
            "res.partner",
            "formatted_read_group",
            ([("id", "=", customer)], ["name"], ["__count"]),
            {},
        ),
        "crm.cid.key web_search_read": (
            "crm.cid.key",
            "web_search_read",
            (
                [("id", "in", keys)],
                {
                    "value": {},
                    "display_name": {},
                    "partner_id": {"fields": {"mobile": {}, "email": {}, "display_name": {}}},
                },
            ),
            {"context": SHOW_EMAIL},
        ),
        "crm.interaction web_read with sub-specifications": (
            "crm.interaction",
            "web_read",
            (
                [call_id],
                {
                    "key_summary": {},
                    "partner_id": {
                        "fields": {"phone": {}, "email": {}, "mobile": {}, "display_name": {}},
                        "context": SHOW_EMAIL,
                    },
                    "key_ids": {"fields": {"value": {}, "display_name": {}}},
                },
            ),
            {},
        ),
        "crm.interaction read of the customer label": (
            "crm.interaction",
            "read",
            ([call_id], ["partner_id", "key_summary"]),
            {"context": SHOW_EMAIL},
        ),
    }


def test_reads_outside_read_are_masked_and_logged(south, xmlrpc_models):
    _uid, call = xmlrpc_models
    for label, (model, method, args, kwargs) in _masked_attacks(south).items():
        result = south["as_agent"](model, method, *args, **kwargs)
        assert result, label
        _assert_masked(result, south["secrets"], south["digits"])
    # one customer: opened (names, groups, the contact) and its keys read
    assert _log_kinds(call, south["agent_id"], south["customer"]) >= {"open", "sensitive"}


@pytest.mark.parametrize(
    ("model", "method", "args"),
    [
        ("res.partner", "formatted_read_group", ([], ["email"], ["__count"])),
        ("res.partner", "formatted_read_group", ([], [], ["mobile:array_agg"])),
        ("res.partner", "web_read_group", ([], ["phone"])),
        ("res.partner", "read_group", ([], ["email"], ["email"])),
        ("res.partner", "formatted_read_grouping_sets", ([], [["email"]], ["__count"])),
        ("crm.cid.key", "formatted_read_group", ([], ["value_normalized"], ["__count"])),
        ("crm.interaction", "formatted_read_group", ([], ["partner_id.mobile"], ["__count"])),
        ("crm.interaction.key", "web_read_group", ([], ["value"])),
    ],
)
def test_grouping_by_a_masked_field_is_refused(south, model, method, args):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        south["as_agent"](model, method, *args)
    assert caught.value.faultCode == ACCESS_ERROR
    assert "masked" in caught.value.faultString


def test_searches_are_no_oracle(south):
    as_agent, customer, digits = south["as_agent"], south["customer"], south["digits"]
    email = south["secrets"]["email"]
    oracles = [
        ("res.partner", [("mobile", "=like", f"0917{digits[:3]}%")]),
        ("res.partner", [("email", "ilike", email[:10])]),
        ("res.partner", [("phone_mobile_search", "ilike", digits)]),
        ("res.partner", [("display_name", "ilike", email[:10])]),
        ("res.partner", [("cid_key_ids.value", "ilike", digits)]),
        ("res.partner", [("phone", "not ilike", digits)]),
        ("crm.cid.key", [("value_normalized", "=like", f"+98917{digits[:3]}%")]),
        ("crm.interaction", [("partner_id.mobile", "ilike", digits)]),
        ("crm.interaction", [("key_ids.value", "ilike", digits)]),
        ("crm.interaction.key", [("value", "ilike", digits)]),
    ]
    for model, domain in oracles:
        found = as_agent(model, "search_read", domain, ["display_name"])
        _assert_masked(found, south["secrets"], digits)
        if model == "res.partner":
            assert customer not in [row["id"] for row in found], domain
        else:
            assert not found, (model, domain)
    assert not as_agent("res.partner", "name_search", email[:10])
    assert as_agent("res.partner", "search_count", [("mobile", "=like", f"%{digits}")]) == 0
    # ordering by a masked value tells nothing either
    ordered = as_agent("res.partner", "search", [("id", "=", customer)], order="mobile desc")
    assert ordered == [customer]


def test_a_full_key_still_finds_the_customer(south):
    as_agent, customer = south["as_agent"], south["customer"]
    secrets = south["secrets"]
    for domain in (
        [("mobile", "=", secrets["mobile"])],
        [("email", "ilike", secrets["email"])],
        [("cid_search", "ilike", secrets["mobile"])],
    ):
        assert customer in as_agent("res.partner", "search", domain), domain
    found = dict(as_agent("res.partner", "name_search", secrets["email"]))
    assert customer in found
    _assert_masked(found, secrets, south["digits"])
    resolved = as_agent("res.partner", "cid_resolve", {"mobile": secrets["mobile"]})
    assert resolved["commercial_partner_id"] == customer


def test_a_suspended_agent_gets_nothing(south, xmlrpc_models):
    _uid, call = xmlrpc_models
    params = {"crm_access_policy.threshold": "0", "crm_access_policy.block": "True"}
    saved = {name: call("ir.config_parameter", "get_param", name) for name in params}
    try:
        for name, value in params.items():
            call("ir.config_parameter", "set_param", name, value)
        # the next read of a customer not counted yet today trips a blocking
        # alarm (customers already counted today do not count again)
        fresh = call(
            "res.partner",
            "create",
            {
                "name": f"South fresh {uuid.uuid4().hex[:8]}",
                "portfolio_team_id": south["south_team"],
            },
        )
        south["as_agent"]("res.partner", "read", [fresh], ["name"])
        for label, (model, method, args, kwargs) in _masked_attacks(south).items():
            with pytest.raises(xmlrpc.client.Fault) as caught:
                south["as_agent"](model, method, *args, **kwargs)
            assert caught.value.faultCode == ACCESS_ERROR, label
            assert "suspended" in caught.value.faultString, label
        with pytest.raises(xmlrpc.client.Fault) as caught:
            south["as_agent"]("res.partner", "web_read_group", [], ["country_id"])
        assert caught.value.faultCode == ACCESS_ERROR
    finally:
        for name, value in saved.items():
            call("ir.config_parameter", "set_param", name, value or False)
        alarms = call(
            "crm.access.alarm",
            "search",
            [("user_id", "=", south["agent_id"]), ("state", "=", "open")],
        )
        if alarms:
            call("crm.access.alarm", "action_clear", alarms)
