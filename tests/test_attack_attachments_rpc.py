"""Files of a customer seen masked, as an insider would try over XML-RPC and HTTP.

Team South's customer has the scan of its national ID card on its card and
on its chatter (a message's file). An agent of team North may see that the
files exist and their names, never their content: every read method, the
download route with the agent's session and the token mail hands out,
a copy, a move to one of the agent's documents, a message sending the file
out are refused and leave the files as they were. The South agent reads
the files.
"""

import base64
import random
import uuid
import xmlrpc.client

import pytest
import requests

ACCESS_ERROR = 4


@pytest.fixture(scope="module")
def files(server, xmlrpc_models, ref, callers_by_role):
    """The South customer's files; agents of both teams and their customers."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    agent_group = ref("crm_access_policy.group_crm_agent")
    logins, teams = {}, {}
    for name in ("north", "south"):
        teams[name] = call("crm.team", "create", {"name": f"{name.title()} {run}"})
        login = f"files-{name}-{run}"
        user_id = call(
            "res.users",
            "create",
            {
                "name": login,
                "login": login,
                "password": login,
                "group_ids": [(6, 0, [agent_group])],
            },
        )
        call("crm.team.member", "create", {"crm_team_id": teams[name], "user_id": user_id})
        logins[name] = (user_id, login)
    national_id = _national_id()
    scan = f"national card {national_id}".encode()
    customers = {
        name: call(
            "res.partner",
            "create",
            {
                "name": f"{name.title()} customer {run}",
                "is_company": True,
                "portfolio_team_id": teams[name],
            },
        )
        for name in ("north", "south")
    }
    card = call(
        "ir.attachment",
        "create",
        {
            "name": f"card {national_id}.txt",
            "datas": base64.b64encode(scan).decode(),
            "mimetype": "text/plain",
            "res_model": "res.partner",
            "res_id": customers["south"],
        },
    )
    pending = call(
        "ir.attachment",
        "create",
        {
            "name": "scan.txt",
            "datas": base64.b64encode(scan).decode(),
            "mimetype": "text/plain",
            "res_model": "mail.compose.message",
            "res_id": 0,
        },
    )
    call(
        "res.partner",
        "message_post",
        [customers["south"]],
        body="my card",
        message_type="comment",
        attachment_ids=[pending],
    )
    # a call of the North agent's own customer, to post on
    north_call = call(
        "crm.interaction",
        "create",
        {
            "channel_id": ref("crm_interaction.crm_interaction_channel_phone"),
            "subject": f"north call {run}",
            "partner_id": customers["north"],
        },
    )
    callers = callers_by_role(logins)
    return {
        **callers,
        "admin": call,
        "logins": logins,
        "ids": [card, pending],
        "scan": scan,
        "national_id": national_id,
        "north_customer": customers["north"],
        "north_call": north_call,
        "server": server,
    }


def _national_id():
    """A valid national ID of this run's own (its tenth digit checks the nine others)."""
    first_nine = f"{random.randrange(10**8, 10**9):09d}"
    remainder = sum(int(digit) * (10 - i) for i, digit in enumerate(first_nine)) % 11
    return f"{first_nine}{remainder if remainder < 2 else 11 - remainder}"


def _state(files):
    return files["admin"](
        "ir.attachment",
        "read",
        files["ids"],
        ["res_model", "res_id", "access_token", "public", "checksum"],
    )


def _contents(rows):
    rows = rows["records"] if isinstance(rows, dict) else rows
    return [base64.b64decode(row["datas"]) for row in rows]


READS = [
    ("read", lambda call, ids: call("ir.attachment", "read", ids, ["name", "datas"])),
    (
        "search_read",
        lambda call, ids: call("ir.attachment", "search_read", [("id", "in", ids)], ["datas"]),
    ),
    ("web_read", lambda call, ids: call("ir.attachment", "web_read", ids, {"datas": {}})),
    (
        "web_search_read",
        lambda call, ids: call(
            "ir.attachment", "web_search_read", [("id", "in", ids)], {"datas": {}}
        ),
    ),
]


@pytest.mark.parametrize(("path", "read"), READS, ids=[path for path, _read in READS])
def test_the_other_team_is_refused_the_content(files, path, read):
    for attachment_id in files["ids"]:
        with pytest.raises(xmlrpc.client.Fault) as caught:
            read(files["north"], [attachment_id])
        assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-800:]
        assert "outside your portfolio" in caught.value.faultString, path


