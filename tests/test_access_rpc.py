"""Need-to-know access over XML-RPC: an agent of one team and another team's data."""

import uuid
import xmlrpc.client

import pytest


@pytest.fixture(scope="module")
def two_teams(server, xmlrpc_models, ref):
    """An agent of the north team, a customer of the south team with one call."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    agent_group = ref("crm_access_policy.group_crm_agent")
    login = f"agent-{run}"
    agent_id = call(
        "res.users",
        "create",
        {
            "name": f"Agent {run}",
            "login": login,
            "password": login,
            "group_ids": [(6, 0, [agent_group])],
        },
    )
    north = call("crm.team", "create", {"name": f"North {run}"})
    south = call("crm.team", "create", {"name": f"South {run}"})
    call("crm.team.member", "create", {"crm_team_id": north, "user_id": agent_id})
    customers = {
        team: call(
            "res.partner",
            "create",
            {"name": f"{team} customer {run}", "is_company": True, "portfolio_team_id": team_id},
        )
        for team, team_id in (("north", north), ("south", south))
    }
    results = call(
        "crm.interaction",
        "ingest",
        [
            {
                "channel": "phone",
                "direction": "inbound",
                "external_id": f"acl-{run}-{team}",
                "occurred_at": "2025-03-21T09:30:00",
                "keys": {"cid": call("res.partner", "read", [pid], ["cid"])[0]["cid"]},
                "subject": f"call of the {team} customer",
            }
            for team, pid in customers.items()
        ],
    )
    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    agent_uid = common.authenticate(server.db, login, login, {})
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def as_agent(model, method, *args, **kwargs):
        return models.execute_kw(server.db, agent_uid, login, model, method, list(args), kwargs)

    return {
        "as_agent": as_agent,
        "interactions": {team: r["id"] for team, r in zip(customers, results, strict=True)},
        "customers": customers,
    }


def test_agent_reads_own_team_not_the_other(two_teams):
    as_agent, ids = two_teams["as_agent"], two_teams["interactions"]
    found = as_agent(
        "crm.interaction", "search_read", [("id", "in", list(ids.values()))], ["subject"]
    )
    assert [row["id"] for row in found] == [ids["north"]]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        as_agent("crm.interaction", "read", [ids["south"]], ["subject", "body"])
    assert caught.value.faultCode == 4  # AccessError
    with pytest.raises(xmlrpc.client.Fault) as caught:
        as_agent("crm.interaction", "write", [ids["south"]], {"state": "handled"})
    assert caught.value.faultCode == 4


def test_agent_cannot_export_customers(two_teams):
    as_agent = two_teams["as_agent"]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        as_agent("res.partner", "export_data", [two_teams["customers"]["north"]], ["name", "cid"])
    assert caught.value.faultCode == 4
    assert "export" in caught.value.faultString


def test_reads_over_rpc_land_in_the_access_log(two_teams, xmlrpc_models):
    _uid, call = xmlrpc_models
    as_agent = two_teams["as_agent"]
    north = two_teams["customers"]["north"]
    as_agent("res.partner", "read", [north], ["name"])
    rows = call(
        "crm.access.log", "search_read", [("partner_id", "=", north)], ["user_id", "kind", "count"]
    )
    assert any(row["kind"] == "open" and row["count"] >= 1 for row in rows), rows


def test_agent_batch_with_another_portfolio_keeps_its_own_items(two_teams, xmlrpc_models):
    _uid, call = xmlrpc_models
    as_agent, customers = two_teams["as_agent"], two_teams["customers"]
    run = uuid.uuid4().hex[:8]
    cids = {
        team: call("res.partner", "read", [pid], ["cid"])[0]["cid"]
        for team, pid in customers.items()
    }
    items = [
        {
            "channel": "sms",
            "direction": "inbound",
            "external_id": f"mixed-{run}-{team}",
            "occurred_at": "2025-03-21T10:00:00",
            "keys": {"cid": cids[team]},
            "body": f"from the {team} customer",
        }
        for team in ("north", "south")
    ]
    results = as_agent("crm.interaction", "ingest", items)
    assert results[0]["status"] == "created", results
    stored = call("crm.interaction", "search", [("external_id", "=", f"mixed-{run}-north")])
    assert stored == [results[0]["id"]]
    # whatever became of the other portfolio's item, the agent cannot read it back
    if results[1]["id"]:
        with pytest.raises(xmlrpc.client.Fault) as caught:
            as_agent("crm.interaction", "read", [results[1]["id"]], ["body"])
        assert caught.value.faultCode == 4
