"""Rebuild each addon's translation template and Persian file from live terms.

Usage: python3 scripts/update_translations.py [--modules=A,B] TERMS.pot ADDONS_DIR [EXTRA.po ...]

TERMS.pot is exported from a database where the addons are installed
(``python3 -m odoo i18n export -d DB -o TERMS.pot addon ...``). For every addon
of ADDONS_DIR named in it, ``i18n/<addon>.pot`` is rewritten with the addon's
current terms and ``i18n/fa.po`` with the same terms, each keeping the Persian
text it already had (from any addon's fa.po, or from the EXTRA files). Terms
without a translation are listed on standard output, per addon, so that they
can be translated in fa.po and the script run again. Addons named in
``--modules`` (those the export covered) that have no term at all get
catalogues with the header only, so that every addon carries its fa.po.
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

import polib

# A comment line continuing a wrapped ``modules:`` list.
MODULE_LIST = re.compile(r"^\s*[a-z0-9_]+(\s*,\s*[a-z0-9_]+)*\s*,?\s*$")

PO_METADATA = {
    "Language": "fa",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


def known_translations(files):
    known = {}
    for path in files:
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                known.setdefault(entry.msgid, entry.msgstr)
    return known


def entry_modules(comment):
    """The modules named in an entry's ``module(s):`` comment.

    A long list wraps onto the following comment lines, which hold only
    module names and commas.
    """
    names, listing = [], False
    for line in comment.splitlines():
        if line.startswith(("module:", "modules:")):
            listing = True
            line = line.split(":", 1)[1]
        elif not (listing and MODULE_LIST.match(line)):
            listing = False
            continue
        names += [name.strip() for name in line.split(",") if name.strip()]
    return names


def entries_by_module(live):
    modules = defaultdict(list)
    for entry in live:
        for name in entry_modules(entry.comment):
            modules[name].append(entry)
    return modules


def own_occurrences(module, occurrences):
    """The occurrences that belong to ``module`` (its records or its files).

    Terms shared by several addons are exported once with every occurrence;
    each addon's files keep only their own, so that they do not change when
    another addon changes.
    """

    def belongs(reference):
        kind, _, rest = reference.partition(":")
        if kind == "code":
            return f"/{module}/" in f"/{rest}"
        return rest.rpartition(":")[2].startswith(f"{module}.")

    own = [occurrence for occurrence in occurrences if belongs(occurrence[0])]
    return own or occurrences


def code_markers(entry):
    """The ``odoo-python`` / ``odoo-javascript`` comments of an entry: Odoo
    loads a code term's translation at run time only from entries marked so."""
    return [line for line in entry.comment.splitlines() if line.startswith("odoo-")]


def rebuild(module, entries, live, target, known):
    pot = polib.POFile()
    pot.metadata = dict(live.metadata)
    pot.header = f"Translation template of the {module} module."
    po = polib.POFile()
    po.metadata = {**live.metadata, **PO_METADATA}
    po.header = f"Persian translation of the {module} module."
    missing = []
    for entry in entries:
        for catalog, text in ((pot, ""), (po, known.get(entry.msgid, ""))):
            catalog.append(
                polib.POEntry(
                    msgid=entry.msgid,
                    msgstr=text,
                    occurrences=own_occurrences(module, entry.occurrences),
                    comment="\n".join([f"module: {module}", *code_markers(entry)]),
                    flags=list(entry.flags),
                )
            )
        if not known.get(entry.msgid):
            missing.append(entry.msgid)
    target.mkdir(exist_ok=True)
    pot.save(str(target / f"{module}.pot"))
    po.save(str(target / "fa.po"))
    return missing


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    exported = set()
    if argv and argv[0].startswith("--modules="):
        exported = {name for name in argv[0].split("=", 1)[1].split(",") if name}
        argv = argv[1:]
    live = polib.pofile(argv[0])
    addons = Path(argv[1])
    known = known_translations([*argv[2:], *sorted(addons.glob("*/i18n/fa.po"))])
    by_module = entries_by_module(live)
    for module in exported - set(by_module):
        by_module[module] = []
    for module, entries in sorted(by_module.items()):
        if not (addons / module / "__manifest__.py").exists():
            continue
        missing = rebuild(module, entries, live, addons / module / "i18n", known)
        for msgid in missing:
            print(f"{module}: {msgid!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
