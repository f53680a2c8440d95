"""Every public method of the suite, called over XML-RPC by an agent on another portfolio.

The agent belongs to the north team; every record used here belongs to a
customer of the south team (its interactions, letters, quotes, orders,
tickets...) or to another user (wizards, alarms). For each public method of
the suite's models (a name without a leading underscore, not marked
``@api.private``) the table ``PROBES`` says how it is called and what the
agent must get:

* ``DENIED``: an ``AccessError`` (XML-RPC fault 4);
* a check function: the call is allowed by design and the check asserts that
  none of the other portfolio's data comes back (customers themselves are a
  directory every employee may look up; their interactions, letters and
  ledgers are need-to-know).

``test_every_public_method_is_probed`` reads the addons' source and fails
when a public method is added without a line in ``PROBES`` (or in
``ORM_OVERRIDES`` for overrides of the ORM's own methods, whose rights are
the ordinary access rules, tested with the role matrix of
``crm_access_policy``), or in ``ORM_HOOKS`` for the hooks the ORM calls
itself, which no client may call).
"""

import ast
import datetime
import os
import uuid
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ACCESS_ERROR = 4
DENIED = "denied"
RUN = uuid.uuid4().hex[:8]

# Overrides of the ORM's own public methods: covered by the access rules
# (see crm_access_policy's role x model x operation matrix) and, for the read
# paths, by the adversarial tables (crm_access_policy's test_adversarial_read
# and tests/test_attack_read_rpc.py), not probed here.
ORM_OVERRIDES = {
    "create",
    "write",
    "unlink",
    "read",
    "search_read",
    "export_data",
    "copy_data",
    "name_search",
    "read_group",
    "formatted_read_group",
    "formatted_read_grouping_sets",
    "web_read_group",
    "web_read",
    "search_fetch",
    "search_count",
    # loads fields into the cache and returns nothing: a read of contacts
    # fetches the fields deciding its masking along (crm_access_policy's
    # TestReadFactsMemory)
    "fetch",
    # a form's onchange: the copies of a customer's values it computes are
    # masked (crm_access_policy's test_adversarial_copies)
    "onchange",
}
# Hooks the ORM calls itself (at install or upgrade): private in the ORM
# (``@api.private``), so RPC refuses them whatever an override says; checked
# by ``test_orm_hooks_are_refused_over_rpc``.
ORM_HOOKS = {"init"}
# Odoo's own public members the suite extends without changing who may call
# them: the web client's session (no data of customers), the user fields a
# user reads and writes on their own record.
ODOO_OVERRIDES = {
    ("ir.http", "session_info"),
    ("res.users", "SELF_READABLE_FIELDS"),
    ("res.users", "SELF_WRITEABLE_FIELDS"),
}


def _addons_dir():
    paths = os.environ.get("ODOO_ADDONS_PATH") or str(Path(__file__).parents[1] / "addons")
    for path in paths.split(","):
        if (Path(path) / "crm_suite" / "__manifest__.py").is_file():
            return Path(path)
    pytest.fail(f"the suite's addons are not on {paths}", pytrace=False)


def _model_of(cls):
    names = {}
    for node in cls.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in ("_name", "_inherit")
        ):
            value = node.value
            if isinstance(value, ast.Constant):
                names[node.targets[0].id] = value.value
            elif isinstance(value, (ast.Tuple, ast.List)) and value.elts:
                names[node.targets[0].id] = value.elts[0].value
    return names.get("_name") or names.get("_inherit")


def public_methods(addons):
    """``{(model, method)}`` of the public methods defined by the suite's addons."""
    found = set()
    for path in sorted(addons.glob("*/**/*.py")):
        parts = path.relative_to(addons).parts
        if {"tests", "migrations"} & set(parts):
            continue
        for cls in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(cls, ast.ClassDef) or not (model := _model_of(cls)):
                continue
            for node in cls.body:
                if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                    continue
                if any("private" in ast.unparse(d) for d in node.decorator_list):
                    continue
                found.add((model, node.name))
    return found


