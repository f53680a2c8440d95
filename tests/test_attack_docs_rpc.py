"""Records and fields that confer access, attacked over XML-RPC as an insider would.

Referrals of letters (secretariat), price quotes and logs, the quote of an
order line (crm_price_consistency) and price reviews
(crm_price_consistency_tier), and the approval of an
order for a flagged customer (crm_ledger_sale): each attempt is refused and
leaves the database as it was; the service's own path still works.
"""

import datetime
import uuid
import xmlrpc.client

import pytest


@pytest.fixture(scope="module")
def users(server, xmlrpc_models, ref):
    """``{role: (uid, call)}``: employee, clerk, agent, salesperson, Pricing Manager."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    roles = {
        "employee": ["base.group_user"],
        "clerk": ["base.group_user", "secretariat.group_secretariat_clerk"],
        "agent": ["crm_access_policy.group_crm_agent"],
        "salesman": [
            "sales_team.group_sale_salesman",
            "crm_price_consistency.group_price_user",
        ],
        "pricing": ["sales_team.group_sale_salesman", "crm_price_consistency.group_price_manager"],
    }
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)
    result = {}
    for role, groups in roles.items():
        login = f"attack-{role}-{run}"
        uid = call(
            "res.users",
            "create",
            {
                "name": f"{role} {run}",
                "login": login,
                "password": login,
                "group_ids": [(6, 0, [ref(group) for group in groups])],
            },
        )

        def as_user(model, method, *args, _uid=uid, _login=login, **kwargs):
            return models.execute_kw(server.db, _uid, _login, model, method, list(args), kwargs)

        result[role] = (uid, as_user)
    return result


def _refused(call, model, method, *args, expected=None, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        call(model, method, *args, **kwargs)
    if expected:
        assert expected in fault.value.faultString, fault.value.faultString[-2000:]
    return fault.value.faultString


# ---------------------------------------------------------------------------
# Referrals
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def letters(xmlrpc_models):
    _uid, call = xmlrpc_models
    mobile = "0912" + str(uuid.uuid4().int)[:7]
    pid = call("secretariat.letter", "find_correspondent", {"mobile": mobile}, "مکاتبه‌کننده")
    result = {}
    for level in ("normal", "secret"):
        letter_id = call(
            "secretariat.letter",
            "create",
            {
                "kind": "incoming",
                "subject": f"letter {level}",
                "partner_id": pid,
                "confidentiality": level,
            },
        )
        call("secretariat.letter", "action_register", [letter_id])
        result[level] = letter_id
    return result


def _referrals(call):
    return call(
        "secretariat.letter.referral",
        "search_read",
        [],
        ["letter_id", "user_id", "referrer_id", "parent_id"],
        order="id",
    )


def test_employee_cannot_refer_a_secret_letter_to_themselves(xmlrpc_models, users, letters):
    _uid, call = xmlrpc_models
    uid, as_employee = users["employee"]
    before = _referrals(call)
    _refused(
        as_employee,
        "secretariat.letter.referral",
        "create",
        {"letter_id": letters["secret"], "user_id": uid},
        expected="You may not refer this letter",
    )
    _refused(
        as_employee,
        "secretariat.letter.referral",
        "create",
        {"user_id": uid},
        context={"default_letter_id": letters["secret"]},
        expected="You may not refer this letter",
    )
    assert _referrals(call) == before
    _refused(as_employee, "secretariat.letter", "read", [letters["secret"]], ["subject"])


def test_clerk_cannot_refer_a_secret_letter(xmlrpc_models, users, letters):
    _uid, call = xmlrpc_models
    clerk_uid, as_clerk = users["clerk"]
    before = _referrals(call)
    _refused(
        as_clerk,
        "secretariat.letter.referral",
        "create",
        {"letter_id": letters["secret"], "user_id": clerk_uid},
    )
    assert _referrals(call) == before


def test_a_referral_never_moves_to_another_letter_or_recipient(xmlrpc_models, users, letters):
    _uid, call = xmlrpc_models
    uid, as_employee = users["employee"]
    clerk_uid, as_clerk = users["clerk"]
    # the clerk refers the normal letter to the employee: the allowed path
    [referral_id] = as_clerk("secretariat.letter", "refer", [letters["normal"]], [uid])
    before = _referrals(call)
    expected = "never change"
    for values in (
        {"letter_id": letters["secret"]},
        {"user_id": clerk_uid},
        {"referrer_id": uid},
    ):
        _refused(
            as_employee,
            "secretariat.letter.referral",
            "write",
            [referral_id],
            values,
            expected=expected,
        )
    _refused(
        as_clerk,
        "secretariat.letter.referral",
        "write",
        [referral_id],
        {"letter_id": letters["secret"]},
    )
    assert _referrals(call) == before
    _refused(as_employee, "secretariat.letter", "read", [letters["secret"]], ["subject"])
    # the employee reads the letter referred to them, and forwards it
    assert as_employee("secretariat.letter", "read", [letters["normal"]], ["subject"])
    assert as_employee("secretariat.letter.referral", "forward", [referral_id], [clerk_uid])


# ---------------------------------------------------------------------------
# Price quotes, logs, order lines and price reviews
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def priced(xmlrpc_models, users):
    """A customer and product, a price given by the agent, an order of the salesperson."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    partner_id = call(
        "res.partner",
        "cid_find_or_create",
        {"email": f"attack.{run}@example.com"},
        {"name": f"Attack customer {run}"},
    )["partner_id"]
    product_id = call("product.product", "create", {"name": f"Heater {run}", "list_price": 300.0})
    _agent_uid, as_agent = users["agent"]
    given = as_agent("crm.price.quote", "get_price", partner_id, product_id, 2, "sales")
    _salesman_uid, as_salesman = users["salesman"]
    order_id = as_salesman(
        "sale.order",
        "create",
        {"partner_id": partner_id, "order_line": [(0, 0, {"product_id": product_id})]},
    )
    [line_id] = as_salesman("sale.order", "read", [order_id], ["order_line"])[0]["order_line"]
    return {
        "partner_id": partner_id,
        "product_id": product_id,
        "quote_id": given["quote_id"],
        "order_id": order_id,
        "line_id": line_id,
    }


