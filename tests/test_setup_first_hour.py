"""README.md's "First hour": the integrator's curl call over JSON-2 answers as shown."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
_CURL = re.compile(r"<!-- first-hour: json2-curl -->\n```bash\n(.*?)\n```", re.S)


def test_the_curl_example_resolves_the_customer(server, api_key, xmlrpc_models):
    blocks = _CURL.findall(README.read_text(encoding="utf-8"))
    assert len(blocks) == 1, "README.md: the First hour's curl example is missing"
    assert shutil.which("curl"), "curl is needed to run the README's example"
    script = blocks[0].replace("export ODOO_API_KEY=...", ": ")
    _uid, call = xmlrpc_models
    customer = call(
        "res.partner", "cid_find_or_create", {"mobile": "0912 345 6789"}, {"name": "علی رضایی"}
    )
    env = dict(os.environ, ODOO_URL=server.url, ODOO_DB=server.db, ODOO_API_KEY=api_key)
    done = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["cid"] == customer["cid"]
    assert answer["partner_id"] == customer["partner_id"]
    assert answer["conflict"] is False
    assert [m["type"] for m in answer["matched"]] == ["mobile"]
    # the shape shown in the README is the shape answered
    text = README.read_text(encoding="utf-8")
    after = text[text.index("<!-- first-hour: json2-curl -->") :]
    shown = re.search(r"```json\n(.*?)\n\s*```", after, re.S)
    assert shown, "README.md: the First hour's sample answer is missing"
    assert set(json.loads(shown.group(1))) == set(answer)


def test_a_wrong_key_is_refused(server):
    blocks = _CURL.findall(README.read_text(encoding="utf-8"))
    script = blocks[0].replace("export ODOO_API_KEY=...", ": ")
    script = script.replace("curl -sS", "curl -sS -o /dev/null -w '%{http_code}'")
    env = dict(os.environ, ODOO_URL=server.url, ODOO_DB=server.db, ODOO_API_KEY="not-a-key")
    done = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "401", done.stdout + done.stderr


def test_the_menus_the_walk_through_names_exist(xmlrpc_models):
    _uid, call = xmlrpc_models
    paths = {
        "crm_suite.crm_suite_menu_customers": "CRM Suite/Customers",
        "crm_suite.crm_suite_menu_interactions_all": "CRM Suite/Interactions/All interactions",
        "crm_suite.crm_suite_menu_statement": "CRM Suite/Customer statement",
        "crm_ledger.crm_ledger_statement_menu": "Invoicing/Customers/Customer statement",
    }
    for xmlid, path in paths.items():
        module, name = xmlid.split(".")
        data = call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        assert data, xmlid
        menu = call("ir.ui.menu", "read", [data[0]["res_id"]], fields=["complete_name"])
        assert menu[0]["complete_name"] == path, (xmlid, menu)