# ------------------------------------------------------------------
# The two portfolios
# ------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(server, xmlrpc_models, ref):
    """Records of the south portfolio, made as admin, and the north agent's RPC call."""
    _uid, call = xmlrpc_models
    ids = {}
    login = f"north-agent-{RUN}"
    ids["agent"] = call(
        "res.users",
        "create",
        {
            "name": f"North agent {RUN}",
            "login": login,
            "password": login,
            "group_ids": [(6, 0, [ref("crm_access_policy.group_crm_agent")])],
        },
    )
    north = call("crm.team", "create", {"name": f"North {RUN}"})
    south = call("crm.team", "create", {"name": f"South {RUN}"})
    call("crm.team.member", "create", {"crm_team_id": north, "user_id": ids["agent"]})
    ids["mobile"] = "0935" + str(uuid.uuid4().int)[:7]
    ids["customer"] = call(
        "res.partner",
        "create",
        {
            "name": f"South customer {RUN}",
            "is_company": True,
            "portfolio_team_id": south,
            "mobile": ids["mobile"],
        },
    )
    ids["twin"] = call(
        "res.partner",
        "create",
        {"name": f"South customer {RUN}", "is_company": True, "portfolio_team_id": south},
    )
    ids["cid"] = call("res.partner", "read", [ids["customer"]], ["cid"])[0]["cid"]
    [created, rejected] = call(
        "crm.interaction",
        "ingest",
        [
            {
                "channel": "phone",
                "direction": "inbound",
                "external_id": f"south-{RUN}",
                "occurred_at": "2025-03-21T09:30:00",
                "keys": {"cid": ids["cid"]},
                "subject": f"south secret {RUN}",
            },
            {"channel": "phone", "direction": "sideways", "external_id": f"bad-{RUN}"},
        ],
    )
    assert created["status"] == "created" and rejected["status"] == "rejected"
    ids["interaction"], ids["quarantine"] = created["id"], rejected["quarantine_id"]
    ids["link"] = call(
        "crm.interaction.link",
        "create",
        {"interaction_id": ids["interaction"], "res_model": "res.partner", "res_id": ids["twin"]},
    )
    ids["duplicate"] = call(
        "crm.cid.duplicate",
        "create",
        {"partner_a_id": ids["customer"], "partner_b_id": ids["twin"], "reason": "name"},
    )
    [ids["key_type"]] = call("crm.cid.key.type", "search", [("code", "=", "mobile")])
    # alarms are raised by the access log only; any existing one will do, and
    # an id that does not exist is refused by the model's rights all the same
    ids["alarm"] = (call("crm.access.alarm", "search", [], limit=1) or [0])[0]
    # letters: one registered, referred to admin and linked to the customer
    ids["letter"] = call(
        "secretariat.letter",
        "create",
        {"kind": "incoming", "subject": f"south letter {RUN}", "partner_id": ids["customer"]},
    )
    call("secretariat.letter", "action_register", [ids["letter"]])
    [ids["referral"]] = call("secretariat.letter", "refer", [ids["letter"]], [_uid], "check")
    [ids["letter_link"]] = call(
        "secretariat.letter", "link_documents", [ids["letter"]], "res.partner", [ids["customer"]]
    )
    ids["draft_letter"] = call(
        "secretariat.letter",
        "create",
        {"kind": "incoming", "subject": f"south draft {RUN}", "partner_id": ids["customer"]},
    )
    # prices, orders and tickets of the south customer
    ids["product"] = call("product.product", "create", {"name": f"P {RUN}", "list_price": 90.0})
    quote = call("crm.price.quote", "get_price", ids["customer"], ids["product"], 1, "sales")
    ids["quote"] = quote["quote_id"]
    ids["price_log"] = call("crm.price.log", "search", [], limit=1, order="id desc")[0]
    ids["order"] = call("sale.order", "create", {"partner_id": ids["customer"]})
    ids["order_line"] = call(
        "sale.order.line",
        "create",
        {"order_id": ids["order"], "product_id": ids["product"], "product_uom_qty": 1},
    )
    ids["ticket"] = call(
        "helpdesk.ticket",
        "create",
        {"name": f"south ticket {RUN}", "description": "x", "partner_id": ids["customer"]},
    )
    # a department headed by the administrator, for referrals to departments
    manager = call("hr.employee", "search", [("user_id", "=", _uid)], limit=1) or [
        call("hr.employee", "create", {"name": f"Head {RUN}", "user_id": _uid})
    ]
    ids["department"] = call(
        "hr.department", "create", {"name": f"Department {RUN}", "manager_id": manager[0]}
    )
    # wizards of the administrator
    today = datetime.date.today().isoformat()
    ids["statement"] = call(
        "crm.ledger.statement",
        "create",
        {"partner_id": ids["customer"], "date_from": "2025-01-01", "date_to": today},
    )
    ids["statement_line"] = call(
        "crm.ledger.statement.line", "create", {"statement_id": ids["statement"]}
    )
    ids["link_wizard"] = call(
        "crm.interaction.link.partner",
        "create",
        {"interaction_ids": [(6, 0, [ids["interaction"]])], "partner_id": ids["customer"]},
    )
    ids["log_wizard"] = call(
        "crm.interaction.log",
        "create",
        {"partner_id": ids["customer"], "channel_id": created_channel(call)},
    )
    ids["import_wizard"] = call("crm.cid.import", "create", {})
    ids["refer_wizard"] = call(
        "secretariat.letter.refer",
        "create",
        {"letter_ids": [(6, 0, [ids["letter"]])], "user_ids": [(6, 0, [_uid])]},
    )
    ids["dissatisfied_wizard"] = call(
        "helpdesk.ticket.dissatisfied",
        "create",
        {"ticket_id": ids["ticket"], "reason": f"south complaint {RUN}"},
    )
    ids["link_add_wizard"] = call(
        "secretariat.letter.link.add",
        "create",
        {
            "res_model": "res.partner",
            "res_id": ids["twin"],
            "letter_ids": [(6, 0, [ids["letter"]])],
        },
    )
    ids["register_wizard"] = call("secretariat.register.print", "create", {})
    ids["price_wizard"] = call(
        "crm.price.check",
        "create",
        {"partner_id": ids["customer"], "product_id": ids["product"], "unit": "sales"},
    )
    # an offboarding under way and a layoff-mode wizard, both of the administrator
    ids["leaver"] = call(
        "res.users",
        "create",
        {"name": f"Leaver {RUN}", "login": f"leaver-{RUN}", "password": f"leaver-{RUN}"},
    )
    ids["offboarding"] = call(
        "crm.access.offboarding", "create", {"user_id": ids["leaver"], "successor_id": _uid}
    )
    ids["watch_wizard"] = call(
        "crm.access.watch.wizard", "create", {"user_ids": [(6, 0, [ids["leaver"]])]}
    )
    ids["jalali_year"] = call("secretariat.letter", "read", [ids["letter"]], ["indicator_number"])[
        0
    ]["indicator_number"].split("/")[0]
    # the administrator's own limited card and request for temporary access
    ids["access_card"] = call("crm.access.card", "create", {"partner_id": ids["customer"]})
    ids["grant"] = call("crm.access.grant", "request_access", ids["customer"], f"admin asks {RUN}")
    # a file on the south customer's card
    ids["attachment"] = call(
        "ir.attachment",
        "create",
        {
            "name": f"south card {RUN}.txt",
            "datas": "c291dGggc2Nhbg==",
            "res_model": "res.partner",
            "res_id": ids["customer"],
        },
    )

    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    agent_uid = common.authenticate(server.db, login, login, {})
    assert agent_uid == ids["agent"]
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def as_agent(model, method, *args, **kwargs):
        return models.execute_kw(server.db, agent_uid, login, model, method, list(args), kwargs)

    return {
        "ids": ids,
        "as_agent": as_agent,
        "admin": call,
        "url": server.url,
        "db": server.db,
        "login": login,
        "admin_login": server.login,
        "admin_password": server.password,
    }


