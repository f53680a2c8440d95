#!/usr/bin/env python3
"""Nothing the addons need is left to chance: every dependency is brought by a line.

Run by scripts/test.sh before anything is installed. It fails when

* a module in the ``depends`` of an ``addons/*/__manifest__.py`` is neither an
  Odoo core module (in the source tree of the Odoo this Python imports:
  ``odoo/addons`` and ``addons``) nor an addon of ``addons/``, and no line
  ``odoo-addon-<module>`` of ``requirements.txt`` installs it;
* a package of a manifest's ``external_dependencies["python"]`` is neither a
  line of ``requirements.txt`` nor one of Odoo's own requirements;
* an addon's licence is weaker than one of its dependencies' (directly or
  through other modules): an addon that builds on an AGPL-3 module (OCA's
  helpdesk, tier validation, mail gateway...) is AGPL-3 itself, since what it
  links to binds the whole. Odoo's own modules are LGPL-3.

The rule for Python packages is "listed explicitly": a package the addons
import themselves gets its own line in ``requirements.txt`` even when an OCA
wheel of that file happens to bring it as its own dependency (``fastapi`` with
``odoo-addon-fastapi``), since that wheel may drop it in any release.

Modules installed from ``odoo-addon-*`` wheels live in the same ``odoo.addons``
namespace as Odoo's own modules; they are not counted as core, so that a module
that happens to be on this machine does not hide a missing requirements line.

Usage: check_requirements.py [ROOT]   (default: the repository holding this file)
Exit status 0 when everything is brought, 1 with one line per problem otherwise.
"""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

# Import names (or common misspellings) that differ from the distribution that
# pip installs; a manifest should name the distribution, as Odoo 19 checks it
# with importlib.metadata first.
IMPORT_TO_DISTRIBUTION = {
    "telegram": "python-telegram-bot",
    "ldap": "python-ldap",
    "dateutil": "python-dateutil",
    "stdnum": "python-stdnum",
    "magic": "python-magic",
    "pil": "pillow",
    "yaml": "pyyaml",
    "openssl": "pyopenssl",
    "jwt": "pyjwt",
    "serial": "pyserial",
    "usb": "pyusb",
    "docx": "python-docx",
    "websocket": "websocket-client",
    "odoorpc": "odoorpc",
    "sass": "libsass",
    "pypdf2": "pypdf2",
}

_ODOO_ADDON_DIST = re.compile(r"^odoo(?:\d+)?-addon-(?P<module>.+)$")


def normalise(name):
    """A distribution name as pip compares them (PEP 503): lower case, ``-`` for ``-_.``."""
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


def distribution_name(package):
    """The distribution that provides ``package`` (an import or distribution name)."""
    return normalise(IMPORT_TO_DISTRIBUTION.get(normalise(package), package))


def requirement_names(lines):
    """Normalised distribution names of requirement lines (``-r``/``-e``/options skipped)."""
    names = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
        if match:
            names.add(normalise(match.group(0)))
    return names


def addon_module_of(distribution):
    """``sale_tier_validation`` for ``odoo-addon-sale_tier_validation``, else None."""
    match = _ODOO_ADDON_DIST.match(normalise(distribution))
    return match and match.group("module").replace("-", "_")


def read_manifests(addons_dir):
    """{addon: manifest dict} of every ``addons_dir/*/__manifest__.py``."""
    manifests = {}
    for path in sorted(Path(addons_dir).glob("*/__manifest__.py")):
        manifests[path.parent.name] = ast.literal_eval(path.read_text(encoding="utf-8"))
    return manifests


def check(manifests, requirements, core_modules, odoo_requirements):
    """The problems, one sentence each; empty when every dependency is brought.

    ``manifests``: {addon: manifest dict} of the suite; ``requirements``: the
    normalised names of ``requirements.txt``; ``core_modules``: Odoo's own module
    names; ``odoo_requirements``: the normalised names Odoo itself requires.
    """
    brought_modules = {module for module in map(addon_module_of, requirements) if module}
    problems = []
    for addon, manifest in sorted(manifests.items()):
        if not manifest.get("installable", True):
            continue
        for module in manifest.get("depends", []):
            if module in manifests or module in core_modules or module in brought_modules:
                continue
            problems.append(
                f"{addon} depends on '{module}', which is neither in Odoo nor in addons/ "
                f"and no line 'odoo-addon-{module}' of requirements.txt brings it"
            )
        external = manifest.get("external_dependencies") or {}
        for package in external.get("python", []):
            dist = distribution_name(package)
            if dist in requirements or dist in odoo_requirements:
                continue
            problems.append(
                f"{addon} needs the Python package '{package}', which is neither a line "
                f"'{dist}' of requirements.txt nor one of Odoo's own requirements"
            )
    return problems


