"""Customer identity (crm_cid) driven the way integrators drive it."""

import uuid
import xmlrpc.client

import pytest


def _new_mobile():
    # a fresh Iranian mobile number per call, written with Persian digits
    digits = "0912" + str(uuid.uuid4().int)[:7]
    return digits, digits.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_find_or_create_then_resolve_with_odoorpc(odoo_rpc):
    Partner = odoo_rpc.env["res.partner"]
    ascii_mobile, persian_mobile = _new_mobile()
    first = Partner.cid_find_or_create({"mobile": persian_mobile}, {"name": "مریم رضایی"})
    assert first["created"] is True
    assert first["cid"]
    again = Partner.cid_find_or_create({"mobile": "+98" + ascii_mobile[1:]}, {"name": "x"})
    assert again["created"] is False
    assert again["partner_id"] == first["partner_id"]
    found = Partner.cid_resolve({"mobile": "0098 " + ascii_mobile[1:]})
    assert found["partner_id"] == first["partner_id"]
    assert found["cid"] == first["cid"]
    assert found["conflict"] is False
    assert Partner.browse(first["partner_id"]).mobile


def test_resolve_reports_conflict_instead_of_guessing(xmlrpc_models):
    _uid, call = xmlrpc_models
    mobile_a, _ = _new_mobile()
    email_b = f"b.{uuid.uuid4().hex[:8]}@example.com"
    a = call("res.partner", "cid_find_or_create", {"mobile": mobile_a}, {"name": "الف"})
    b = call("res.partner", "cid_find_or_create", {"email": email_b}, {"name": "ب"})
    # one caller typed A's mobile and B's e-mail: two customers, no guess
    result = call("res.partner", "cid_resolve", {"mobile": mobile_a, "email": email_b.upper()})
    assert result["conflict"] is True
    assert result["partner_id"] is False
    assert {c["partner_id"] for c in result["candidates"]} == {a["partner_id"], b["partner_id"]}


def test_resolve_reports_bad_input_without_failing(xmlrpc_models):
    _uid, call = xmlrpc_models
    result = call("res.partner", "cid_resolve", {"national_id": "1111111111", "shoe_size": "42"})
    assert result["partner_id"] is False
    assert {e["type"] for e in result["errors"]} == {"national_id", "shoe_size"}


def test_mobile_field_is_writable_over_xmlrpc(xmlrpc_models):
    _uid, call = xmlrpc_models
    ascii_mobile, persian_mobile = _new_mobile()
    pid = call("res.partner", "create", {"name": "نرگس کاظمی", "mobile": persian_mobile})
    [rec] = call("res.partner", "read", [pid], ["mobile", "cid"])
    assert rec["cid"]
    found = call("res.partner", "cid_resolve", {"mobile": ascii_mobile})
    assert found["partner_id"] == pid


def test_private_helpers_are_not_callable_remotely(xmlrpc_models):
    _uid, call = xmlrpc_models
    with pytest.raises(xmlrpc.client.Fault):
        call("res.partner", "_cid_match_keys", [["mobile", "+989121111111"]])
