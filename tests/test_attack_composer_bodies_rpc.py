"""The e-mail composer opened with a template, as an insider would try over XML-RPC.

An agent of team North opens the composer on their quotation of team
South's customer with a template quoting the customer's mobile and e-mail,
as the web client does
(``onchange``, then ``create`` with what the form holds, then
``action_send_mail``): the form hands out the rendered values masked, the
composer saved reads and searches as masked, and the message sent carries
the real values (the customer receives them), which the agent reads
masked. The template's preview on that quotation is masked too. The South
agent's form shows the values as written.
"""

import random
import uuid

import pytest

COMPOSER_SPEC = {
    fname: {}
    for fname in ("composition_mode", "model", "res_ids", "template_id", "subject", "body")
}
PREVIEW_SPEC = {"mail_template_id": {}, "resource_ref": {}, "subject": {}, "body_html": {}}


@pytest.fixture(scope="module")
def world(xmlrpc_models, ref, callers_by_role):
    """A South customer, a template quoting its values, agents of both teams."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    groups = [ref("crm_access_policy.group_crm_agent"), ref("sales_team.group_sale_salesman")]
    north = call("crm.team", "create", {"name": f"North {run}"})
    south = call("crm.team", "create", {"name": f"South {run}"})
    logins = {}
    for team, name in ((north, "north"), (south, "south")):
        login = f"composer-{name}-{run}"
        user_id = call(
            "res.users",
            "create",
            {
                "name": login,
                "login": login,
                "password": login,
                "group_ids": [(6, 0, groups)],
            },
        )
        call("crm.team.member", "create", {"crm_team_id": team, "user_id": user_id})
        logins[name] = (user_id, login)
    # a number of this run's own: a mobile identifies one customer
    mobile = f"0917{random.randrange(10**7):07d}"
    email = f"south.composer.{run}@example.com"
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
    # a quotation of the South customer by each agent
    orders = {
        name: call("sale.order", "create", {"partner_id": customer, "user_id": user_id})
        for name, (user_id, _login) in logins.items()
    }
    template = call(
        "mail.template",
        "create",
        {
            "name": f"Offer {run}",
            "model_id": call("ir.model", "search", [("model", "=", "sale.order")])[0],
            "subject": "Quotation for {{ object.partner_id.mobile }}",
            "body_html": (
                '<p>mobile <t t-out="object.partner_id.mobile"/>, '
                'mail <t t-out="object.partner_id.email"/></p>'
            ),
            "partner_to": "{{ object.partner_id.id }}",
        },
    )
    callers = callers_by_role(logins)
    return {
        "admin": call,
        "north": callers["north"],
        "south": callers["south"],
        "customer": customer,
        "orders": orders,
        "template": template,
        "secrets": (mobile, email, mobile[1:]),
        "masked": (f"{mobile[:4]}***{mobile[-4:]}", "s***@example.com"),
    }


def open_composer(world, role):
    context = {
        "default_model": "sale.order",
        "default_res_ids": [world["orders"][role]],
        "default_template_id": world["template"],
        "default_composition_mode": "comment",
    }
    result = world[role](
        "mail.compose.message", "onchange", [], {}, [], COMPOSER_SPEC, context=context
    )
    return result["value"]


def assert_masked(world, result, path):
    text = str(result)
    for secret in world["secrets"]:
        assert secret not in text, path
    for mask in world["masked"]:
        assert mask in text, path


def test_the_other_team_gets_the_form_masked(world):
    values = open_composer(world, "north")
    assert_masked(world, {"subject": values["subject"], "body": values["body"]}, "onchange")


def test_the_portfolio_gets_the_form_as_written(world):
    values = open_composer(world, "south")
    mobile, email, _tail = world["secrets"]
    assert mobile in values["subject"]
    assert email in values["body"]


def test_the_masked_form_sent_unchanged_carries_the_real_values(world):
    north = world["north"]
    values = open_composer(world, "north")
    create = {
        "composition_mode": "comment",
        "model": "sale.order",
        "res_ids": values["res_ids"],
        "template_id": world["template"],
        "subject": values["subject"],
        "body": values["body"],
        "partner_ids": [(6, 0, [world["customer"]])],
    }
    composer = north("mail.compose.message", "create", [create])[0]
    # the composer saved reads, and is searched, as its form
    rows = north("mail.compose.message", "read", [composer], ["subject", "body"])
    assert_masked(world, rows, "read")
    rows = north("mail.compose.message", "web_read", [composer], {"subject": {}, "body": {}})
    assert_masked(world, rows, "web_read")
    mobile = world["secrets"][0]
    found = north("mail.compose.message", "search", [("body", "ilike", mobile[:7])])
    assert composer not in found
    north(
        "mail.compose.message",
        "action_send_mail",
        [composer],
        context={"mail_notify_force_send": False},
    )
    domain = [("model", "=", "sale.order"), ("res_id", "=", world["orders"]["north"])]
    [message] = world["admin"]("mail.message", "search_read", domain, ["body", "subject"], limit=1)
    assert mobile in message["subject"]
    assert world["secrets"][1] in message["body"]
    # the agent reads what they sent masked
    rows = north("mail.message", "read", [message["id"]], ["body", "subject"])
    assert_masked(world, rows, "message read")


def test_the_preview_of_the_customer_is_masked(world):
    values = {
        "mail_template_id": world["template"],
        "resource_ref": f"sale.order,{world['orders']['north']}",
    }
    result = world["north"](
        "mail.template.preview", "onchange", [], values, ["resource_ref"], PREVIEW_SPEC
    )
    preview = result["value"]
    assert_masked(world, {"subject": preview["subject"], "body": preview["body_html"]}, "preview")