def created_channel(call):
    return call("crm.interaction.channel", "search", [("code", "=", "phone")])[0]


# ------------------------------------------------------------------
# What is allowed by design, and what must not come back
# ------------------------------------------------------------------


def _no_interaction_leaks(result, w):
    assert f"south secret {RUN}" not in repr(result), result


def _caller_card_hides_interactions(result, w):
    assert result["last_interactions"] == [] and result["open_interactions"] == 0, result
    _no_interaction_leaks(result, w)


def _timeline_is_empty(result, w):
    assert result["items"] == [], result


def _directory_lookup(result, w):
    # customers are a directory: the lookup answers with the customer's
    # number and ids, never with its interactions or letters
    _no_interaction_leaks(result, w)
    assert f"south letter {RUN}" not in repr(result)


def _no_letter_of_the_customer(result, w):
    assert w["ids"]["letter"] not in [
        row["id"] if isinstance(row, dict) else row for row in result
    ], result


def _reconcile_counts_only(result, w):
    # an integrator learns whether its own provider ids arrived, nothing else
    assert set(result) == {"missing", "present", "quarantined"}, result
    _no_interaction_leaks(result, w)


def _action_only(result, w):
    # a button that opens a window: the action carries a domain, never rows;
    # the rows are read (and filtered by the rules) when the window opens
    assert isinstance(result, dict) and result["type"].startswith("ir.actions."), result
    _no_interaction_leaks(result, w)
    assert f"south letter {RUN}" not in repr(result)


