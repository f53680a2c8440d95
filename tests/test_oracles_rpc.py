"""No oracle over XML-RPC: an agent asks about another portfolio's records.

The north agent and the south customer come from the ``world`` of
``test_access_public_methods``. What the agent may not read is answered like
what does not exist; the administrator, who may read it, gets the precise
answer.
"""

from test_access_public_methods import RUN, world  # noqa: F401 (the fixture)


def _item(external_id, **values):
    return {
        "channel": "phone",
        "direction": "inbound",
        "external_id": external_id,
        "occurred_at": "2025-03-21T09:30:00",
        **values,
    }


def test_reconcile_counts_only_what_the_agent_may_read(world):  # noqa: F811
    south_id = f"south-{RUN}"
    missing_id = f"never-sent-{RUN}"
    agent = world["as_agent"]("crm.interaction", "reconcile", "phone", [south_id, missing_id])
    assert agent == {"missing": [south_id, missing_id], "present": 0, "quarantined": []}, agent
    admin = world["admin"]("crm.interaction", "reconcile", "phone", [south_id, missing_id])
    assert admin == {"missing": [missing_id], "present": 1, "quarantined": []}, admin


def test_a_duplicate_of_another_portfolio_names_nothing(world):  # noqa: F811
    [result] = world["as_agent"]("crm.interaction", "ingest", [_item(f"south-{RUN}")])
    assert result["status"] == "duplicate", result
    assert not (result["id"] or result["partner_id"] or result["cid"]), result
    [precise] = world["admin"]("crm.interaction", "ingest", [_item(f"south-{RUN}")])
    assert precise["id"] == world["ids"]["interaction"], precise


def test_a_link_to_an_unreadable_interaction_is_refused_like_a_missing_one(world):  # noqa: F811
    interaction = world["ids"]["interaction"]
    errors = {}
    for label, res_id in (("unreadable", interaction), ("missing", 999_999_999)):
        link = [{"model": "crm.interaction", "id": res_id}]
        [result] = world["as_agent"](
            "crm.interaction", "ingest", [_item(f"link-{label}-{RUN}", links=link)]
        )
        assert result["status"] == "rejected", result
        errors[label] = result["error"].replace(str(res_id), "ID")
    assert errors["unreadable"] == errors["missing"], errors
    [allowed] = world["admin"](
        "crm.interaction",
        "ingest",
        [_item(f"link-admin-{RUN}", links=[{"model": "crm.interaction", "id": interaction}])],
    )
    assert allowed["status"] in ("created", "unmatched"), allowed
