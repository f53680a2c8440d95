"""The secretariat (letters, indicator numbers, referrals) driven over XML-RPC."""

import base64
import datetime
import re
import uuid
import xmlrpc.client

import jdatetime
import pytest
import pytz


def _jalali_year():
    now = datetime.datetime.now(pytz.timezone("Asia/Tehran"))
    return jdatetime.date.fromgregorian(date=now.date()).year


def _ref(call, xmlid):
    module, name = xmlid.split(".")
    [row] = call(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return row["res_id"]


@pytest.fixture(scope="module")
def clerk(server, xmlrpc_models):
    """A clerk without clearance for confidential letters, and its own RPC call."""
    _uid, call = xmlrpc_models
    login = f"se_rpc_clerk_{uuid.uuid4().hex[:6]}"
    groups = [_ref(call, "base.group_user"), _ref(call, "secretariat.group_secretariat_clerk")]
    uid = call(
        "res.users",
        "create",
        {"name": "منشی آزمون", "login": login, "password": login, "group_ids": [(6, 0, groups)]},
    )
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def clerk_call(model, method, *args, **kwargs):
        return models.execute_kw(server.db, uid, login, model, method, list(args), kwargs)

    return uid, clerk_call


def _customer(call):
    mobile = "0912" + str(uuid.uuid4().int)[:7]
    pid = call("secretariat.letter", "find_correspondent", {"mobile": mobile}, "سعید نیک‌نام")
    return pid, mobile


def test_create_register_refer_attach_and_read_register(xmlrpc_models, clerk):
    uid, call = xmlrpc_models
    clerk_uid, _clerk_call = clerk
    pid, mobile = _customer(call)
    # the same customer, found again by the mobile written another way
    assert call("secretariat.letter", "find_correspondent", {"mobile": "+98" + mobile[1:]}) == pid
    letter_id = call(
        "secretariat.letter",
        "create",
        {"kind": "incoming", "subject": "درخواست استرداد وجه", "partner_id": pid},
    )
    [draft] = call("secretariat.letter", "read", [letter_id], ["indicator_number", "state"])
    assert draft == {"id": letter_id, "indicator_number": False, "state": "draft"}
    call("secretariat.letter", "action_register", [letter_id])
    [letter] = call(
        "secretariat.letter",
        "read",
        [letter_id],
        ["indicator_number", "state", "registered_at_jalali", "cid"],
    )
    year = _jalali_year()
    assert re.fullmatch(rf"{year}/و/\d+", letter["indicator_number"]), letter
    assert letter["state"] == "registered"
    assert letter["registered_at_jalali"].startswith(f"{year}/")
    assert letter["cid"]

    attachment_id = call(
        "ir.attachment",
        "create",
        {
            "name": "scan.pdf",
            "datas": base64.b64encode(b"%PDF-1.4 scan").decode(),
            "res_model": "secretariat.letter",
            "res_id": letter_id,
        },
    )
    assert attachment_id

    referral_ids = call(
        "secretariat.letter",
        "refer",
        [letter_id],
        [clerk_uid],
        "بررسی و پاسخ",
        (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
    )
    [referral] = call(
        "secretariat.letter.referral", "read", referral_ids, ["state", "user_id", "deadline_jalali"]
    )
    assert referral["state"] == "sent"
    assert referral["user_id"][0] == clerk_uid
    assert referral["deadline_jalali"].startswith(str(year)[:3])

    link_ids = call("secretariat.letter", "link_documents", [letter_id], "res.partner", [pid])
    assert len(link_ids) == 1
    assert call("secretariat.letter", "letters_of_document", "res.partner", pid) == [letter_id]

    register = call("secretariat.letter", "read_register", year, kind="incoming")
    assert letter["indicator_number"] in [line["number"] for line in register]


def test_confidential_letters_are_unreadable_without_clearance(xmlrpc_models, clerk):
    _uid, call = xmlrpc_models
    _clerk_uid, clerk_call = clerk
    pid, _mobile = _customer(call)
    letter_id = call(
        "secretariat.letter",
        "create",
        {
            "kind": "incoming",
            "subject": "نامه محرمانه",
            "partner_id": pid,
            "confidentiality": "confidential",
        },
    )
    call("secretariat.letter", "action_register", [letter_id])
    with pytest.raises(xmlrpc.client.Fault) as error:
        clerk_call("secretariat.letter", "read", [letter_id], ["subject"])
    assert "AccessError" in error.value.faultString or "access" in error.value.faultString.lower()
    assert clerk_call("secretariat.letter", "search", [("id", "=", letter_id)]) == []
    register = clerk_call("secretariat.letter", "read_register", _jalali_year())
    assert letter_id not in [line["id"] for line in register]
    # and the clerk cannot classify a letter above their own clearance
    with pytest.raises(xmlrpc.client.Fault):
        clerk_call(
            "secretariat.letter",
            "create",
            {"kind": "incoming", "subject": "x", "partner_id": pid, "confidentiality": "secret"},
        )


def test_bad_input_is_refused_with_a_message(xmlrpc_models):
    _uid, call = xmlrpc_models
    letter_id = call("secretariat.letter", "create", {"kind": "incoming", "subject": "بی‌فرستنده"})
    with pytest.raises(xmlrpc.client.Fault) as error:
        call("secretariat.letter", "action_register", [letter_id])
    assert "correspondent" in error.value.faultString
    [letter] = call("secretariat.letter", "read", [letter_id], ["state", "indicator_number"])
    assert letter["state"] == "draft"
    assert letter["indicator_number"] is False
    with pytest.raises(xmlrpc.client.Fault):
        call("secretariat.letter", "write", [letter_id], {"indicator_number": "1404/و/1"})


def test_invoice_shows_the_letters_its_reader_may_read(xmlrpc_models, clerk):
    _uid, call = xmlrpc_models
    _clerk_uid, clerk_call = clerk
    pid, _mobile = _customer(call)
    invoice_id = call(
        "account.move",
        "create",
        {
            "move_type": "out_invoice",
            "partner_id": pid,
            "invoice_line_ids": [(0, 0, {"name": "Service", "quantity": 1, "price_unit": 900})],
        },
    )
    letter_ids = [
        call(
            "secretariat.letter",
            "create",
            {"kind": "incoming", "subject": subject, "partner_id": pid, "confidentiality": level},
        )
        for subject, level in (("اعتراض", "normal"), ("بازرسی", "confidential"))
    ]
    call("secretariat.letter", "link_documents", letter_ids, "account.move", [invoice_id])
    found = call("secretariat.letter", "letters_of_document", "account.move", invoice_id)
    assert sorted(found) == sorted(letter_ids)
    [invoice] = call("account.move", "read", [invoice_id], ["secretariat_letter_count"])
    assert invoice["secretariat_letter_count"] == 2
    # the clerk may not read the confidential letter, nor the invoice
    assert clerk_call("secretariat.letter", "letters_of_document", "account.move", invoice_id) == [
        letter_ids[0]
    ]
    with pytest.raises(xmlrpc.client.Fault):
        clerk_call("account.move", "read", [invoice_id], ["secretariat_letter_count"])
    # nor link their own letter to it
    own_id = clerk_call(
        "secretariat.letter", "create", {"kind": "incoming", "subject": "x", "partner_id": pid}
    )
    with pytest.raises(xmlrpc.client.Fault):
        clerk_call("secretariat.letter", "link_documents", [own_id], "account.move", [invoice_id])
    assert clerk_call("secretariat.letter", "read", [own_id], ["link_ids"])[0]["link_ids"] == []
