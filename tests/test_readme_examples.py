"""Every example of README.md's "Integrator API" section runs against a live server.

A code block is an example when the line just before its opening fence is
``<!-- example: NAME -->``. Each runs in a fresh interpreter with the
connection settings in its environment, so the README cannot rot silently.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
_EXAMPLE = re.compile(r"<!-- example: ([\w-]+) -->\n```python\n(.*?)\n```", re.S)


def _examples():
    return _EXAMPLE.findall(README.read_text(encoding="utf-8"))


def test_readme_has_examples_for_every_protocol():
    names = [name for name, _code in _examples()]
    assert {"xmlrpc", "odoorpc", "json2"} <= set(names), names


@pytest.mark.parametrize("name,code", _examples(), ids=[n for n, _c in _examples()])
def test_readme_example_runs(server, api_key, name, code):
    env = dict(
        os.environ,
        ODOO_URL=server.url,
        ODOO_DB=server.db,
        ODOO_LOGIN=server.login,
        ODOO_PASSWORD=server.password,
        ODOO_API_KEY=api_key,
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"example {name} failed:\n{done.stdout}\n{done.stderr}"
    assert "OK" in done.stdout.splitlines()[-1], done.stdout
