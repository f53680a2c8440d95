"""Screenshots of the real suite for the documentation, in headless Chromium.

Start the demo server first (``scripts/run.sh``), then::

    python3 docs/take_screenshots.py [--url http://127.0.0.1:8069] [--db crm_suite]

It signs in as the demo users (who work in Persian, right to left), opens the
pages listed in ``SHOTS`` and saves PNG files under ``docs/screenshots/``.
Needs the ``playwright`` package (``pip install -r docs/requirements.txt``) and
Debian's ``chromium``; it never downloads a browser. Pillow, when installed,
shrinks large images to a palette PNG.
"""

import argparse
import io
import sys
import xmlrpc.client
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

try:
    from PIL import Image
except ImportError:  # optional: images are kept as Chromium wrote them
    Image = None

OUT = Path(__file__).resolve().parent / "screenshots"
VIEWPORT = {"width": 1440, "height": 900}
MAX_BYTES = 400 * 1024
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

LIST = ".o_list_renderer"
LIST_OR_EMPTY = ".o_list_renderer, .o_view_nocontent"
FORM = ".o_form_view .o_form_sheet"


def _search(text):
    """Type ``text`` in the search box and take the default suggestion."""

    def step(page):
        box = page.locator(".o_searchview_input")
        box.click()
        box.type(text, delay=30)
        page.wait_for_selector(".o_searchview_autocomplete", timeout=10000)
        box.press("Enter")
        page.wait_for_selector(".o_searchview_facet", timeout=10000)

    return step


def _open_tab(name):
    """Open the notebook page ``name`` of a form."""

    def step(page):
        tab = page.locator(f".o_notebook_headers a[name='{name}']")
        if tab.count():
            tab.first.click()
            page.wait_for_selector(f".o_notebook_headers a[name='{name}'].active", timeout=10000)

    return step


def _sort_by(column, descending=False):
    """Sort a list by the field ``column`` (one click, two for descending)."""

    def step(page):
        header = page.locator(f".o_list_renderer th[data-name='{column}']")
        for _click in range(2 if descending else 1):
            header.click()
            _settle(page)

    return step


def _menu(*xmlids):
    """Open the menus ``xmlids`` of the current app, one after the other."""

    def step(page):
        before = page.url
        for xmlid in xmlids:
            page.locator(f"[data-menu-xmlid='{xmlid}']:visible").first.click()
            page.wait_for_timeout(300)
        page.wait_for_function("url => location.href !== url", arg=before, timeout=30000)

    return step


def _month_scale(page):
    """Switch a calendar view to its month scale."""
    page.locator(".o_view_scale_selector .scale_button_selection").first.click()
    page.locator(".o_scale_button_month").first.click()


def _find_duplicates(page):
    """Fill an empty duplicates list with the "Find duplicates" button."""
    if page.locator(".o_view_nocontent").count() and not page.locator(".o_data_row").count():
        page.locator("button[name=action_find_duplicates]").first.click()
        page.wait_for_selector(".o_data_row, .o_group_header", timeout=30000)