def _limited_card_masked(result, w):
    # any employee opens the card of any customer: name, CID, masked keys,
    # counts; never the interactions nor the full mobile
    assert result["partner_id"] == w["ids"]["customer"] and result["cid"] == w["ids"]["cid"]
    assert result["in_portfolio"] is False, result
    assert w["ids"]["mobile"][-7:] not in repr(result), result
    _no_interaction_leaks(result, w)


def _requested_only(result, w):
    # anyone may ask; the request itself opens nothing
    assert isinstance(result, int), result
    found = w["as_agent"](
        "crm.interaction", "search", [("commercial_partner_id", "=", w["ids"]["customer"])]
    )
    assert w["ids"]["interaction"] not in found, found


def _logged_but_unreadable(result, w):
    # logging a call is open to every interaction user, even from a dialog
    # someone else opened; the agent still cannot read the customer's history
    assert result == {"type": "ir.actions.act_window_close"}, result
    found = w["as_agent"](
        "crm.interaction", "search", [("commercial_partner_id", "=", w["ids"]["customer"])]
    )
    assert w["ids"]["interaction"] not in found, found


def _stored_but_unreadable(result, w):
    # an item naming another portfolio's customer is stored (nothing is
    # lost); the agent learns its id and the customer its own keys named, and
    # cannot read the interaction back
    [item] = result
    assert item["status"] == "created", item
    assert item["partner_id"] == w["ids"]["customer"] and item["cid"] == w["ids"]["cid"], item
    _no_interaction_leaks(result, w)
    [row] = w["admin"]("crm.interaction", "read", [item["id"]], ["commercial_partner_id"])
    assert row["commercial_partner_id"][0] == w["ids"]["customer"], row
    with pytest.raises(xmlrpc.client.Fault) as caught:
        w["as_agent"]("crm.interaction", "read", [item["id"]], ["subject", "body"])
    assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-800:]


def _interactions_untouched(result, w):
    # the wizard's interactions are a many2many: the agent's copy of them is
    # filtered by the rules, so another portfolio's interactions are left alone
    assert result == {"type": "ir.actions.act_window_close"}, result
    [row] = w["admin"]("crm.interaction", "read", [w["ids"]["interaction"]], ["write_uid"])
    assert row["write_uid"][0] != w["ids"]["agent"], row


def _report_html(world, login, password, report, key):
    session = requests.Session()
    answer = session.post(
        f"{world['url']}/web/session/authenticate",
        json={"params": {"db": world["db"], "login": login, "password": password}},
        timeout=60,
    )
    assert answer.ok and answer.json().get("result"), answer.text[:500]
    page = session.get(f"{world['url']}/report/html/{report}/{world['ids'][key]}", timeout=120)
    return page.text


