"""Screenshots of the real suite for the documentation, in headless Chromium.

Start the demo server first (``scripts/run.sh``), then::

    python3 docs/take_screenshots.py [--url http://127.0.0.1:8069] [--db crm_suite]

It signs in as the demo users, opens the pages listed in ``SHOTS`` and saves
PNG files under ``docs/screenshots/``. Needs the ``playwright`` package
(``pip install -r docs/requirements.txt``) and Debian's ``chromium``; it never
downloads a browser.
"""

import argparse
import xmlrpc.client
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# (file name, login, url path or callable(ids) -> path, CSS selector to wait for, typed search)
SHOTS = [
    ("01-login.png", None, "/web/login", ".oe_login_form", None),
    ("02-customers.png", "sales", "/odoo/action-crm_suite.crm_suite_action_customers", ".o_list_renderer, .o_kanban_renderer", None),
    ("03-search-persian-digits.png", "sales", "/odoo/action-crm_suite.crm_suite_action_customers", ".o_list_renderer, .o_kanban_renderer", "۰۹۱۲ ۳۴۵ ۶۷۸۹"),
    ("04-customer-360.png", "sales", lambda ids: f"/odoo/res.partner/{ids['crm_suite.partner_zahra_hosseini']}", ".o_form_view", None),
    ("05-company-contacts.png", "sales", lambda ids: f"/odoo/res.partner/{ids['crm_suite.partner_folad_pars']}", ".o_form_view", None),
    ("06-identity-keys.png", "manager", "/odoo/action-crm_cid.crm_cid_key_action", ".o_list_renderer", None),
    ("07-duplicates.png", "manager", "/odoo/action-crm_cid.crm_cid_duplicate_action", ".o_list_renderer, .o_view_nocontent", None),
]


def _xmlids(url, db):
    """Database ids of the demo records the shots open."""
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")
    wanted = {"partner_zahra_hosseini", "partner_folad_pars"}
    rows = models.execute_kw(
        db, uid, "admin", "ir.model.data", "search_read",
        [[("module", "=", "crm_suite"), ("name", "in", sorted(wanted))]],
        {"fields": ["name", "res_id"]},
    )
    return {f"crm_suite.{r['name']}": r["res_id"] for r in rows}


def _login(page, url, db, login):
    page.goto(f"{url}/web/login?db={db}")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.click(".oe_login_form button[type=submit]")
    page.wait_for_selector(".o_main_navbar", timeout=60000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="crm_suite")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    ids = _xmlids(args.url, args.db)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        contexts = {}
        for name, login, target, ready, search in SHOTS:
            if login not in contexts:
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                page = context.new_page()
                if login:
                    _login(page, args.url, args.db, login)
                contexts[login] = page
            page = contexts[login]
            path = target(ids) if callable(target) else target
            page.goto(args.url + path)
            page.wait_for_selector(ready, timeout=60000)
            if search:
                box = page.locator(".o_searchview_input")
                box.fill(search)
                box.press("Enter")
                page.wait_for_timeout(1500)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / name))
            print("saved", OUT / name)
        browser.close()


if __name__ == "__main__":
    main()
