"""Copies of a customer's values on other models, over XML-RPC, as an insider would try.

``agent1`` (team North) and ``agent2`` (team South) are agents; the customer
is in team South's portfolio. agent1 is the salesperson of an opportunity of
that customer, handles one of its tickets, may read analytic accounts and
export other things. Everything agent1 gets of the customer's e-mail and
phone through the lead, the ticket, the customer's messages and its analytic
account is masked (and counted), no pattern or long list of candidate values
tells them, and agent2 still works with the full values.
"""

import random
import uuid
import xmlrpc.client

import pytest

SHOW_EMAIL = {"show_email": True}


def _ref(call, xmlid):
    module, name = xmlid.split(".")
    [row] = call(
        "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )
    return row["res_id"]


@pytest.fixture(scope="module")
def world(xmlrpc_models, callers_by_role):
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    groups = {
        name: _ref(call, xmlid)
        for name, xmlid in {
            "agent": "crm_access_policy.group_crm_agent",
            "salesman": "sales_team.group_sale_salesman",
            "helpdesk": "helpdesk_mgmt.group_helpdesk_user_own",
            "analytic": "analytic.group_analytic_accounting",
            "export": "base.group_allow_export",
        }.items()
    }
    logins = {}
    for role in ("agent1", "agent2"):
        login = f"{role}-copies-{run}"
        uid = call(
            "res.users",
            "create",
            {
                "name": login,
                "login": login,
                "password": login,
                "group_ids": [(6, 0, list(groups.values()))],
            },
        )
        logins[role] = (uid, login)
    # agent2 reads every lead: the South customer's lead included
    all_leads = _ref(call, "sales_team.group_sale_salesman_all_leads")
    call("res.users", "write", [logins["agent2"][0]], {"group_ids": [(4, all_leads)]})
    north = call("crm.team", "create", {"name": f"North {run}"})
    south = call("crm.team", "create", {"name": f"South {run}"})
    call(
        "crm.team.member",
        "create",
        [
            {"crm_team_id": north, "user_id": logins["agent1"][0]},
            {"crm_team_id": south, "user_id": logins["agent2"][0]},
        ],
    )
    email = f"south.copies.{run}@example.com"
    mobile = f"0917{random.randrange(10**7):07d}"
    phone = f"021{random.randrange(10**8):08d}"
    customer = call(
        "res.partner",
        "create",
        {
            "name": f"South copies {run}",
            "is_company": True,
            "portfolio_team_id": south,
            "mobile": mobile,
            "phone": phone,
            "email": email,
        },
    )
    agent1 = logins["agent1"][0]
    lead = call(
        "crm.lead",
        "create",
        {"name": f"Opportunity {run}", "partner_id": customer, "user_id": agent1},
    )
    call("crm.lead", "write", [lead], {"email_from": email, "phone": phone})
    ticket = call(
        "helpdesk.ticket",
        "create",
        {
            "name": f"Ticket {run}",
            "description": "<p>broken</p>",
            "partner_id": customer,
            "partner_email": email,
            "user_id": agent1,
        },
    )
    message = call(
        "mail.message",
        "create",
        {
            "model": "res.partner",
            "res_id": customer,
            "message_type": "email",
            "author_id": customer,
            "email_from": f'"South" <{email}>',
            "incoming_email_cc": f"{email}, other@example.org",
            "body": "<p>hello</p>",
        },
    )
    callers = callers_by_role(logins)
    # agent1 keeps the analytic accounts (the administrator may not)
    plan = callers["agent1"]("account.analytic.plan", "create", {"name": f"Projects {run}"})
    analytic = callers["agent1"](
        "account.analytic.account",
        "create",
        {"name": f"Project {run}", "plan_id": plan, "partner_id": customer},
    )
    return {
        "admin": call,
        "agent1": callers["agent1"],
        "agent2": callers["agent2"],
        "agent1_id": agent1,
        "customer": customer,
        "email": email,
        "mobile": mobile,
        "phone": phone,
        "lead": lead,
        "ticket": ticket,
        "message": message,
        "analytic": analytic,
    }


def _secrets(w):
    return (w["email"], w["email"].split("@")[0], w["mobile"], w["phone"], w["phone"][3:])


def _assert_clean(w, result):
    text = repr(result)
    for secret in _secrets(w):
        assert secret not in text, f"{secret} in {text}"


def _logged(w):
    return w["admin"](
        "crm.access.log",
        "search_count",
        [("user_id", "=", w["agent1_id"]), ("partner_id", "=", w["customer"])],
    )


def test_the_lead_shows_masked_copies_and_counts_them(world):
    agent1 = world["agent1"]
    reads = [
        agent1("crm.lead", "read", [world["lead"]], ["email_from", "phone", "email_normalized"]),
        agent1("crm.lead", "search_read", [("id", "=", world["lead"])], ["email_from", "phone"]),
        agent1(
            "crm.lead",
            "web_search_read",
            [("id", "=", world["lead"])],
            {"email_from": {}, "phone_sanitized": {}},
        ),
    ]
    for result in reads:
        _assert_clean(world, result)
    [row] = reads[0]
    assert row["email_from"].startswith("s***@") and "***" in row["phone"]
    assert _logged(world) >= 1
    # the South team's agent works with the full values
    [row] = world["agent2"]("crm.lead", "search_read", [("id", "=", world["lead"])], ["email_from"])
    assert row["email_from"] == world["email"]


@pytest.mark.parametrize(
    ("model", "domain"),
    [
        ("crm.lead", [("email_from", "ilike", "south.copies")]),
        ("crm.lead", [("phone", "=like", "021%")]),
        ("helpdesk.ticket", [("partner_email", "=like", "south.copies%")]),
        ("mail.message", [("email_from", "ilike", "south.copies")]),
        ("mail.message", [("incoming_email_cc", "ilike", "south.copies")]),
        ("account.analytic.account", [("partner_id.mobile", "=like", "0917%")]),
        ("account.analytic.account", [("partner_id.email", "ilike", "south.copies")]),
    ],
)
def test_no_pattern_tells_the_values(world, model, domain):
    found = world["agent1"](model, "search", domain)
    own = {
        "crm.lead": world["lead"],
        "helpdesk.ticket": world["ticket"],
        "mail.message": world["message"],
        "account.analytic.account": world["analytic"],
    }[model]
    assert own not in found


@pytest.mark.parametrize(
    ("model", "groupby"),
    [
        ("crm.lead", "email_from"),
        ("crm.lead", "phone_sanitized"),
        ("helpdesk.ticket", "partner_email"),
        ("mail.message", "email_from"),
    ],
)
def test_grouping_by_a_copy_is_refused(world, model, groupby):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        world["agent1"](model, "formatted_read_group", [], [groupby], ["__count"])
    assert "masked" in caught.value.faultString


def test_the_ticket_and_the_messages_are_masked(world):
    agent1 = world["agent1"]
    [ticket] = agent1("helpdesk.ticket", "read", [world["ticket"]], ["partner_email"])
    assert ticket["partner_email"].startswith("s***@")
    [message] = agent1(
        "mail.message", "read", [world["message"]], ["email_from", "incoming_email_cc"]
    )
    _assert_clean(world, [ticket, message])
    assert "other@example.org" in message["incoming_email_cc"]


def test_the_analytic_account_label_is_masked_counted_and_not_exported(world):
    agent1 = world["agent1"]
    [row] = agent1(
        "account.analytic.account",
        "web_read",
        [world["analytic"]],
        {"partner_id": {"fields": {"display_name": {}}, "context": SHOW_EMAIL}},
    )
    _assert_clean(world, row)
    assert "s***@" in row["partner_id"]["display_name"]
    assert _logged(world) >= 1
    with pytest.raises(xmlrpc.client.Fault) as caught:
        agent1("account.analytic.account", "export_data", [world["analytic"]], ["partner_id/phone"])
    assert "export customer data" in caught.value.faultString
    assert world["phone"] not in caught.value.faultString


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("res.partner", "mobile"),
        ("res.partner", "email_normalized"),
        ("res.partner", "cid_search"),
        ("crm.lead", "email_from"),
        ("helpdesk.ticket", "partner_email"),
    ],
)
def test_a_long_list_of_candidates_is_refused(world, model, field):
    candidates = [f"0917{n:07d}" for n in range(2000)] + [world["mobile"], world["email"]]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        world["agent1"](model, "search", [(field, "in", candidates)])
    assert "at most" in caught.value.faultString


def test_a_short_list_of_whole_values_still_finds(world):
    found = world["agent1"]("res.partner", "search", [("mobile", "in", [world["mobile"]])])
    assert world["customer"] in found