def _print_refused(report, key, marker):
    """The print button of another portfolio's record gives no document."""

    def check(world):
        # over JSON-RPC: a report action holds None values, which XML-RPC
        # cannot carry; the action is only a descriptor either way, the
        # document is rendered by the report route below
        answer = requests.post(
            f"{world['url']}/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [
                        world["db"],
                        world["ids"]["agent"],
                        world["login"],
                        world["probe_model"],
                        world["probe_method"],
                        [[world["ids"][key]]],
                    ],
                },
            },
            timeout=60,
        ).json()
        if "error" in answer:
            assert answer["error"]["data"]["name"] == "odoo.exceptions.AccessError", answer
        else:
            assert answer["result"]["type"] == "ir.actions.report", answer
        admin_page = _report_html(world, world["admin_login"], world["admin_password"], report, key)
        assert marker in admin_page, "the report does not show what this test looks for"
        agent_page = _report_html(world, world["login"], world["login"], report, key)
        assert marker not in agent_page, "the agent read the document"

    return check


def _merge_refused(world):
    """An agent cannot merge another team's customers (nor open the merge wizard)."""
    ids = world["ids"]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        wizard = world["as_agent"](
            "base.partner.merge.automatic.wizard",
            "create",
            {
                "partner_ids": [(6, 0, [ids["customer"], ids["twin"]])],
                "dst_partner_id": ids["customer"],
                "state": "selection",
            },
        )
        world["as_agent"]("base.partner.merge.automatic.wizard", "action_merge", [wizard])
    assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-800:]


def _dial_refused_clearly(world):
    """Without a PBX set up the agent is told so; nothing about the customer comes back."""
    with pytest.raises(xmlrpc.client.Fault) as caught:
        world["as_agent"]("crm.interaction", "dial", world["ids"]["mobile"])
    assert "Traceback" not in caught.value.faultString
    assert "PBX" in caught.value.faultString, caught.value.faultString[-400:]


@dataclass(frozen=True)
class Probe:
    """How to call one method as the agent, and what it must answer."""

    call: object  # ids -> (args, kwargs)
    expect: object = DENIED
    why: str = ""
    model: str = None  # the model to call, for methods of abstract models
    gap: str = ""  # a known gap: the test is expected to fail until it is fixed
    custom: object = None  # world -> None, for probes that need more than one call


def _on(key, *extra, **kw):
    return lambda ids: ([[ids[key]], *[e(ids) if callable(e) else e for e in extra]], kw)


def _model(*args, **kw):
    return lambda ids: ([a(ids) if callable(a) else a for a in args], kw)


