"""The two README commands explain themselves when Odoo is missing."""

import os
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def python_without_odoo(tmp_path):
    """A 'python' whose every attempt to import odoo fails, as on a bare machine."""
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho \"ModuleNotFoundError: No module named 'odoo'\" >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return str(fake)


@pytest.mark.parametrize("script", ["scripts/run.sh", "scripts/test.sh"])
def test_command_without_odoo_says_what_to_install(script, python_without_odoo):
    env = dict(os.environ, PYTHON=python_without_odoo)
    done = subprocess.run(
        ["bash", str(ROOT / script)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3
    output = done.stdout + done.stderr
    assert "Odoo 19.0 is not installed" in output
    assert "docker compose up" in output
    assert "Traceback" not in output


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "scripts/test.sh" in readme
    commands = [
        line
        for line in ci.splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))
    ]
    assert commands == ["exec bash scripts/test.sh"]