def _prices(call, product_id):
    domain = [("product_id", "=", product_id)]
    quotes = call(
        "crm.price.quote",
        "search_read",
        domain,
        ["price_unit", "discount", "qty_band_min", "qty_band_max"],
        order="id",
        context={"active_test": False},
    )
    logs = call("crm.price.log", "search_read", domain, ["price_unit"], order="id")
    lines = call("sale.order.line", "search_read", domain, ["crm_price_quote_id"], order="id")
    return quotes, logs, lines


def test_price_user_cannot_record_a_quote_or_log_of_their_own(xmlrpc_models, users, priced, ref):
    _uid, call = xmlrpc_models
    unit_id = ref("uom.product_uom_unit")
    before = _prices(call, priced["product_id"])
    quote = {
        "partner_id": priced["partner_id"],
        "product_id": priced["product_id"],
        "quantity": 1.0,
        "uom_id": unit_id,
        "price_unit": 1.0,
        "unit": "sales",
        "valid_until": (datetime.datetime.now() + datetime.timedelta(days=60)).strftime(
            "%Y-%m-%d %H:%M:%S"
        ),
    }
    for role in ("agent", "salesman", "pricing"):
        _role_uid, as_user = users[role]
        _refused(as_user, "crm.price.quote", "create", quote, expected="price service")
        _refused(
            as_user,
            "crm.price.log",
            "create",
            {
                "quote_id": priced["quote_id"],
                "partner_id": priced["partner_id"],
                "commercial_partner_id": priced["partner_id"],
                "product_id": priced["product_id"],
                "quantity": 1.0,
                "uom_id": unit_id,
                "price_unit": 1.0,
                "unit": "sales",
            },
            expected="price service",
        )
    _pricing_uid, as_pricing = users["pricing"]
    _refused(
        as_pricing,
        "crm.price.quote",
        "write",
        [priced["quote_id"]],
        {"price_unit": 1.0, "qty_band_max": 0.0},
        expected="price service",
    )
    assert _prices(call, priced["product_id"]) == before
    # the service still gives the price it gave
    _agent_uid, as_agent = users["agent"]
    again = as_agent(
        "crm.price.quote", "get_price", priced["partner_id"], priced["product_id"], 1, "api"
    )
    assert again["quote_id"] == priced["quote_id"]
    assert again["price_unit"] == 300.0


