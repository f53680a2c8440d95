"""Customer data out through other models and mail, as an insider would try over XML-RPC.

An agent of team North, who may export other things, tries to take team
South's customers' mobiles and e-mails out through the exports of sale
orders, invoices, opportunities, tickets, price quotes, interactions and
letters, and through mail's mention suggestions.
"""

import random
import uuid
import xmlrpc.client

import pytest

SOUTH_EMAIL_LOCAL = "south.rpc"

# (model, column): each export takes a South customer's identity data out.
REFUSED = [
    ("sale.order", "partner_id/phone"),
    ("sale.order", "partner_id/mobile"),
    ("sale.order", "partner_id/email"),
    ("sale.order", "partner_id/cid_key_ids/value"),
    ("sale.order.line", "order_partner_id/email"),
    ("account.move", "partner_id/email"),
    ("account.move", "commercial_partner_id/mobile"),
    ("crm.lead", "partner_id/mobile"),
    ("crm.lead", "email_from"),
    ("helpdesk.ticket", "partner_email"),
    ("helpdesk.ticket", "partner_id/email"),
    ("crm.price.quote", "partner_id/phone"),
    ("crm.price.log", "commercial_partner_id/email"),
    ("crm.interaction", "partner_id/mobile"),
    ("secretariat.letter", "partner_id/phone"),
]


def _ref(call, xmlid):
    module, name = xmlid.split(".")
    [row] = call(
        "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )
    return row["res_id"]


@pytest.fixture(scope="module")
def attack(server, xmlrpc_models):
    """A North agent (may export other things), a South customer with a sale order."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    agent_group = _ref(call, "crm_access_policy.group_crm_agent")
    allow_export = _ref(call, "base.group_allow_export")
    export_group = _ref(call, "crm_access_policy.group_crm_export")
    salesman_all = _ref(call, "sales_team.group_sale_salesman_all_leads")

    def make_user(login, groups):
        return call(
            "res.users",
            "create",
            {"name": login, "login": login, "password": login, "group_ids": [(6, 0, groups)]},
        )

    agent_login, exporter_login = f"attacker-{run}", f"exporter-{run}"
    agent_id = make_user(agent_login, [agent_group, allow_export])
    exporter_id = make_user(exporter_login, [agent_group, allow_export, export_group, salesman_all])
    north = call("crm.team", "create", {"name": f"North {run}"})
    south = call("crm.team", "create", {"name": f"South {run}"})
    call("crm.team.member", "create", {"crm_team_id": north, "user_id": agent_id})
    email = f"{SOUTH_EMAIL_LOCAL}.{run}@example.com"
    # a number of this run's own: a mobile identifies one customer
    mobile = f"0917{random.randrange(10**7):07d}"
    customer = call(
        "res.partner",
        "create",
        {
            "name": f"South customer {run}",
            "is_company": True,
            "portfolio_team_id": south,
            "mobile": mobile,
            "email": email,
        },
    )
    order = call("sale.order", "create", {"partner_id": customer, "user_id": exporter_id})
    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def as_user(login):
        uid = common.authenticate(server.db, login, login, {})
        assert uid, f"login refused for {login}"

        def call_as(model, method, *args, **kwargs):
            return models.execute_kw(server.db, uid, login, model, method, list(args), kwargs)

        return call_as

    return {
        "admin": call,
        "agent": as_user(agent_login),
        "agent_id": agent_id,
        "exporter": as_user(exporter_login),
        "exporter_id": exporter_id,
        "customer": customer,
        "email": email,
        "mobile": mobile,
        "order": order,
    }


@pytest.mark.parametrize(("model", "column"), REFUSED)
def test_export_through_another_model_is_refused(attack, model, column):
    admin, agent = attack["admin"], attack["agent"]
    if not admin("ir.model", "search_count", [("model", "=", model)]):
        pytest.skip(f"{model} is not installed")
    ids = admin(model, "search", [], limit=5)
    with pytest.raises(xmlrpc.client.Fault) as caught:
        agent(model, "export_data", ids, [column])
    assert "export customer data" in caught.value.faultString


def test_the_order_of_the_other_team_is_not_exported_either(attack):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        attack["agent"](
            "sale.order", "export_data", [attack["order"]], ["name", "partner_id/phone"]
        )
    assert attack["mobile"] not in caught.value.faultString
    logged = attack["admin"](
        "crm.access.log",
        "search_count",
        [("user_id", "=", attack["agent_id"]), ("kind", "=", "export")],
    )
    assert logged == 0


def test_names_stay_exportable(attack):
    rows = attack["agent"]("res.country", "export_data", [], ["name"])
    assert rows == {"datas": []}
    rows = attack["agent"]("sale.order", "export_data", [], ["name", "partner_id/name"])
    assert rows == {"datas": []}


def test_exporter_gets_full_values_and_is_logged(attack):
    rows = attack["exporter"](
        "sale.order", "export_data", [attack["order"]], ["partner_id/mobile", "partner_id/email"]
    )["datas"]
    assert rows == [[attack["mobile"], attack["email"]]]
    logged = attack["admin"](
        "crm.access.log",
        "search_read",
        [("user_id", "=", attack["exporter_id"]), ("kind", "=", "export")],
        ["partner_id"],
    )
    assert [row["partner_id"][0] for row in logged] == [attack["customer"]]


def test_mention_suggestions_are_masked_and_no_oracle(attack):
    agent = attack["agent"]
    found = agent("res.partner", "get_mention_suggestions", "South customer", limit=50)
    [south] = [row for row in found.get("res.partner", []) if row["id"] == attack["customer"]]
    assert south["email"].startswith("s***@")
    assert attack["email"] not in str(found)
    found = agent("res.partner", "get_mention_suggestions", attack["email"])
    assert attack["customer"] not in [row["id"] for row in found.get("res.partner", [])]