def _expand_groups(at_most=10, groups=3):
    """Open the first ``groups`` groups of a list that have at most ``at_most`` rows."""

    def step(page):
        left = groups
        headers = page.locator(".o_group_header")
        for index in range(headers.count()):
            if not left:
                break
            header = headers.nth(index)
            count = header.locator(".o_group_name").inner_text().rsplit("(", 1)[-1].strip(" )")
            count = int(count.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")) or 0)
            if "o_group_open" not in (header.get_attribute("class") or "") and count <= at_most:
                header.click()
                _settle(page)
                left -= 1

    return step


CUSTOMERS = "/odoo/crm-customers"  # the CRM Suite app; its menus lead to the other lists

# (file name, login, url path or callable(ids) -> path, steps, CSS selector to wait for)
SHOTS = [
    ("01-login.png", None, "/web/login", [], ".oe_login_form"),
    ("02-customers.png", "sales", CUSTOMERS, [_sort_by("cid", descending=True)], LIST),
    ("03-search-persian-digits.png", "sales", CUSTOMERS, [_search("۰۹۱۲ ۳۴۵ ۶۷۸۹")], LIST),
    (
        "04-customer-360.png", "support",
        lambda ids: f"{CUSTOMERS}/{ids['crm_suite.partner_zahra_hosseini']}",
        [_open_tab("cid_keys")], FORM,
    ),
    (
        "05-company-contacts.png", "sales",
        lambda ids: f"{CUSTOMERS}/{ids['crm_suite.partner_folad_pars']}",
        [_open_tab("contact_addresses")], FORM,
    ),
    (
        "06-identity-keys.png", "manager", CUSTOMERS,
        [_menu("crm_suite.crm_suite_menu_identity", "crm_suite.crm_suite_menu_identity_keys"),
         _expand_groups(at_most=10, groups=2)],
        LIST,
    ),
    (
        "07-duplicates.png", "manager", CUSTOMERS,
        [_menu("crm_suite.crm_suite_menu_identity", "crm_suite.crm_suite_menu_identity_duplicates"),
         _find_duplicates, _expand_groups(at_most=20)],
        LIST_OR_EMPTY,
    ),
    (
        "08-interactions.png", "support", CUSTOMERS,
        [_menu("crm_suite.crm_suite_menu_interactions",
               "crm_suite.crm_suite_menu_interactions_all")],
        LIST,
    ),
    (
        "09-quarantine.png", "manager", CUSTOMERS,
        [_menu("crm_suite.crm_suite_menu_interactions",
               "crm_suite.crm_suite_menu_interactions_quarantine")],
        LIST,
    ),
    ("10-letters.png", "manager", "/odoo/letters", [], LIST),
    ("11-calendar-jalali.png", "manager", "/odoo/calendar", [_month_scale], ".fc-daygrid"),
]


def _xmlids(url, db):
    """Database ids of the demo records the shots open."""
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, "admin", "admin", {})
    if not uid:
        sys.exit(f"cannot sign in as admin/admin on database {db!r} at {url}")
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


def _settle(page):
    """Wait until Odoo has finished loading and animating."""
    try:  # the web client keeps a bus connection: the network is rarely idle
        page.wait_for_load_state("networkidle", timeout=5000)
    except PlaywrightTimeout:
        pass
    page.wait_for_function(
        "!document.querySelector('.o_loading_indicator, .o_blockUI, .o-spinner')",
        timeout=30000,
    )
    page.wait_for_timeout(800)


def _save(png, path):
    """Write ``png``, as a palette image when it is large and Pillow is there."""
    if Image is not None and len(png) > MAX_BYTES:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image = image.quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        png = buffer.getvalue()
    path.write_bytes(png)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="crm_suite")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--only", nargs="*", help="file names (or prefixes) to take again")
    args = parser.parse_args()
    args.url = args.url.rstrip("/")
    OUT.mkdir(exist_ok=True)
    ids = _xmlids(args.url, args.db)
    shots = [s for s in SHOTS if not args.only or any(s[0].startswith(o) for o in args.only)]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        pages = {}
        for name, login, target, steps, ready in shots:
            if login not in pages:
                context = browser.new_context(
                    viewport=VIEWPORT, locale="fa-IR", timezone_id="Asia/Tehran",
                )
                page = context.new_page()
                if login:
                    _login(page, args.url, args.db, login)
                pages[login] = page
            page = pages[login]
            path = target(ids) if callable(target) else target
            page.goto(args.url + path)
            page.wait_for_selector(".o_view_controller, .oe_login_form", timeout=60000)
            _settle(page)
            for step in steps:
                step(page)
                _settle(page)
            page.wait_for_selector(ready, timeout=60000)
            page.evaluate("document.querySelectorAll('.o_content').forEach(e => e.scrollTo(0, 0))")
            page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover effect in the picture
            _save(page.screenshot(full_page=False), OUT / name)
            print("saved", OUT / name)
        browser.close()


if __name__ == "__main__":
    main()
