"""Serving a customer of another team over RPC: limited card, masking, temporary access."""

import uuid
import xmlrpc.client

import pytest

ACCESS_ERROR = 4


@pytest.fixture(scope="module")
def desk(server, xmlrpc_models, ref, callers_by_role):
    """A north agent and lead, another agent, and a south customer with one call."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    agent_group = ref("crm_access_policy.group_crm_agent")
    lead_group = ref("crm_access_policy.group_crm_team_lead")
    logins = {}
    for role, group in (("agent", agent_group), ("lead", lead_group), ("other", agent_group)):
        login = f"card-{role}-{run}"
        logins[role] = (
            call(
                "res.users",
                "create",
                {
                    "name": f"Card {role} {run}",
                    "login": login,
                    "password": login,
                    "group_ids": [(6, 0, [group])],
                },
            ),
            login,
        )
    north = call("crm.team", "create", {"name": f"North {run}", "user_id": logins["lead"][0]})
    south = call("crm.team", "create", {"name": f"South {run}"})
    call("crm.team.member", "create", {"crm_team_id": north, "user_id": logins["agent"][0]})
    mobile = "0936" + str(uuid.uuid4().int)[:7]
    customer = call(
        "res.partner",
        "create",
        {
            "name": f"South shop {run}",
            "is_company": True,
            "portfolio_team_id": south,
            "mobile": mobile,
        },
    )
    cid = call("res.partner", "read", [customer], ["cid"])[0]["cid"]
    [result] = call(
        "crm.interaction",
        "ingest",
        [
            {
                "channel": "phone",
                "direction": "inbound",
                "external_id": f"card-{run}",
                "occurred_at": "2025-03-21T09:30:00",
                "keys": {"cid": cid},
                "subject": f"south secret {run}",
            }
        ],
    )

    return {
        "admin": call,
        "as": callers_by_role(logins),
        "logins": logins,
        "customer": customer,
        "cid": cid,
        "mobile": mobile,
        "interaction": result["id"],
        "run": run,
    }


def test_card_and_masking_over_xmlrpc(desk):
    as_agent = desk["as"]["agent"]
    card = as_agent("res.partner", "crm_access_limited_card", desk["customer"])
    assert (card["partner_id"], card["cid"], card["in_portfolio"]) == (
        desk["customer"],
        desk["cid"],
        False,
    )
    [mobile_key] = [key for key in card["keys"] if key["type"] == "mobile"]
    assert "***" in mobile_key["value"] and mobile_key["value"].endswith(desk["mobile"][-4:])
    assert f"south secret {desk['run']}" not in repr(card)
    # reads of the customer are masked, searching by the full number still finds it
    [row] = as_agent("res.partner", "read", [desk["customer"]], ["mobile"])
    assert row["mobile"] == desk["mobile"][:4] + "***" + desk["mobile"][-4:]
    found = as_agent("res.partner", "search", [("mobile", "=", desk["mobile"])])
    assert found == [desk["customer"]]
    # a masked value is refused on write
    with pytest.raises(xmlrpc.client.Fault):
        desk["admin"]("res.partner", "write", [desk["customer"]], {"mobile": row["mobile"]})
    logged = desk["admin"](
        "crm.access.log",
        "search_read",
        [("partner_id", "=", desk["customer"]), ("kind", "=", "card")],
        ["user_id", "count"],
    )
    assert [(r["user_id"][0], r["count"]) for r in logged] == [(desk["logins"]["agent"][0], 1)]


def test_request_grant_and_read_over_xmlrpc(desk):
    as_agent, as_lead, as_other = desk["as"]["agent"], desk["as"]["lead"], desk["as"]["other"]
    grant_id = as_agent(
        "crm.access.grant", "request_access", desk["customer"], "walk-in customer", 2
    )
    with pytest.raises(xmlrpc.client.Fault) as caught:
        as_agent("crm.interaction", "read", [desk["interaction"]], ["subject"])
    assert caught.value.faultCode == ACCESS_ERROR
    # neither the requester nor an agent of another team decides
    for wrong in (as_agent, as_other):
        with pytest.raises(xmlrpc.client.Fault) as caught:
            wrong("crm.access.grant", "action_grant", [grant_id])
        assert caught.value.faultCode == ACCESS_ERROR
    assert as_lead("crm.access.grant", "action_grant", [grant_id]) is True
    [row] = as_agent("crm.interaction", "read", [desk["interaction"]], ["subject"])
    assert row["subject"] == f"south secret {desk['run']}"
    [partner] = as_agent("res.partner", "read", [desk["customer"]], ["mobile"])
    assert partner["mobile"] == desk["mobile"]
    # given back: access ends at once
    as_agent("crm.access.grant", "action_revoke", [grant_id])
    with pytest.raises(xmlrpc.client.Fault) as caught:
        as_agent("crm.interaction", "read", [desk["interaction"]], ["subject"])
    assert caught.value.faultCode == ACCESS_ERROR


def test_request_and_card_with_odoorpc(desk, server):
    import odoorpc

    _uid, login = desk["logins"]["other"]
    odoo = odoorpc.ODOO(server.host, port=server.port, timeout=60)
    odoo.login(server.db, login, login)
    card = odoo.env["res.partner"].crm_access_limited_card(desk["customer"])
    assert card["name"].startswith("South shop") and card["grant"] is False
    grant_id = odoo.env["crm.access.grant"].request_access(desk["customer"], "covering a colleague")
    [row] = odoo.env["crm.access.grant"].read([grant_id], ["state", "user_id"])
    assert row["state"] == "requested" and row["user_id"][0] == desk["logins"]["other"][0]
    card = odoo.env["res.partner"].crm_access_limited_card(desk["customer"])
    assert card["grant"]["id"] == grant_id and card["grant"]["state"] == "requested"