PROBES = {
    # crm_cid
    ("res.partner", "cid_resolve"): Probe(
        _model(lambda ids: {"mobile": ids["mobile"]}),
        _directory_lookup,
        "customers are a directory",
    ),
    ("res.partner", "cid_find_or_create"): Probe(
        _model(lambda ids: {"mobile": ids["mobile"]}),
        _directory_lookup,
        "customers are a directory",
    ),
    ("res.partner", "cid_add_key"): Probe(
        _on("customer", "telegram", f"@south_{RUN}"),
    ),
    ("res.partner", "action_open_cid_keys"): Probe(_on("customer"), _action_only, "opens a window"),
    ("crm.cid.import", "import_rows"): Probe(
        _model(lambda ids: [{"name": "x", "mobile": ids["mobile"]}])
    ),
    ("crm.cid.import", "action_import"): Probe(_on("import_wizard")),
    ("crm.cid.duplicate", "action_dismiss"): Probe(_on("duplicate")),
    ("crm.cid.duplicate", "action_merge"): Probe(_on("duplicate")),
    ("crm.cid.duplicate", "action_reset"): Probe(_on("duplicate")),
    ("crm.cid.duplicate", "action_find_duplicates"): Probe(_model()),
    ("crm.cid.key.type", "action_open_keys"): Probe(
        _on("key_type"), _action_only, "opens a window"
    ),
    # crm_interaction
    ("crm.interaction", "ingest"): Probe(
        _model(
            lambda ids: [
                {
                    "channel": "sms",
                    "direction": "inbound",
                    "external_id": f"agent-{RUN}",
                    "occurred_at": "2025-03-21T10:00:00",
                    "mobile": ids["mobile"],
                    "body": "hello",
                }
            ]
        ),
        _stored_but_unreadable,
        "stored for the customer it names; the agent cannot read it back",
    ),
    ("crm.interaction", "reconcile"): Probe(
        _model("phone", [f"south-{RUN}"]),
        _reconcile_counts_only,
        "integrators check which of their own ids arrived",
    ),
    ("base.partner.merge.automatic.wizard", "action_merge"): Probe(
        _model(),
        why="merging moves customers between portfolios: Team Leads and Managers only",
        custom=_merge_refused,
    ),
    ("crm.interaction", "dial"): Probe(
        _model(lambda ids: ids["mobile"]),
        why="dials from the agent's own extension; touches no customer data",
        custom=_dial_refused_clearly,
    ),
    ("crm.interaction", "caller_card"): Probe(
        _model(lambda ids: ids["mobile"]),
        _caller_card_hides_interactions,
        "the caller is named; their interactions are hidden",
    ),
    ("crm.interaction", "timeline_page"): Probe(
        _model(lambda ids: ids["customer"]), _timeline_is_empty, "rows filtered by the rules"
    ),
    ("crm.interaction", "timeline_options"): Probe(
        _model(), _no_interaction_leaks, "channels, reasons and teams only"
    ),
    ("crm.interaction", "action_mark_handled"): Probe(_on("interaction")),
    ("crm.interaction", "action_mark_needs_reply"): Probe(_on("interaction")),
    ("crm.interaction", "action_reset_new"): Probe(_on("interaction")),
    ("crm.interaction", "action_open_link_partner"): Probe(
        _on("interaction"), _action_only, "opens a window"
    ),
    ("crm.interaction", "action_open_links"): Probe(
        _on("interaction"), _action_only, "opens a window"
    ),
    # crm_interaction_webhook: answering a WhatsApp or Instagram message
    ("crm.interaction", "reply"): Probe(_on("interaction", "سلام")),
    ("crm.interaction", "action_send_reply"): Probe(_on("interaction")),
    ("crm.interaction", "action_open_secretariat_letter"): Probe(_on("interaction")),
    ("crm.interaction", "action_secretariat_register_letter"): Probe(_on("interaction")),
    ("crm.interaction.link.partner", "action_link"): Probe(
        _on("link_wizard"), _interactions_untouched, "rows the agent cannot see are skipped"
    ),
    ("crm.interaction.log", "action_log"): Probe(
        _on("log_wizard"), _logged_but_unreadable, "logging a call is open to every user"
    ),
    ("crm.interaction.mixin", "action_interaction_log"): Probe(
        _on("ticket"), model="helpdesk.ticket"
    ),
    ("crm.interaction.mixin", "action_interaction_open_list"): Probe(
        _on("ticket"), model="helpdesk.ticket"
    ),
    ("res.partner", "action_interaction_log"): Probe(
        _on("customer"), _action_only, "opens the log dialog"
    ),
    ("res.partner", "action_interaction_open_list"): Probe(
        _on("customer"), _action_only, "opens a window"
    ),
    ("crm.interaction.quarantine", "action_discard"): Probe(_on("quarantine")),
    ("crm.interaction.quarantine", "action_reprocess"): Probe(_on("quarantine")),
    ("crm.interaction.quarantine", "action_reset_new"): Probe(_on("quarantine")),
    ("crm.interaction.quarantine", "reprocess"): Probe(_on("quarantine")),
    # crm_access_policy
    ("crm.access.log", "access_report"): Probe(_model(lambda ids: ids["agent"])),
    ("crm.access.alarm", "action_clear"): Probe(_on("alarm")),
    ("crm.access.watch.wizard", "action_apply"): Probe(_on("watch_wizard")),
    # crm_access_policy_offboarding
    ("crm.access.offboarding", "action_offboard"): Probe(_on("offboarding")),
    ("crm.access.offboarding", "action_cancel"): Probe(_on("offboarding")),
    ("crm.access.offboarding", "action_open_access_report"): Probe(_on("offboarding")),
    ("crm.access.offboarding", "action_print_access_report"): Probe(_on("offboarding")),
    ("res.users", "action_crm_access_offboard"): Probe(_on("leaver")),
    ("res.users", "action_archive"): Probe(_on("leaver")),
    ("res.partner", "crm_access_limited_card"): Probe(
        _model(lambda ids: ids["customer"]),
        _limited_card_masked,
        "the limited card of any customer, keys masked",
    ),
    ("res.partner", "action_crm_access_limited_card"): Probe(
        _on("customer"), _action_only, "opens the limited card"
    ),
    ("crm.access.card", "action_request_access"): Probe(_on("access_card")),
    # crm_access_policy: files of customers seen masked
    ("ir.attachment", "generate_access_token"): Probe(
        _on("attachment"), why="a token would serve another portfolio's file to anyone"
    ),
    ("crm.access.grant", "request_access"): Probe(
        _model(lambda ids: ids["customer"], f"agent asks {RUN}"),
        _requested_only,
        "anyone may ask for access; asking gives none",
    ),
    ("crm.access.grant", "action_grant"): Probe(_on("grant")),
    ("crm.access.grant", "action_refuse"): Probe(_on("grant")),
    ("crm.access.grant", "action_revoke"): Probe(_on("grant")),
    # crm_ledger
    ("res.partner", "cid_balance"): Probe(_on("customer")),
    ("res.partner", "cid_statement"): Probe(_on("customer", "2025-01-01", "2025-12-31")),
    ("res.partner", "action_ledger_open_items"): Probe(_on("customer")),
    ("res.partner", "action_ledger_statement"): Probe(_on("customer")),
    ("crm.ledger.statement", "action_compute"): Probe(_on("statement")),
    ("crm.ledger.statement", "action_print"): Probe(
        None, custom=_print_refused("crm_ledger.report_statement", "statement", "Statement of")
    ),
    ("crm.ledger.statement.line", "action_open_document"): Probe(_on("statement_line")),
    # crm_ledger_helpdesk
    ("helpdesk.ticket", "action_ledger_mark_dissatisfied"): Probe(_on("ticket")),
    ("helpdesk.ticket", "action_ledger_clear_dissatisfied"): Probe(_on("ticket")),
    ("helpdesk.ticket", "ledger_set_dissatisfied"): Probe(_on("ticket", f"agent says {RUN}")),
    ("helpdesk.ticket.dissatisfied", "action_confirm"): Probe(_on("dissatisfied_wizard")),
    # crm_ledger_interaction
    ("crm.ledger.statement.line", "action_open_interactions"): Probe(_on("statement_line")),
    # crm_ledger_sale
    ("sale.order", "action_confirm"): Probe(_on("order")),
    ("sale.order", "action_ledger_approve"): Probe(_on("order")),
    # crm_ledger_secretariat
    ("crm.ledger.statement.line", "action_open_letters"): Probe(_on("statement_line")),
    # crm_price_consistency
    ("crm.price.quote", "get_price"): Probe(
        _model(lambda ids: ids["customer"], lambda ids: ids["product"], 1, "sales")
    ),
    ("crm.price.quote", "action_cancel"): Probe(_on("quote")),
    ("crm.price.quote", "action_open_source"): Probe(_on("quote")),
    ("crm.price.log", "action_open_source"): Probe(_on("price_log")),
    ("crm.price.check", "action_check"): Probe(_on("price_wizard")),
    ("crm.price.check", "action_create_quotation"): Probe(_on("price_wizard")),
    ("sale.order", "action_view_crm_price_quotes"): Probe(_on("order")),
    # crm_price_consistency_helpdesk
    ("helpdesk.ticket", "action_crm_price_check"): Probe(_on("ticket")),
    ("helpdesk.ticket", "action_view_crm_price_quotes"): Probe(
        _on("ticket"), _action_only, "opens a window"
    ),
    ("helpdesk.ticket", "crm_price_create_quotation"): Probe(
        _on("ticket", lambda ids: [{"product_id": ids["product"], "quantity": 1}])
    ),
    # crm_price_consistency_tier
    ("sale.order", "request_validation"): Probe(_on("order")),
    ("sale.order", "validate_tier"): Probe(_on("order")),
    ("sale.order", "reject_tier"): Probe(_on("order")),
    # secretariat
    ("secretariat.letter", "action_register"): Probe(_on("draft_letter")),
    ("secretariat.letter", "action_cancel"): Probe(_on("letter")),
    ("secretariat.letter", "action_done"): Probe(_on("letter")),
    ("secretariat.letter", "action_file"): Probe(_on("letter")),
    ("secretariat.letter", "action_open_refer"): Probe(
        _on("letter"), _action_only, "opens a window"
    ),
    ("secretariat.letter", "action_open_referrals"): Probe(
        _on("letter"), _action_only, "opens a window"
    ),
    ("secretariat.letter", "action_print"): Probe(
        None, custom=_print_refused("secretariat.report_letter", "letter", f"south letter {RUN}")
    ),
    ("secretariat.letter", "refer"): Probe(_on("letter", lambda ids: [ids["agent"]])),
    ("secretariat.letter", "link_documents"): Probe(
        _on("letter", "res.partner", lambda ids: [ids["twin"]])
    ),
    ("secretariat.letter", "letters_of_document"): Probe(
        _model("res.partner", lambda ids: ids["customer"]),
        _no_letter_of_the_customer,
        "answers with the letters the user may read",
    ),
    ("secretariat.letter", "read_register"): Probe(
        _model(lambda ids: int(ids["jalali_year"])),
        _no_letter_of_the_customer,
        "lists the letters the user may read",
    ),
    ("secretariat.letter", "find_correspondent"): Probe(
        _model(lambda ids: {"cid": ids["cid"]}), _directory_lookup, "customers are a directory"
    ),
    # crm_cid's link mixin, shared by interaction and letter links
    ("crm.document.link.mixin", "action_open_document"): Probe(
        _on("letter_link"), model="secretariat.letter.link"
    ),
    ("secretariat.letter.link.add", "action_confirm"): Probe(_on("link_add_wizard")),
    ("secretariat.letter.linked.mixin", "action_open_secretariat_letters"): Probe(
        _on("order"), model="sale.order"
    ),
    ("secretariat.letter.linked.mixin", "action_link_secretariat_letters"): Probe(
        _on("ticket"), model="helpdesk.ticket"
    ),
    ("secretariat.register.print", "action_print"): Probe(_on("register_wizard")),
    ("secretariat.letter.refer", "action_confirm"): Probe(_on("refer_wizard")),
    ("secretariat.letter.referral", "action_answer"): Probe(_on("referral")),
    ("secretariat.letter.referral", "action_mark_seen"): Probe(_on("referral")),
    ("secretariat.letter.referral", "answer"): Probe(_on("referral", "done")),
    ("secretariat.letter.referral", "forward"): Probe(_on("referral", lambda ids: [ids["agent"]])),
    ("res.partner", "action_open_secretariat_letters"): Probe(
        _on("customer"), _action_only, "opens a window"
    ),
    # secretariat_hr
    ("secretariat.letter", "refer_departments"): Probe(
        _on("letter", lambda ids: [ids["department"]])
    ),
}


