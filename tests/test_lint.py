"""scripts/lint.sh: the house rules are checked, and a violation fails the run.

A small tree is made from the repository's own lint configuration and one of
its addons (``crm_interaction_livechat``, which is small); a violation of each
family of checks is planted in a copy and must fail the run, while the
untouched copy passes. The whole repository is linted by scripts/test.sh.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "lint.sh"
CONFIG = (".ruff.toml", ".pylintrc-mandatory", ".prettierrc.yml")
ADDON = "crm_interaction_livechat"


@pytest.fixture
def tree(tmp_path):
    copy = tmp_path / "tree"
    (copy / "addons").mkdir(parents=True)
    for name in CONFIG:
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(
        ROOT / "addons" / ADDON,
        copy / "addons" / ADDON,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return copy


def lint(root):
    result = subprocess.run(
        ["bash", str(SCRIPT), str(root)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
             "PYTHON": sys.executable, "HOME": str(root)},
    )  # fmt: skip
    return result.returncode, result.stdout + result.stderr


def plant(root, relative, text):
    path = root / "addons" / ADDON / relative
    path.write_text(text, encoding="utf-8")


def test_clean_tree_passes(tree):
    code, output = lint(tree)
    assert code == 0, output
    assert " passed, 0 failed" in output.splitlines()[-1], output


@pytest.mark.parametrize(
    "relative, text, check",
    [
        ("models/planted.py", "import os\nx=1\n", "ruff check"),
        ("models/planted.py", "x = {'a':1}\n", "ruff format"),
        (
            "models/planted.py",
            "from odoo import models\n\n\nclass Planted(models.Model):\n"
            '    _inherit = "res.partner"\n\n'
            "    def action_planted(self):\n"
            "        self.env.cr.commit()\n"
            "        return True\n",
            "pylint-odoo (blocking)",
        ),
        ("views/planted.xml", '<?xml version="1.0" encoding="utf-8"?>\n<odoo/>\n', "oca-checks"),
        (
            "views/planted.xml",
            '<?xml version="1.0" encoding="UTF-8" ?>\n<odoo>\n'
            '        <record    id="x"     model="ir.ui.view"/>\n</odoo>\n',
            "prettier (XML)",
        ),
    ],
)
def test_a_planted_violation_fails_the_run(tree, relative, text, check):
    (tree / "addons" / ADDON / Path(relative).parent).mkdir(exist_ok=True)
    plant(tree, relative, text)
    code, output = lint(tree)
    assert code == 1, output
    failed = [line for line in output.splitlines() if line.endswith("FAILED")]
    assert any(check in line for line in failed), output
