"""scripts/debian.sh: the Debian package checks of scripts/setup.sh.

``dpkg-query`` and ``apt-cache`` are replaced by stubs that answer the way the
real ones do, line by line: the answer goes on after the line that decides,
as ``apt-cache policy`` lists every version and source after its
"Candidate:" line. The checks run under ``set -euo pipefail``, as setup.sh
runs them, where a ``| grep -q`` that stops reading early made the writer die
of SIGPIPE and an available package read as missing.
"""

import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# a long tail after the deciding line, written a line at a time
TAIL = 'for i in $(seq 1 3000); do echo "     500 http://deb.example/debian main $i"; done'


def stub(folder, name, first_line):
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{first_line}'\n{TAIL}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def check(tmp_path, function, tool, first_line):
    stub(tmp_path, tool, first_line)
    script = (
        f'set -euo pipefail; . "{ROOT}/scripts/debian.sh"; '
        f"{function} chromium && echo yes || echo no"
    )
    done = subprocess.run(
        ["bash", "-c", script],
        env={"PATH": f"{tmp_path}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("first_line", "answer"),
    [
        ("  Candidate: 156.0.8078.114-1~deb12u1", "yes"),
        ("  Candidate: (none)", "no"),
        ("N: Unable to locate package chromium", "no"),
    ],
)
def test_available_package(tmp_path, first_line, answer):
    assert check(tmp_path, "deb_available", "apt-cache", first_line) == answer


@pytest.mark.parametrize(
    ("first_line", "answer"),
    [
        ("install ok installed", "yes"),
        ("deinstall ok config-files", "no"),
        ("dpkg-query: no packages found matching chromium", "no"),
    ],
)
def test_installed_package(tmp_path, first_line, answer):
    assert check(tmp_path, "deb_installed", "dpkg-query", first_line) == answer
