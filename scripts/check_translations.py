"""Persian translation coverage of the suite's addons.

Usage: python3 scripts/check_translations.py TERMS.pot ADDONS_DIR [--min 98]

TERMS.pot is a template exported from a database where the addons are
installed (``odoo i18n export -o TERMS.pot addon ...``), so it holds the
terms the code has now, not those of a stale ``.pot``. For every addon named
in it, the addon's ``i18n/fa.po`` must translate at least ``--min`` percent of
its terms; the missing ones are listed. Exit status 1 when an addon is below.
"""

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import polib


def terms_by_module(pot_path):
    """Map each module to the set of msgids the exported template gives it."""
    terms = defaultdict(set)
    for entry in polib.pofile(str(pot_path)):
        modules = {
            comment.split(":", 1)[1].strip()
            for comment in entry.comment.splitlines()
            if comment.startswith(("module:", "modules:"))
        }
        for module in modules or {"?"}:
            for name in module.split(","):
                terms[name.strip()].add(entry.msgid)
    return terms


def coverage(expected, po_path):
    """Return the msgids of ``expected`` that ``po_path`` leaves untranslated."""
    if not po_path.is_file():
        return sorted(expected)
    translated = {e.msgid for e in polib.pofile(str(po_path)) if e.msgstr and not e.obsolete}
    return sorted(m for m in expected - translated if has_words(m))


# Placeholders, addresses and code: what a term keeps in every language.
_NOT_WORDS = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|https?://\S+|<[^>]*>|\bobject\.\w+")


def has_words(msgid):
    """Whether a term holds words to translate (not only placeholders, URLs, code)."""
    return bool(re.search(r"[^\W\d_]{2,}", _NOT_WORDS.sub(" ", msgid)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pot")
    parser.add_argument("addons_dir")
    parser.add_argument("--min", type=float, default=98.0, dest="minimum")
    args = parser.parse_args(argv)
    addons_dir = Path(args.addons_dir)
    ok = True
    for module, expected in sorted(terms_by_module(args.pot).items()):
        if not (addons_dir / module / "__manifest__.py").is_file():
            continue
        missing = coverage(expected, addons_dir / module / "i18n" / "fa.po")
        share = 100.0 * (len(expected) - len(missing)) / len(expected) if expected else 100.0
        status = "ok" if share >= args.minimum else "TOO LOW"
        print(f"{module}: {share:.1f}% of {len(expected)} terms translated to Persian ({status})")
        if share < args.minimum:
            ok = False
            for msgid in missing[:50]:
                print(f"    missing: {msgid[:100]!r}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
