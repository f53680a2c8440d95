"""scripts/check_requirements.py: every manifest dependency is brought by a line."""

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location(
    "check_requirements", ROOT / "scripts" / "check_requirements.py"
)
check_requirements = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_requirements)

SCRIPT = ROOT / "scripts" / "check_requirements.py"


@pytest.fixture
def repo_copy(tmp_path):
    """The manifests and requirements.txt of the repository, in a directory of their own."""
    copy = tmp_path / "repo"
    (copy / "addons").mkdir(parents=True)
    for manifest in (ROOT / "addons").glob("*/__manifest__.py"):
        target = copy / "addons" / manifest.parent.name
        target.mkdir()
        shutil.copy(manifest, target / "__manifest__.py")
    shutil.copy(ROOT / "requirements.txt", copy / "requirements.txt")
    return copy


def run(root):
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True, timeout=120
    )


def test_the_real_tree_brings_everything():
    done = run(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every dependency" in done.stdout


def test_a_module_no_line_brings_fails(repo_copy):
    requirements = repo_copy / "requirements.txt"
    text = requirements.read_text()
    assert "odoo-addon-sale_tier_validation" in text
    requirements.write_text(
        "\n".join(line for line in text.splitlines() if "sale_tier_validation" not in line) + "\n"
    )
    done = run(repo_copy)
    assert done.returncode == 1
    assert "crm_price_consistency_tier depends on 'sale_tier_validation'" in done.stdout
    assert "odoo-addon-sale_tier_validation" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_planted_dependency_fails(repo_copy):
    manifest = repo_copy / "addons" / "crm_cid" / "__manifest__.py"
    text = manifest.read_text()
    text, n = re.subn(r'"depends":\s*\[', '"depends": ["partner_firstname", ', text)
    assert n == 1
    text, n = re.subn(r'"python":\s*\[', '"python": ["telegram", "unheard_of_pkg", ', text)
    assert n == 1
    manifest.write_text(text)
    # the copy without python-telegram-bot: the import name is mapped to it
    requirements = repo_copy / "requirements.txt"
    requirements.write_text(
        "\n".join(
            line
            for line in requirements.read_text().splitlines()
            if "python-telegram-bot" not in line
        )
    )
    done = run(repo_copy)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any("crm_cid depends on 'partner_firstname'" in line for line in lines)
    assert any("'unheard_of_pkg'" in line for line in lines)
    assert any("'telegram'" in line and "python-telegram-bot" in line for line in lines)
    # the gateway addon needs python-telegram-bot as well
    assert any(line.startswith("missing requirement: crm_interaction_gateway") for line in lines)


def test_core_modules_and_odoo_requirements_are_recognised():
    core = check_requirements.odoo_core_modules()
    # base (odoo/addons) and sale (addons/ of the source tree) are Odoo's own
    assert {"base", "web", "mail", "sale", "account"} <= core
    # a module that an OCA wheel installed into the same namespace is not core
    assert "queue_job" not in core
    assert "sale_tier_validation" not in core
    odoo_requirements = check_requirements.odoo_own_requirements()
    assert {"pytz", "lxml", "psycopg2"} <= odoo_requirements


def test_names_are_compared_as_pip_does():
    names = check_requirements.requirement_names(
        [
            "odoo-addon-Sale.Tier_Validation>=19.0,<19.1  # comment",
            "pytz ; python_version >= '3.11'",
            "-r other.txt",
            "# only a comment",
            "Babel==2.10.3",
        ]
    )
    assert names == {"odoo-addon-sale-tier-validation", "pytz", "babel"}
    assert check_requirements.addon_module_of("odoo-addon-sale-tier-validation") == (
        "sale_tier_validation"
    )
    assert check_requirements.addon_module_of("odoo19-addon-queue_job") == "queue_job"
    assert check_requirements.addon_module_of("odoorpc") is None
    assert check_requirements.distribution_name("PIL") == "pillow"
    assert check_requirements.distribution_name("python_telegram_bot") == "python-telegram-bot"


def test_check_is_a_pure_function():
    manifests = {
        "a": {"depends": ["base", "b", "x_mod"], "external_dependencies": {"python": ["yaml"]}},
        "b": {"depends": ["y_mod"], "installable": False},
    }
    problems = check_requirements.check(
        manifests,
        requirements={"odoo-addon-x-mod"},
        core_modules={"base"},
        odoo_requirements={"pytz"},
    )
    assert problems == [
        "a needs the Python package 'yaml', which is neither a line 'pyyaml' of "
        "requirements.txt nor one of Odoo's own requirements"
    ]


AGPL = {"license": "AGPL-3"}
LGPL = {"license": "LGPL-3"}
LICENCE_CASES = [
    # (suite manifests, other manifests, addons reported)
    ({"a": {"license": "LGPL-3", "depends": ["sale"]}}, {"sale": {"depends": []}}, []),
    ({"a": {**LGPL, "depends": ["helpdesk_mgmt"]}}, {"helpdesk_mgmt": AGPL}, ["a"]),
    ({"a": {**AGPL, "depends": ["helpdesk_mgmt"]}}, {"helpdesk_mgmt": AGPL}, []),
    # through another addon of the suite, which is itself consistent
    (
        {
            "a": {"license": "AGPL-3", "depends": ["helpdesk_mgmt"]},
            "b": {"license": "LGPL-3", "depends": ["a"]},
        },
        {"helpdesk_mgmt": {"license": "AGPL-3"}},
        ["b"],
    ),
    # through a module outside the suite that is itself LGPL but builds on AGPL
    (
        {"a": {"license": "LGPL-3", "depends": ["bridge"]}},
        {"bridge": {"license": "LGPL-3", "depends": ["x"]}, "x": {"license": "AGPL-3"}},
        ["a"],
    ),
    # AGPL by choice over LGPL dependencies is allowed; not installable is skipped
    ({"a": {"license": "AGPL-3", "depends": ["base"]}}, {}, []),
    ({"a": {**LGPL, "depends": ["x"], "installable": False}}, {"x": AGPL}, []),
    # a dependency cycle does not loop
    (
        {"a": {**LGPL, "depends": ["b"]}, "b": {**LGPL, "depends": ["a"]}},
        {},
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("manifests", "others", "reported"), LICENCE_CASES)
def test_licence_table(manifests, others, reported):
    problems = check_requirements.licence_problems(manifests, others)
    assert [problem.split(" ", 1)[0] for problem in problems] == reported
    for problem in problems:
        assert "AGPL-3" in problem


def test_an_addon_weaker_than_its_dependencies_fails(repo_copy):
    manifest = repo_copy / "addons" / "crm_suite" / "__manifest__.py"
    manifest.write_text(manifest.read_text().replace('"AGPL-3"', '"LGPL-3"'))
    done = run(repo_copy)
    assert done.returncode == 1
    assert "licence: crm_suite is LGPL-3 but builds on" in done.stdout
    assert "'crm_price_consistency_tier'" in done.stdout


def test_the_price_service_builds_on_no_agpl_module(repo_copy):
    # the helpdesk and tier validation bridges carry the AGPL-3 modules: a
    # dependency of the LGPL-3 price service on one of them is refused
    manifest = repo_copy / "addons" / "crm_price_consistency" / "__manifest__.py"
    text, n = re.subn(r'"depends":\s*\[', '"depends": ["helpdesk_mgmt", ', manifest.read_text())
    assert n == 1
    manifest.write_text(text)
    done = run(repo_copy)
    assert done.returncode == 1
    assert "licence: crm_price_consistency is LGPL-3 but builds on 'helpdesk_mgmt'" in done.stdout
