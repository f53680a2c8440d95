"""Integrator flows of crm_interaction over XML-RPC: ingest, replay, timeline pages."""

import uuid
import xmlrpc.client

import pytest


def _items(batch, count, mobile):
    return [
        {
            "channel": "mobile",
            "direction": "inbound",
            "external_id": f"rpc-{batch}-{n}",
            "occurred_at": f"2025-03-21T10:{n:02d}:00+03:30",
            "mobile": mobile,
            "duration": 30 + n,
        }
        for n in range(count)
    ]


def test_ingest_then_walk_the_timeline_page_by_page(xmlrpc_models):
    _uid, call = xmlrpc_models
    customer = call(
        "res.partner", "cid_find_or_create", {"mobile": "09127001100"}, {"name": "RPC timeline"}
    )
    batch = uuid.uuid4().hex[:8]
    results = call("crm.interaction", "ingest", _items(batch, 7, "+98 912 700 1100"))
    assert {r["status"] for r in results} == {"created"}
    seen, cursor = [], False
    while True:
        page = call(
            "crm.interaction", "timeline_page", customer["partner_id"], cursor=cursor, limit=3
        )
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)), "no item twice"
    ours = [r["id"] for r in results]
    assert [i for i in seen if i in ours] == sorted(ours, reverse=True)


def test_timeline_rejects_a_bad_page_size_clearly(xmlrpc_models):
    _uid, call = xmlrpc_models
    partner_id = call("res.partner", "search", [], limit=1)[0]
    with pytest.raises(xmlrpc.client.Fault, match="page size"):
        call("crm.interaction", "timeline_page", partner_id, limit=5000)