# Licences from the weakest to the strongest copyleft; an addon's licence must be
# at least as strong as every module it depends on.
COPYLEFT_ORDER = ("LGPL-3", "AGPL-3")


def licence_problems(manifests, other_manifests):
    """Addons whose licence is weaker than a module they depend on, one sentence each.

    ``manifests``: {addon: manifest} of the suite; ``other_manifests``:
    {module: manifest} of the modules outside it (Odoo's, OCA's). A module
    without a licence key counts as LGPL-3, as Odoo reads it.
    """
    known = {**other_manifests, **manifests}

    def strength(module):
        licence = known.get(module, {}).get("license", "LGPL-3")
        return COPYLEFT_ORDER.index(licence) if licence in COPYLEFT_ORDER else 0

    levels = {}

    def level(module):
        """The strongest licence of ``module`` and everything it depends on."""
        if module not in levels:
            levels[module] = strength(module)  # a cycle counts once
            deps = known.get(module, {}).get("depends", [])
            levels[module] = max([strength(module), *map(level, deps)])
        return levels[module]

    problems = []
    for addon, manifest in sorted(manifests.items()):
        if not manifest.get("installable", True):
            continue
        stronger = sorted(
            dep for dep in manifest.get("depends", []) if level(dep) > strength(addon)
        )
        if stronger:
            needed = COPYLEFT_ORDER[max(map(level, stronger))]
            names = ", ".join(f"'{dep}'" for dep in stronger)
            problems.append(
                f"{addon} is {manifest.get('license', 'LGPL-3')} but builds on {names}, "
                f"which is or builds on {needed}: make it {needed} or drop the dependency"
            )
    return problems


def installed_manifests(skip):
    """{module: manifest} of every module ``odoo.addons`` holds, except the names in ``skip``."""
    import odoo.addons  # noqa: PLC0415

    dirs = [Path(p) for p in odoo.addons.__path__ if Path(p).is_dir()]
    dirs += [root / "addons" for root in odoo_source_roots() if (root / "addons").is_dir()]
    found = {}
    for directory in dirs:
        for path in directory.glob("*/__manifest__.py"):
            if path.parent.name not in skip and path.parent.name not in found:
                found[path.parent.name] = ast.literal_eval(path.read_text(encoding="utf-8"))
    return found


# --- what the installed Odoo provides -------------------------------------------------


def _owned_by_addon_wheels():
    """Module names that ``odoo-addon-*`` wheels installed into the odoo.addons namespace."""
    owned = set()
    for dist in importlib.metadata.distributions():
        module = addon_module_of(dist.metadata["Name"] or "")
        if module:
            owned.add(module)
    return owned


def odoo_source_roots():
    """Directories that hold the installed Odoo's source: each parent of an ``odoo`` package."""
    import odoo  # noqa: PLC0415 - Odoo may be missing: reported by the caller
    import odoo.release  # noqa: PLC0415

    roots = []
    for path in [Path(odoo.release.__file__).parent, *map(Path, odoo.__path__)]:
        if (path / "release.py").is_file() and path.parent not in roots:
            roots.append(path.parent)
    return roots


def odoo_core_modules():
    """Names of the modules of Odoo's source tree (``odoo/addons`` and ``addons``)."""
    import odoo.addons  # noqa: PLC0415

    dirs = [Path(p) for p in odoo.addons.__path__ if Path(p).is_dir()]
    dirs += [root / "addons" for root in odoo_source_roots() if (root / "addons").is_dir()]
    found = {m.parent.name for d in dirs for m in d.glob("*/__manifest__.py")}
    return found - _owned_by_addon_wheels()


def odoo_own_requirements():
    """Normalised names of Odoo's requirements: its requirements.txt and its metadata."""
    names = set()
    for root in odoo_source_roots():
        path = root / "requirements.txt"
        if path.is_file():
            names |= requirement_names(path.read_text(encoding="utf-8").splitlines())
    try:
        requires = importlib.metadata.requires("odoo") or []
    except importlib.metadata.PackageNotFoundError:
        requires = []
    names |= requirement_names(r for r in requires if "extra ==" not in r)
    return names


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    try:
        core = odoo_core_modules()
    except ImportError:
        print("requirements check: Odoo is not importable by this Python", file=sys.stderr)
        return 1
    manifests = read_manifests(root / "addons")
    requirements = requirement_names(
        (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    )
    problems = check(manifests, requirements, core, odoo_own_requirements())
    for problem in problems:
        print(f"missing requirement: {problem}")
    licences = licence_problems(manifests, installed_manifests(skip=manifests))
    for problem in licences:
        print(f"licence: {problem}")
    if problems or licences:
        return 1
    print(
        f"requirements check: every dependency of the {len(manifests)} addons "
        "is in Odoo, in addons/ or in requirements.txt, under a licence the addon keeps"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
