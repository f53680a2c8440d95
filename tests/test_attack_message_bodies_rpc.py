"""Identity values quoted in the text of messages, as an insider would try over XML-RPC.

An agent of team North reads the chatter of team South's customer, whose
note quotes the customer's mobile (in Persian digits) and e-mail: every
read method hands out the text with those values masked, and a search of
the texts for a list of candidate numbers is refused. The South agent
reads the note as written.
"""

import random
import uuid
import xmlrpc.client

import pytest

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.fixture(scope="module")
def note(xmlrpc_models, ref, callers_by_role):
    """A note on a South customer quoting its mobile and e-mail; agents of both teams."""
    _uid, call = xmlrpc_models
    run = uuid.uuid4().hex[:8]
    agent_group = ref("crm_access_policy.group_crm_agent")
    north = call("crm.team", "create", {"name": f"North {run}"})
    south = call("crm.team", "create", {"name": f"South {run}"})
    logins = {}
    for team, name in ((north, "north"), (south, "south")):
        login = f"body-{name}-{run}"
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
        call("crm.team.member", "create", {"crm_team_id": team, "user_id": user_id})
        logins[name] = (user_id, login)
    # a number of this run's own: a mobile identifies one customer
    mobile = f"0917{random.randrange(10**7):07d}"
    email = f"south.body.{run}@example.com"
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
    persian = mobile.translate(PERSIAN_DIGITS)
    body = f"<p>call {persian} or write to {email}</p>"
    message_id = call(
        "mail.message",
        "create",
        {"model": "res.partner", "res_id": customer, "message_type": "comment", "body": body},
    )
    # the same mobile, part of it in bold, the e-mail's @ in italics
    local, domain = email.split("@")
    split_body = (
        f"<p>call {mobile[:4]}<b>{mobile[4:7]}</b>{mobile[7:]} "
        f"or write to {local}<i>@</i>{domain}</p>"
    )
    split_id = call(
        "mail.message",
        "create",
        {"model": "res.partner", "res_id": customer, "message_type": "comment", "body": split_body},
    )
    callers = callers_by_role(logins)
    return {
        "north": callers["north"],
        "south": callers["south"],
        "message_id": message_id,
        "body": body,
        "split_id": split_id,
        "split_body": split_body,
        "secrets": (mobile, persian, email, mobile[1:]),
        "masked": (f"{mobile[:4]}***{mobile[-4:]}", "s***@example.com"),
    }


READS = [
    ("read", lambda call, ids: call("mail.message", "read", ids, ["body", "preview"])),
    (
        "search_read",
        lambda call, ids: call(
            "mail.message", "search_read", [("id", "in", ids)], ["body", "preview"]
        ),
    ),
    ("web_read", lambda call, ids: call("mail.message", "web_read", ids, {"body": {}})),
    (
        "web_search_read",
        lambda call, ids: call(
            "mail.message", "web_search_read", [("id", "in", ids)], {"body": {}, "preview": {}}
        ),
    ),
]


@pytest.mark.parametrize(("path", "read"), READS, ids=[path for path, _read in READS])
def test_the_other_team_reads_the_values_masked(note, path, read):
    text = str(read(note["north"], [note["message_id"]]))
    for secret in note["secrets"]:
        assert secret not in text, path
    for mask in note["masked"]:
        assert mask in text, path


@pytest.mark.parametrize(("path", "read"), READS, ids=[path for path, _read in READS])
def test_values_split_by_markup_are_masked(note, path, read):
    result = read(note["north"], [note["split_id"]])
    [row] = result["records"] if isinstance(result, dict) else result
    mobile, _persian, _email, _tail = note["secrets"]
    assert row["body"] == (
        f"<p>call {note['masked'][0]}<b></b> or write to s***@example.com<i></i></p>"
    ), path
    assert mobile[4:] not in str(row), path


def test_the_portfolio_reads_the_note_as_written(note):
    [row] = note["south"]("mail.message", "read", [note["message_id"]], ["body"])
    assert row["body"] == note["body"]


def test_searching_the_texts_for_many_numbers_is_refused(note):
    candidates = [f"0917{n:07d}" for n in range(1, 100)]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        note["north"]("mail.message", "search", [("body", "in", candidates)])
    assert "at most" in caught.value.faultString