def test_salesperson_cannot_choose_the_quote_of_a_line(xmlrpc_models, users, priced):
    _uid, call = xmlrpc_models
    _salesman_uid, as_salesman = users["salesman"]
    before = _prices(call, priced["product_id"])
    expected = "cannot be chosen"
    _refused(
        as_salesman,
        "sale.order.line",
        "write",
        [priced["line_id"]],
        {"crm_price_quote_id": False},
        expected=expected,
    )
    _refused(
        as_salesman,
        "sale.order",
        "write",
        [priced["order_id"]],
        {"order_line": [(1, priced["line_id"], {"crm_price_quote_id": False})]},
        expected=expected,
    )
    _refused(
        as_salesman,
        "sale.order.line",
        "create",
        {
            "order_id": priced["order_id"],
            "product_id": priced["product_id"],
            "crm_price_quote_id": priced["quote_id"],
        },
        expected=expected,
    )
    assert _prices(call, priced["product_id"]) == before


def test_price_reviews_are_decided_by_their_methods_only(xmlrpc_models, users, priced):
    _uid, call = xmlrpc_models
    _salesman_uid, as_salesman = users["salesman"]
    pricing_uid, as_pricing = users["pricing"]
    order_id = as_salesman(
        "sale.order",
        "create",
        {
            "partner_id": priced["partner_id"],
            "order_line": [(0, 0, {"product_id": priced["product_id"], "discount": 90.0})],
        },
    )
    as_salesman("sale.order", "request_validation", [order_id])
    [review] = call(
        "tier.review",
        "search_read",
        [("model", "=", "sale.order"), ("res_id", "=", order_id)],
        ["status", "definition_id"],
    )
    assert review["status"] == "pending"
    approval = {"status": "approved", "done_by": pricing_uid}
    _refused(as_salesman, "tier.review", "write", [review["id"]], approval)
    _refused(
        as_pricing,
        "tier.review",
        "write",
        [review["id"]],
        approval,
        expected="Approve and Reject buttons",
    )
    _refused(
        as_pricing,
        "tier.review",
        "create",
        {
            "model": "sale.order",
            "res_id": order_id,
            "definition_id": review["definition_id"][0],
            "status": "approved",
        },
        expected="Approve and Reject buttons",
    )
    reviews = call(
        "tier.review",
        "search_read",
        [("model", "=", "sale.order"), ("res_id", "=", order_id)],
        ["status"],
    )
    assert reviews == [{"id": review["id"], "status": "pending"}]


# ---------------------------------------------------------------------------
# Approval of an order for a flagged customer
# ---------------------------------------------------------------------------


def test_salesperson_cannot_write_the_caution_approval(xmlrpc_models, users, priced):
    _uid, call = xmlrpc_models
    salesman_uid, as_salesman = users["salesman"]
    fields = ["ledger_approved_by_id", "ledger_approved_date"]
    before = call("sale.order", "read", [priced["order_id"]], fields)
    expected = "cannot be written directly"
    _refused(
        as_salesman,
        "sale.order",
        "write",
        [priced["order_id"]],
        {"ledger_approved_by_id": salesman_uid},
        expected=expected,
    )
    _refused(
        as_salesman,
        "sale.order",
        "create",
        {"partner_id": priced["partner_id"], "ledger_approved_by_id": salesman_uid},
        expected=expected,
    )
    _refused(as_salesman, "sale.order", "action_ledger_approve", [priced["order_id"]])
    assert call("sale.order", "read", [priced["order_id"]], fields) == before
