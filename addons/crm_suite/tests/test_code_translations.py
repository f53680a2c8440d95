"""Persian users read the suite's messages (Python and JavaScript) in Persian."""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import BaseCase, tagged
from odoo.tools.translate import code_translations

# Catalogues still to be regenerated with scripts/update_translations.sh, which
# now keeps the markers: remove a name from here once its fa.po is.
PENDING = {"secretariat"}


def suite_catalogues():
    """Yield (addon, fa.po path) for every addon of the suite."""
    root = Path(get_module_path("crm_suite")).parent
    for manifest in sorted(root.glob("*/__manifest__.py")):
        po = manifest.parent / "i18n" / "fa.po"
        if po.exists():
            yield manifest.parent.name, po


@tagged("post_install", "-at_install", "crm_suite")
class TestCodeTranslations(BaseCase):
    def test_every_translated_code_term_is_loaded_for_persian_users(self):
        """Odoo loads a term of Python or JavaScript code from fa.po only when
        the entry carries the ``odoo-python`` / ``odoo-javascript`` marker:
        without it the message shows in English."""
        checked = 0
        for addon, path in suite_catalogues():
            if addon in PENDING:
                continue
            python = code_translations.get_python_translations(addon, "fa_IR")
            web = code_translations.get_web_translations(addon, "fa_IR")["messages"]
            web_ids = {message["id"] for message in web}
            for entry in polib.pofile(str(path)):
                if not entry.msgstr or entry.obsolete:
                    continue
                files = [occurrence for occurrence, __ in entry.occurrences]
                with self.subTest(addon=addon, msgid=entry.msgid):
                    if any(f.startswith("code:") and f.endswith(".py") for f in files):
                        self.assertEqual(python.get(entry.msgid), entry.msgstr)
                        checked += 1
                    if any(f.startswith("code:") and "/static/" in f for f in files):
                        self.assertIn(entry.msgid, web_ids)
                        checked += 1
        self.assertGreater(checked, 100)