@pytest.mark.parametrize(("path", "read"), READS, ids=[path for path, _read in READS])
def test_the_portfolio_reads_the_content(files, path, read):
    assert _contents(read(files["south"], files["ids"])) == [files["scan"]] * 2, path


def test_names_stay_readable_with_the_number_masked(files):
    rows = files["north"]("ir.attachment", "read", files["ids"], ["name", "mimetype"])
    assert [row["mimetype"] for row in rows] == ["text/plain"] * 2
    assert files["national_id"] not in repr(rows)


def test_searching_the_content_finds_nothing_of_the_other_team(files):
    domain = [("index_content", "ilike", files["national_id"])]
    assert files["north"]("ir.attachment", "search", domain) == []
    assert sorted(files["south"]("ir.attachment", "search", domain)) == sorted(files["ids"])


ATTACKS = [
    ("copy", lambda f, att: f["north"]("ir.attachment", "copy", [att])),
    (
        "copy to an own customer",
        lambda f, att: f["north"]("ir.attachment", "copy", [att], {"res_id": f["north_customer"]}),
    ),
    (
        "move to an own call",
        lambda f, att: f["north"](
            "ir.attachment",
            "write",
            [att],
            {"res_model": "crm.interaction", "res_id": f["north_call"]},
        ),
    ),
    ("token", lambda f, att: f["north"]("ir.attachment", "generate_access_token", [att])),
    (
        "sent out by a message on an own call",
        lambda f, att: f["north"](
            "crm.interaction", "message_post", [f["north_call"]], body="fyi", attachment_ids=[att]
        ),
    ),
]


@pytest.mark.parametrize(("path", "attack"), ATTACKS, ids=[path for path, _a in ATTACKS])
def test_taking_the_file_elsewhere_is_refused(files, path, attack):
    before = _state(files)
    messages = files["admin"]("mail.message", "search_count", [("model", "=", "crm.interaction")])
    for attachment_id in files["ids"]:
        with pytest.raises(xmlrpc.client.Fault) as caught:
            attack(files, attachment_id)
        assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-800:]
    assert _state(files) == before, path
    assert (
        files["admin"]("mail.message", "search_count", [("model", "=", "crm.interaction")])
        == messages
    )


def _session(files, name):
    _uid, login = files["logins"][name]
    server = files["server"]
    session = requests.Session()
    answer = session.post(
        f"{server.url}/web/session/authenticate",
        json={"params": {"db": server.db, "login": login, "password": login}},
        timeout=60,
    )
    assert answer.ok and answer.json().get("result"), answer.text[:500]
    return session


def test_download_routes(files):
    server = files["server"]
    card, chatter_file = files["ids"]
    urls = [f"/web/content/{card}", f"/web/content/ir.attachment/{chatter_file}/datas"]
    north, south = _session(files, "north"), _session(files, "south")
    for url in urls:
        answer = north.get(f"{server.url}{url}", timeout=60, allow_redirects=False)
        assert answer.status_code in (403, 404), url
        assert files["national_id"].encode() not in answer.content
        answer = south.get(f"{server.url}{url}", timeout=60)
        assert (answer.status_code, answer.content) == (200, files["scan"]), url
    # mail gives the chatter's readers a token per file, which serves it
    # without a session: none for the North agent, and the South agent's
    # serves nothing to the North agent's session
    tokens = {
        name: _chatter_token(files, session, chatter_file)
        for name, session in (("north", north), ("south", south))
    }
    assert not tokens["north"] and tokens["south"], tokens
    url = f"{server.url}/web/content/{chatter_file}?access_token={tokens['south']}"
    answer = north.get(url, timeout=60, allow_redirects=False)
    assert answer.status_code in (403, 404)
    assert (south.get(url, timeout=60).content) == files["scan"]


def _chatter_token(files, session, attachment_id):
    answer = session.post(
        f"{files['server'].url}/mail/thread/messages",
        json={"params": {"thread_model": "res.partner", "thread_id": _south_customer(files)}},
        timeout=60,
    ).json()["result"]
    [entry] = [row for row in answer["data"]["ir.attachment"] if row["id"] == attachment_id]
    return entry["raw_access_token"]


def _south_customer(files):
    [row] = files["admin"]("ir.attachment", "read", files["ids"][:1], ["res_id"])
    return row["res_id"]
