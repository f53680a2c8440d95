"""Odoo's portal wizard, as an insider would try it over XML-RPC.

An agent of team North who may manage contacts opens the portal wizard on
team South's customer, as the "Grant portal access" action does (``create``
with the customers as ``active_ids``): refused, naming the customer, and
nothing of the customer's e-mail handed out. A line of the agent's own
wizard is then pointed at the South customer, created or rewritten, to give
that customer a portal login under an e-mail of the agent's choosing:
refused, nothing written. The wizard opens on the agent's own customer, and
the South agent opens it on theirs.
"""

import uuid
import xmlrpc.client

import pytest

# the fault code of Odoo's AccessError over XML-RPC
ACCESS_ERROR = 4


@pytest.fixture(scope="module")
def world(xmlrpc_models, ref, callers_by_role):
    """A customer of each team, an agent of each team who may manage contacts."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    groups = [
        ref("crm_access_policy.group_crm_agent"),
        ref("sales_team.group_sale_salesman"),
        ref("base.group_partner_manager"),
    ]
    logins, customers = {}, {}
    for name in ("north", "south"):
        team = call("crm.team", "create", {"name": f"{name.title()} portal {run}"})
        login = f"portal-{name}-{run}"
        user_id = call(
            "res.users",
            "create",
            {"name": login, "login": login, "password": login, "group_ids": [(6, 0, groups)]},
        )
        call("crm.team.member", "create", {"crm_team_id": team, "user_id": user_id})
        logins[name] = (user_id, login)
        customers[name] = call(
            "res.partner",
            "create",
            {
                "name": f"{name.title()} portal customer {run}",
                "is_company": True,
                "portfolio_team_id": team,
                "email": f"{name}.portal.{run}@example.com",
            },
        )
    callers = callers_by_role(logins)
    return {"admin": call, "customers": customers, "run": run, **callers}


def open_wizard(world, role, customer):
    return world[role]("portal.wizard", "create", {}, context={"active_ids": [customer]})


def refused(attack):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        attack()
    assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-800:]
    return caught.value.faultString


def test_the_wizard_on_another_portfolio_is_refused_by_name(world):
    south = world["customers"]["south"]
    message = refused(lambda: open_wizard(world, "north", south))
    assert f"South portal customer {world['run']}" in message
    assert f"south.portal.{world['run']}@example.com" not in message


def test_a_line_pointed_at_another_portfolio_is_refused(world):
    north, south = world["customers"]["north"], world["customers"]["south"]
    wizard = open_wizard(world, "north", north)
    [line] = world["north"]("portal.wizard", "read", [wizard], ["user_ids"])[0]["user_ids"]
    insider = f"insider.{world['run']}@example.com"
    refused(
        lambda: world["north"](
            "portal.wizard.user",
            "create",
            {"wizard_id": wizard, "partner_id": south, "email": insider},
        )
    )
    refused(lambda: world["north"]("portal.wizard.user", "write", [line], {"partner_id": south}))
    [row] = world["admin"]("portal.wizard.user", "read", [line], ["partner_id"])
    assert row["partner_id"][0] == north
    [customer] = world["admin"]("res.partner", "read", [south], ["user_ids", "email"])
    assert customer["user_ids"] == []
    assert customer["email"] == f"south.portal.{world['run']}@example.com"


@pytest.mark.parametrize("role", ["north", "south"])
def test_the_wizard_opens_on_the_agents_own_customer(world, role):
    customer = world["customers"][role]
    wizard = open_wizard(world, role, customer)
    [values] = world[role]("portal.wizard", "read", [wizard], ["user_ids"])
    [line] = world[role]("portal.wizard.user", "read", values["user_ids"], ["partner_id", "email"])
    assert line["partner_id"][0] == customer
    assert line["email"] == f"{role}.portal.{world['run']}@example.com"
