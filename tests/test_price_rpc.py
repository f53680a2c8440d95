"""The price service (crm_price_consistency) driven the way integrators drive it."""

import uuid
import xmlrpc.client

import pytest
import requests


def _customer_and_product(call):
    suffix = uuid.uuid4().hex[:8]
    customer = call(
        "res.partner",
        "cid_find_or_create",
        {"email": f"price.{suffix}@example.com"},
        {"name": "شرکت قیمت"},
    )
    product_id = call("product.product", "create", {"name": f"کولر {suffix}", "list_price": 250.0})
    return customer["partner_id"], product_id


def test_same_price_for_every_unit_over_xmlrpc(xmlrpc_models):
    _uid, call = xmlrpc_models
    partner_id, product_id = _customer_and_product(call)
    sales = call("crm.price.quote", "get_price", partner_id, product_id, 2, "sales")
    for unit in ("support", "web", "api"):
        again = call("crm.price.quote", "get_price", partner_id, product_id, 3, unit)
        assert again["quote_id"] == sales["quote_id"]
        assert again["price_unit"] == sales["price_unit"] == 250.0
        assert again["reused"] is True
    assert sales["currency"]
    assert sales["valid_until"]
    [quote] = call("crm.price.quote", "read", [sales["quote_id"]], ["given_count", "unit"])
    assert quote["given_count"] == 4
    assert quote["unit"] == "sales"


@pytest.mark.parametrize(
    "case,expected",
    [
        ("unknown product", "no product"),
        ("negative quantity", "positive"),
        ("archived customer", "archived"),
        ("unknown unit", "unit"),
    ],
)
def test_bad_requests_get_clear_errors_and_log_nothing(xmlrpc_models, case, expected):
    _uid, call = xmlrpc_models
    partner_id, product_id = _customer_and_product(call)
    args = {"partner": partner_id, "product": product_id, "qty": 1, "unit": "api"}
    if case == "unknown product":
        args["product"] = 2_000_000_000
    elif case == "negative quantity":
        args["qty"] = -4
    elif case == "archived customer":
        call("res.partner", "write", [partner_id], {"active": False})
    else:
        args["unit"] = "shop"
    before = call("crm.price.log", "search_count", [["product_id", "=", product_id]])
    with pytest.raises(xmlrpc.client.Fault) as fault:
        call(
            "crm.price.quote",
            "get_price",
            args["partner"],
            args["product"],
            args["qty"],
            args["unit"],
        )
    assert expected in fault.value.faultString
    assert call("crm.price.log", "search_count", [["product_id", "=", product_id]]) == before


def test_engine_is_not_callable_remotely(xmlrpc_models):
    _uid, call = xmlrpc_models
    with pytest.raises(xmlrpc.client.Fault):
        call("crm.price.quote", "_crm_price_give", [])


def test_get_price_over_json2_with_an_api_key(server, api_key, xmlrpc_models):
    _uid, call = xmlrpc_models
    partner_id, product_id = _customer_and_product(call)
    url = f"{server.url}/json/2/crm.price.quote/get_price"
    headers = {"Authorization": "bearer " + api_key, "X-Odoo-Database": server.db}
    args = {"partner_id": partner_id, "product_id": product_id, "qty": 2, "unit": "api"}
    response = requests.post(url, json=args, headers=headers, timeout=60)
    assert response.status_code == 200, response.text[:2000]
    result = response.json()
    assert result["price_unit"] == 250.0
    assert result["unit"] == "api"
    assert result["reused"] is False
    assert result["currency"] and result["valid_until"] and result["reference"]
    assert result["uom_id"] == result["quote_uom_id"]
    # the same price, by whatever protocol another unit asks
    again = call("crm.price.quote", "get_price", partner_id, product_id, 5, "support")
    assert again["quote_id"] == result["quote_id"]
    assert again["reused"] is True


@pytest.mark.parametrize(
    "change,status,expected",
    [
        ({"qty": -1}, 422, "positive"),
        ({"unit": "shop"}, 422, "unit"),
        ({"product_id": 2_000_000_000}, 422, "no product"),
    ],
)
def test_get_price_over_json2_bad_input(server, api_key, xmlrpc_models, change, status, expected):
    _uid, call = xmlrpc_models
    partner_id, product_id = _customer_and_product(call)
    url = f"{server.url}/json/2/crm.price.quote/get_price"
    headers = {"Authorization": "bearer " + api_key, "X-Odoo-Database": server.db}
    args = dict({"partner_id": partner_id, "product_id": product_id, "qty": 2, "unit": "api"})
    args.update(change)
    response = requests.post(url, json=args, headers=headers, timeout=60)
    assert response.status_code == status, response.text[:2000]
    assert expected in response.json()["message"]
    assert call("crm.price.log", "search_count", [["product_id", "=", product_id]]) == 0


def test_get_price_over_json2_needs_a_key(server):
    url = f"{server.url}/json/2/crm.price.quote/get_price"
    response = requests.post(
        url,
        json={"partner_id": 1, "product_id": 1, "qty": 1, "unit": "api"},
        headers={"Authorization": "bearer not-a-key", "X-Odoo-Database": server.db},
        timeout=60,
    )
    assert response.status_code == 401, response.text[:2000]
