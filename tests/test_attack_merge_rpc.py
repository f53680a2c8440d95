"""Merging customers over XML-RPC, as an integrator or a Team Lead would.

The merge (Odoo's ``base.partner.merge.automatic.wizard``) folds the access
log rows of the merged customers into the survivor's instead of failing on
the log's unique index, and moves customers only between portfolios the user
manages.
"""

import uuid
import xmlrpc.client

import pytest

WIZARD = "base.partner.merge.automatic.wizard"


@pytest.fixture(scope="module")
def lead_and_customers(server, xmlrpc_models, ref):
    """A Team Lead of two teams, a customer in each, and one of a third team."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    login = f"merge-lead-{run}"
    lead_id = call(
        "res.users",
        "create",
        {
            "name": f"Merge lead {run}",
            "login": login,
            "password": login,
            "group_ids": [(6, 0, [ref("crm_access_policy.group_crm_team_lead")])],
        },
    )
    teams = {
        name: call(
            "crm.team",
            "create",
            {"name": f"{name} {run}", "user_id": lead_id if name != "south" else False},
        )
        for name in ("north", "west", "south")
    }
    customers = {
        name: call(
            "res.partner",
            "create",
            {"name": f"Merge {name} {run}", "is_company": True, "portfolio_team_id": team},
        )
        for name, team in teams.items()
    }
    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    lead_uid = common.authenticate(server.db, login, login, {})
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def as_lead(model, method, *args, **kwargs):
        return models.execute_kw(server.db, lead_uid, login, model, method, list(args), kwargs)

    return {"as_lead": as_lead, "lead_id": lead_id, "customers": customers}


def merge(as_lead, partner_ids, dst_id):
    wizard = as_lead(
        WIZARD,
        "create",
        {"state": "selection", "partner_ids": [(6, 0, partner_ids)], "dst_partner_id": dst_id},
    )
    return as_lead(WIZARD, "action_merge", [wizard])


def test_a_team_lead_merges_two_customers_they_read(lead_and_customers, xmlrpc_models):
    _uid, call = xmlrpc_models
    as_lead, customers = lead_and_customers["as_lead"], lead_and_customers["customers"]
    north, west = customers["north"], customers["west"]
    for partner in (north, west):
        as_lead("res.partner", "read", [partner], ["name"])
    as_lead("res.partner", "search_read", [("id", "in", [north, west])], ["name"])
    merge(as_lead, [north, west], north)
    assert not call("res.partner", "search", [("id", "=", west)], context={"active_test": False})
    rows = call(
        "crm.access.log",
        "search_read",
        [("user_id", "=", lead_and_customers["lead_id"])],
        ["partner_id", "kind", "count"],
    )
    assert {row["partner_id"][0] for row in rows} == {north}, rows
    counts = {row["kind"]: row["count"] for row in rows}
    # one row per kind: the reads of both customers added together
    assert len(rows) == len(counts)
    assert counts["open"] == 2
    assert counts["list"] >= 2


def test_a_merge_across_portfolios_is_refused(lead_and_customers, xmlrpc_models):
    _uid, call = xmlrpc_models
    as_lead, customers = lead_and_customers["as_lead"], lead_and_customers["customers"]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        merge(as_lead, [customers["north"], customers["south"]], customers["north"])
    assert caught.value.faultCode == 4  # AccessError
    found = call("res.partner", "search", [("id", "in", [customers["north"], customers["south"]])])
    assert sorted(found) == sorted([customers["north"], customers["south"]])
