"""scripts/update_translations.py files each exported term under every addon using it."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location(
    "update_translations", ROOT / "scripts" / "update_translations.py"
)
update_translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_translations)


def test_a_wrapped_module_list_keeps_every_module():
    # Odoo's export wraps a long "modules:" comment onto the next lines
    comment = (
        "modules: crm_interaction, crm_interaction_crm, crm_interaction_helpdesk,\n"
        "crm_interaction_sale, crm_suite\n"
        "odoo-javascript"
    )
    assert update_translations.entry_modules(comment) == [
        "crm_interaction",
        "crm_interaction_crm",
        "crm_interaction_helpdesk",
        "crm_interaction_sale",
        "crm_suite",
    ]


def test_one_module_and_other_comments():
    assert update_translations.entry_modules("module: secretariat\nodoo-python") == ["secretariat"]
    # a translator's note after the list is not a module
    assert update_translations.entry_modules("module: web_jalali\nsee the README: dates") == [
        "web_jalali"
    ]
