"""No oracle over XML-RPC: an agent asks about another portfolio's interactions.

An agent of a north team and an interaction of a south team's customer, made
as the administrator. What the agent may not read is answered like what does
not exist; the administrator, who may read it, gets the precise answer.
"""

import uuid
import xmlrpc.client

import pytest

RUN = uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def world(server, xmlrpc_models, ref):
    _uid, call = xmlrpc_models
    login = f"oracle-agent-{RUN}"
    agent = call(
        "res.users",
        "create",
        {
            "name": f"Oracle agent {RUN}",
            "login": login,
            "password": login,
            "group_ids": [(6, 0, [ref("crm_access_policy.group_crm_agent")])],
        },
    )
    north = call("crm.team", "create", {"name": f"North {RUN}"})
    south = call("crm.team", "create", {"name": f"South {RUN}"})
    call("crm.team.member", "create", {"crm_team_id": north, "user_id": agent})
    customer = call(
        "res.partner",
        "create",
        {"name": f"South {RUN}", "is_company": True, "portfolio_team_id": south},
    )
    cid = call("res.partner", "read", [customer], ["cid"])[0]["cid"]
    [stored] = call("crm.interaction", "ingest", [_item(f"south-{RUN}", keys={"cid": cid})])
    assert stored["status"] == "created", stored
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def as_agent(model, method, *args, **kwargs):
        return models.execute_kw(server.db, agent, login, model, method, list(args), kwargs)

    return {"as_agent": as_agent, "admin": call, "ids": {"interaction": stored["id"]}}


def _item(external_id, **values):
    return {
        "channel": "phone",
        "direction": "inbound",
        "external_id": external_id,
        "occurred_at": "2025-03-21T09:30:00",
        **values,
    }


def test_reconcile_counts_only_what_the_agent_may_read(world):
    south_id = f"south-{RUN}"
    missing_id = f"never-sent-{RUN}"
    agent = world["as_agent"]("crm.interaction", "reconcile", "phone", [south_id, missing_id])
    assert agent == {"missing": [south_id, missing_id], "present": 0, "quarantined": []}, agent
    admin = world["admin"]("crm.interaction", "reconcile", "phone", [south_id, missing_id])
    assert admin == {"missing": [missing_id], "present": 1, "quarantined": []}, admin


def test_a_duplicate_of_another_portfolio_names_nothing(world):
    [result] = world["as_agent"]("crm.interaction", "ingest", [_item(f"south-{RUN}")])
    assert result["status"] == "duplicate", result
    assert not (result["id"] or result["partner_id"] or result["cid"]), result
    [precise] = world["admin"]("crm.interaction", "ingest", [_item(f"south-{RUN}")])
    assert precise["id"] == world["ids"]["interaction"], precise


def test_a_link_to_an_unreadable_interaction_is_refused_like_a_missing_one(world):
    interaction = world["ids"]["interaction"]
    errors = {}
    for label, res_id in (("unreadable", interaction), ("missing", 999_999_999)):
        link = [{"model": "crm.interaction", "id": res_id}]
        [result] = world["as_agent"](
            "crm.interaction", "ingest", [_item(f"link-{label}-{RUN}", links=link)]
        )
        assert result["status"] == "rejected", result
        errors[label] = result["error"].replace(str(res_id), "ID")
    assert errors["unreadable"] == errors["missing"], errors
    [allowed] = world["admin"](
        "crm.interaction",
        "ingest",
        [_item(f"link-admin-{RUN}", links=[{"model": "crm.interaction", "id": interaction}])],
    )
    assert allowed["status"] in ("created", "unmatched"), allowed
