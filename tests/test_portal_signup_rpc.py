"""Website sign-up and portal accounts, tried from outside as a stranger.

A customer holds an e-mail. A visitor signs up on the website with it, without
the link that was e-mailed to it; a portal user calls the sign-up method over
XML-RPC with it. Neither gets an account on the customer, and the website
answers exactly as it answers for an address nobody holds.
"""

import re
import uuid
import xmlrpc.client

import pytest
import requests

RUN = uuid.uuid4().hex[:8]
# a mobile of this run, typed in Persian digits as a visitor would
MOBILE = ("0935" + str(uuid.uuid4().int)[:7]).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def world(server, xmlrpc_models, ref):
    _uid, call = xmlrpc_models
    email = f"signup-{RUN}@example.com"
    customer = call("res.partner", "create", {"name": f"Customer {RUN}", "email": email})
    [scope] = call(
        "ir.config_parameter", "search_read", [("key", "=", "auth_signup.invitation_scope")]
    ) or [None]
    call("ir.config_parameter", "set_param", "auth_signup.invitation_scope", "b2c")
    login = f"portal-{RUN}@example.org"
    portal = call(
        "res.users",
        "create",
        {
            "name": f"Portal {RUN}",
            "login": login,
            "password": login,
            "group_ids": [(6, 0, [ref("base.group_portal")])],
        },
    )
    yield {"call": call, "customer": customer, "email": email, "portal": (portal, login)}
    call(
        "ir.config_parameter",
        "set_param",
        "auth_signup.invitation_scope",
        scope["value"] if scope else "b2b",
    )


def _sign_up(server, email):
    session = requests.Session()
    page = session.get(f"{server.url}/web/signup", timeout=30)
    assert page.status_code == 200, page.text[:500]
    data = {
        "csrf_token": _CSRF.search(page.text).group(1),
        "name": "Stranger",
        "login": email,
        "mobile": MOBILE,
        "password": "Stranger-2026-pass",
        "confirm_password": "Stranger-2026-pass",
    }
    answer = session.post(f"{server.url}/web/signup", data=data, timeout=60)
    assert answer.status_code == 200, answer.text[:500]
    # nobody is signed in: the answer is the sign-up page saying an e-mail was sent
    assert answer.url.endswith("/web/signup"), answer.url
    assert "o_crm_cid_portal_signup_sent" in answer.text
    return answer


def _visible(text, email):
    text = text.replace(email, "EMAIL")
    return [line for line in text.splitlines() if "csrf" not in line.lower()]


def test_sign_up_with_a_customers_email_attaches_nothing_and_tells_nothing(server, world):
    call = world["call"]
    known = _sign_up(server, world["email"])
    stranger = f"nobody-{RUN}@example.org"
    unknown = _sign_up(server, stranger)
    assert _visible(known.text, world["email"]) == _visible(unknown.text, stranger)
    assert not call("res.users", "search", [("partner_id", "=", world["customer"])])
    assert not call("res.users", "search", [("login", "in", [world["email"], stranger])])
    # the customer's link went to the customer's mailbox only
    assert call("mail.mail", "search_count", [("email_to", "=", world["email"])]) == 1


def test_portal_user_cannot_sign_up_onto_a_customer_over_rpc(server, world):
    uid, login = world["portal"]
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def as_portal(model, method, *args):
        return models.execute_kw(server.db, uid, login, model, method, list(args))

    refusals = []
    for email in (world["email"], f"fresh-{RUN}@example.org"):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            as_portal(
                "res.users",
                "signup",
                {"login": email, "name": "Intruder", "password": "Intruder-2026"},
            )
        refusals.append((refused.value.faultCode, refused.value.faultString.replace(email, "")))
    assert refusals[0] == refusals[1], "the same refusal whoever holds the address"
    with pytest.raises(xmlrpc.client.Fault):
        as_portal("res.users", "_cid_portal_request_signup", {"login": world["email"]})
    with pytest.raises(xmlrpc.client.Fault):
        as_portal("res.partner", "cid_resolve", {"email": world["email"]})
    call = world["call"]
    assert not call("res.users", "search", [("partner_id", "=", world["customer"])])
    assert not call("res.users", "search", [("login", "=", world["email"])])
    assert not call("res.partner", "search", [("email", "=", f"fresh-{RUN}@example.org")])