def test_every_public_method_is_probed():
    public = public_methods(_addons_dir())
    missing = sorted(
        m
        for m in public
        if m not in PROBES and m not in ODOO_OVERRIDES and m[1] not in ORM_OVERRIDES | ORM_HOOKS
    )
    assert not missing, (
        "public methods without an access probe (add them to PROBES, or make them private "
        f"with a leading underscore or @api.private): {missing}"
    )
    stale = sorted(set(PROBES) - public)
    assert not stale, f"probes of methods that no longer exist: {stale}"


@pytest.mark.parametrize("hook", sorted(ORM_HOOKS))
def test_orm_hooks_are_refused_over_rpc(world, hook):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        world["as_agent"]("res.partner", hook, [world["ids"]["customer"]])
    assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-800:]


@pytest.mark.parametrize(
    ("model", "method"),
    [
        pytest.param(
            *key,
            marks=[pytest.mark.xfail(strict=True, reason=PROBES[key].gap)]
            if PROBES[key].gap
            else [],
        )
        for key in sorted(PROBES)
    ],
    ids=lambda value: str(value).replace(".", "_"),
)
def test_agent_on_another_portfolio(world, model, method):
    probe = PROBES[(model, method)]
    ids = world["ids"]
    if probe.custom:
        probe.custom(dict(world, probe_model=model, probe_method=method))
        return
    args, kwargs = probe.call(ids)
    model = probe.model or model
    if probe.expect == DENIED:
        with pytest.raises(xmlrpc.client.Fault) as caught:
            world["as_agent"](model, method, *args, **kwargs)
        assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-800:]
        assert "Traceback" not in caught.value.faultString
    else:
        result = world["as_agent"](model, method, *args, **kwargs)
        probe.expect(result, world)
