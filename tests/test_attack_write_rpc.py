"""Writes that would give access, tried over XML-RPC by an agent of another team.

An agent of team North (with the right to create and edit contacts, as most
agents have) tries to take team South's customer, its identity key, the
text of its interactions' notes and its text messages. Each attempt is
refused with an AccessError and leaves the records as they were; the Team
Lead of North still moves customers within North.
"""

import uuid
import xmlrpc.client

import pytest

ACCESS_ERROR = 4


@pytest.fixture(scope="module")
def field(server, xmlrpc_models, ref, callers_by_role):
    """Teams North (lead, agent) and South, their customers, keys, notes and a text message."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    partner_manager = ref("base.group_partner_manager")
    groups = {
        "agent": [ref("crm_access_policy.group_crm_agent"), partner_manager],
        "lead": [ref("crm_access_policy.group_crm_team_lead"), partner_manager],
        "south_agent": [ref("crm_access_policy.group_crm_agent"), partner_manager],
    }
    logins = {}
    for role, group_ids in groups.items():
        login = f"attack-{role}-{run}"
        user_id = call(
            "res.users",
            "create",
            {
                "name": f"Attack {role} {run}",
                "login": login,
                "password": login,
                "group_ids": [(6, 0, group_ids)],
            },
        )
        logins[role] = (user_id, login)
    north = call("crm.team", "create", {"name": f"North {run}", "user_id": logins["lead"][0]})
    south = call("crm.team", "create", {"name": f"South {run}"})
    call("crm.team.member", "create", {"crm_team_id": north, "user_id": logins["agent"][0]})
    call("crm.team.member", "create", {"crm_team_id": south, "user_id": logins["south_agent"][0]})
    mobile = "0936" + str(uuid.uuid4().int)[:7]
    customers = {
        "south": call(
            "res.partner",
            "create",
            {
                "name": f"South shop {run}",
                "is_company": True,
                "portfolio_team_id": south,
                "mobile": mobile,
            },
        ),
        "own": call(
            "res.partner", "create", {"name": f"Own shop {run}", "user_id": logins["agent"][0]}
        ),
        "free": call("res.partner", "create", {"name": f"Nobody's shop {run}"}),
    }
    key = call("res.partner", "cid_add_key", [customers["south"]], "telegram", f"@south_{run}")
    phone = ref("crm_interaction.crm_interaction_channel_phone")
    calls = {
        name: call(
            "crm.interaction",
            "create",
            {"channel_id": phone, "partner_id": customers[name], "subject": f"{name} {run}"},
        )
        for name in ("south", "own")
    }
    note = call(
        "crm.interaction",
        "message_post",
        [calls["south"]],
        body=f"south secret {run}",
        subtype_xmlid="mail.mt_note",
    )
    sms = call(
        "sms.sms",
        "create",
        {"number": mobile, "body": f"one-time code of the south customer {run}"},
        context={"crm_interaction_skip_capture": True},
    )

    return {
        "run": run,
        "admin": call,
        "as": callers_by_role(logins),
        "users": {role: uid for role, (uid, _login) in logins.items()},
        "teams": {"north": north, "south": south},
        "customers": customers,
        "key": key,
        "calls": calls,
        "note": note,
        "sms": sms,
    }


PARTNER_FIELDS = ["user_id", "portfolio_team_id", "crm_access_grantee_ids", "parent_id"]
PARTNER_FIELDS += ["is_company", "mobile", "active"]


def _partner_attacks(f):
    south, own = f["customers"]["south"], f["customers"]["own"]
    agent = f["users"]["agent"]
    return [
        ("salesperson", south, {"user_id": agent}),
        ("portfolio team", south, {"portfolio_team_id": f["teams"]["north"]}),
        ("grantee list", south, {"crm_access_grantee_ids": [(4, agent)]}),
        ("contact of own customer", south, {"is_company": False, "parent_id": own}),
        ("mobile (its key)", south, {"mobile": "09121110000"}),
        ("archive", south, {"active": False}),
        ("e-mail (its key)", south, {"email": "taken@example.com"}),
        ("company type", south, {"company_type": "person", "parent_id": own}),
        ("own customer to another team", own, {"portfolio_team_id": f["teams"]["south"]}),
    ]


def _refused(call, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call(*args, **kwargs)
    assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-800:]


def _read(f, model, record_id, fnames):
    context = {"active_test": False}
    return f["admin"](model, "read", [record_id], fnames, context=context)


def test_agent_cannot_take_a_customer_of_another_team(field):
    as_agent = field["as"]["agent"]
    for _name, partner_id, vals in _partner_attacks(field):
        before = _read(field, "res.partner", partner_id, PARTNER_FIELDS)
        _refused(as_agent, "res.partner", "write", [partner_id], vals)
        assert _read(field, "res.partner", partner_id, PARTNER_FIELDS) == before


def test_agent_cannot_create_a_customer_in_another_portfolio(field):
    as_agent, run = field["as"]["agent"], field["run"]
    attempts = [
        {"portfolio_team_id": field["teams"]["south"]},
        {"user_id": field["users"]["south_agent"]},
        {"crm_access_grantee_ids": [(6, 0, [field["users"]["agent"]])]},
    ]
    for vals in attempts:
        _refused(as_agent, "res.partner", "create", dict(vals, name=f"Planted {run}"))
    # nor by copying one of another team's, with its identity values
    copied = {"portfolio_team_id": field["teams"]["north"], "name": f"Planted {run}"}
    _refused(as_agent, "res.partner", "copy", [field["customers"]["south"]], copied)
    assert not field["admin"]("res.partner", "search", [("name", "=", f"Planted {run}")])


def test_team_lead_cannot_take_a_customer_of_another_team(field):
    as_lead = field["as"]["lead"]
    south = field["customers"]["south"]
    before = _read(field, "res.partner", south, PARTNER_FIELDS)
    _refused(
        as_lead, "res.partner", "write", [south], {"portfolio_team_id": field["teams"]["north"]}
    )
    assert _read(field, "res.partner", south, PARTNER_FIELDS) == before


def test_agent_cannot_move_or_archive_another_customers_key(field):
    as_agent = field["as"]["agent"]
    key, own = field["key"], field["customers"]["own"]
    fnames = ["partner_id", "active", "value"]
    before = _read(field, "crm.cid.key", key, fnames)
    for vals in ({"partner_id": own}, {"active": False}, {"value": "@hijacked"}):
        _refused(as_agent, "crm.cid.key", "write", [key], vals)
    _refused(as_agent, "crm.cid.key", "copy", [key], {"partner_id": own})
    _refused(
        as_agent, "res.partner", "cid_add_key", [field["customers"]["south"]], "telegram", "@x"
    )
    assert _read(field, "crm.cid.key", key, fnames) == before


def test_agent_cannot_read_a_note_or_sms_through_an_interaction(field):
    as_agent, run = field["as"]["agent"], field["run"]
    phone = field["admin"]("crm.interaction", "read", [field["calls"]["own"]], ["channel_id"])[0]
    channel_id = phone["channel_id"][0]
    own = field["customers"]["own"]
    for target in ({"message_id": field["note"]}, {"sms_id": field["sms"]}):
        vals = dict(target, channel_id=channel_id, partner_id=own, subject=f"Planted {run}")
        _refused(as_agent, "crm.interaction", "create", vals)
        _refused(as_agent, "crm.interaction", "write", [field["calls"]["own"]], target)
    assert not field["admin"]("crm.interaction", "search", [("subject", "=", f"Planted {run}")])
    own_call = _read(field, "crm.interaction", field["calls"]["own"], ["message_id", "sms_id"])
    assert not own_call[0]["message_id"] and not own_call[0]["sms_id"]


def test_agent_cannot_add_links_or_keys_to_another_teams_interaction(field):
    as_agent = field["as"]["agent"]
    south_call = field["calls"]["south"]
    link = {"interaction_id": south_call, "res_model": "res.partner", "res_id": south_call}
    _refused(as_agent, "crm.interaction.link", "create", link)
    received = {"interaction_id": south_call, "type_code": "mobile", "value": "09121110000"}
    _refused(as_agent, "crm.interaction.key", "create", received)
    domain = [("interaction_id", "=", south_call)]
    assert not field["admin"]("crm.interaction.link", "search", domain)
    assert not field["admin"]("crm.interaction.key", "search", domain)


def test_grant_decisions_are_only_the_buttons(field):
    as_agent, admin = field["as"]["agent"], field["admin"]
    grant = as_agent(
        "crm.access.grant", "request_access", field["customers"]["south"], "covering South"
    )
    fnames = ["state", "expires_at", "user_id", "partner_id"]
    before = _read(field, "crm.access.grant", grant, fnames)
    # neither the requester nor a Manager decides by writing the fields
    for call in (as_agent, admin):
        _refused(call, "crm.access.grant", "write", [grant], {"state": "granted"})
        _refused(call, "crm.access.grant", "write", [grant], {"expires_at": "2030-01-01 00:00:00"})
    assert _read(field, "crm.access.grant", grant, fnames) == before
    [south] = _read(field, "res.partner", field["customers"]["south"], ["crm_access_grantee_ids"])
    assert field["users"]["agent"] not in south["crm_access_grantee_ids"]
    as_agent("crm.access.grant", "action_revoke", [grant])


def test_a_granted_agent_keeps_nothing_after_the_grant(field):
    as_agent, as_lead = field["as"]["agent"], field["as"]["lead"]
    south, south_call = field["customers"]["south"], field["calls"]["south"]
    grant = as_agent("crm.access.grant", "request_access", south, "covering South for a day")
    as_lead("crm.access.grant", "action_grant", [grant])
    try:
        # the agent works the customer's interaction, and reads it
        as_agent("crm.interaction", "read", [south_call], ["subject"])
        fnames = ["user_id", "partner_id"]
        before = _read(field, "crm.interaction", south_call, fnames)
        for vals in (
            {"user_id": field["users"]["agent"]},
            {"partner_id": field["customers"]["own"]},
        ):
            _refused(as_agent, "crm.interaction", "write", [south_call], vals)
        assert _read(field, "crm.interaction", south_call, fnames) == before
        contact = field["admin"](
            "res.partner", "create", {"name": "South buyer", "parent_id": south}
        )
        _refused(
            as_agent, "res.partner", "write", [contact], {"parent_id": field["customers"]["own"]}
        )
    finally:
        as_agent("crm.access.grant", "action_revoke", [grant])


def test_team_lead_moves_customers_within_their_team(field):
    as_lead = field["as"]["lead"]
    free, agent = field["customers"]["free"], field["users"]["agent"]
    as_lead(
        "res.partner",
        "write",
        [free],
        {"portfolio_team_id": field["teams"]["north"], "user_id": agent},
    )
    [row] = _read(field, "res.partner", free, ["portfolio_team_id", "user_id"])
    assert (row["portfolio_team_id"][0], row["user_id"][0]) == (field["teams"]["north"], agent)
    # the change is in the customer's chatter
    tracked = field["admin"](
        "mail.tracking.value",
        "search_read",
        [("mail_message_id.model", "=", "res.partner"), ("mail_message_id.res_id", "=", free)],
        ["field_id"],
    )
    names = field["admin"]("ir.model.fields", "read", [r["field_id"][0] for r in tracked], ["name"])
    assert {"user_id", "portfolio_team_id"} <= {row["name"] for row in names}


def test_agent_creates_a_customer_in_their_own_portfolio(field):
    as_agent, run = field["as"]["agent"], field["run"]
    partner_id = as_agent(
        "res.partner",
        "create",
        {
            "name": f"Mine {run}",
            "user_id": field["users"]["agent"],
            "mobile": "0935" + str(uuid.uuid4().int)[:7],
        },
    )
    [row] = _read(field, "res.partner", partner_id, ["user_id"])
    assert row["user_id"][0] == field["users"]["agent"]
