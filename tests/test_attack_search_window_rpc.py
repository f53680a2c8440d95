"""Many small searches of candidate mobiles, over XML-RPC, as an insider would try.

One search tests at most 20 whole values of masked fields; an agent who
splits a list of candidates into many searches of a few values each is
stopped at the threshold of distinct values per alarm window, and the
managers get an alarm. An agent searching the same customers again and
again, and a manager, are not.
"""

import uuid
import xmlrpc.client

import pytest

ACCESS_ERROR = 4
THRESHOLD = 40
RUN = uuid.uuid4().hex[:8]


def _candidates(start, count):
    return [f"0918{n:07d}" for n in range(start, start + count)]


@pytest.fixture(scope="module")
def searchers(xmlrpc_models, callers_by_role, ref):
    _uid, call = xmlrpc_models
    groups = {
        "agent": ref("crm_access_policy.group_crm_agent"),
        "manager": ref("crm_access_policy.group_crm_manager"),
    }
    logins = {}
    for role, group in groups.items():
        login = f"{role}-searcher-{RUN}"
        uid = call(
            "res.users",
            "create",
            {"name": login, "login": login, "password": login, "group_ids": [(6, 0, [group])]},
        )
        logins[role] = (uid, login)
    name = "crm_access_policy.search_threshold"
    saved = call("ir.config_parameter", "get_param", name)
    call("ir.config_parameter", "set_param", name, str(THRESHOLD))
    try:
        yield {"admin": call, "ids": {r: uid for r, (uid, _l) in logins.items()}} | (
            callers_by_role(logins)
        )
    finally:
        call("ir.config_parameter", "set_param", name, saved or False)
        alarms = call(
            "crm.access.alarm",
            "search",
            [("user_id", "in", [uid for uid, _login in logins.values()]), ("state", "=", "open")],
        )
        if alarms:
            call("crm.access.alarm", "action_clear", alarms)


def _alarms(searchers, role):
    return searchers["admin"](
        "crm.access.alarm",
        "search_read",
        [("user_id", "=", searchers["ids"][role]), ("state", "=", "open")],
        ["value_count", "threshold"],
    )


def test_many_small_searches_are_one_attempt(searchers):
    agent = searchers["agent"]
    # the same few customers all day long: counted once
    for _n in range(30):
        agent("res.partner", "search", [("mobile", "in", _candidates(0, 5))])
    # then ten candidates at a time, each search well under the per-search bound
    served = 0
    with pytest.raises(xmlrpc.client.Fault) as caught:
        for start in range(5, 500, 10):
            agent("res.partner", "search", [("mobile", "in", _candidates(start, 10))])
            served += 1
    assert served == (THRESHOLD - 5) // 10
    assert caught.value.faultCode == ACCESS_ERROR
    assert "managers were alerted" in caught.value.faultString
    [alarm] = _alarms(searchers, "agent")
    assert alarm["value_count"] > alarm["threshold"] == THRESHOLD
    # the window holds the values answered (35): five more may be tested, on
    # any path and field, not six
    emails = [f"x{n}.{RUN}@example.com" for n in range(6)]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        agent("res.partner", "search_count", [("email", "in", emails)])
    assert caught.value.faultCode == ACCESS_ERROR
    assert agent("res.partner", "search_count", [("email", "in", emails[:5])]) == 0
    with pytest.raises(xmlrpc.client.Fault):
        agent("res.users", "search", [("partner_id.mobile", "=", _candidates(900, 1)[0])])
    # one value a call, typed in a name search
    with pytest.raises(xmlrpc.client.Fault) as caught:
        agent("res.partner", "name_search", f"y.{RUN}@example.com")
    assert caught.value.faultCode == ACCESS_ERROR
    # a name, digits left out (seven of them would make it a possible mobile)
    nobody = "Nobody " + RUN.translate(str.maketrans("0123456789", "ghijklmnop"))
    assert agent("res.partner", "name_search", nobody) == []
    # values already counted are still searched
    agent("res.partner", "search", [("mobile", "in", _candidates(0, 5))])


def test_a_manager_searches_as_before(searchers):
    manager = searchers["manager"]
    for start in range(0, 200, 20):
        manager("res.partner", "search", [("mobile", "in", _candidates(start, 20))])
    assert not _alarms(searchers, "manager")
