"""scripts/setup.sh on a machine where no Python imports Odoo: it brings Odoo into .venv.

The repository is copied to a temporary directory, and ``python3`` on PATH is a
fresh virtual environment without site packages, so ``import odoo`` fails as on
a bare machine. The Odoo 19.0 source tree comes from ``ODOO_SRC`` when set,
otherwise from the Odoo that runs these tests (its ``odoo.release`` module).
pip's own cache is kept, so that the packages built once (psycopg2) are not
built again. With a warm cache, the set-up into .venv from the real source tree
takes about 3.5 minutes on the 2-core test machine when it is quiet, up to 7.5
under heavy load (pip's editable install of Odoo, which lists the whole source
tree, is the largest part); the second run takes a second or two. The download
and unpacking of an archive are tested with a tiny stand-in for Odoo's archive
(about 30 seconds). The system steps (Debian packages, PostgreSQL) are skipped
with ``SETUP_SKIP_SYSTEM=1``.
"""

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def odoo_source_tree():
    """An Odoo 19.0 source tree: $ODOO_SRC, or the one the running Odoo comes from."""
    if os.environ.get("ODOO_SRC"):
        return Path(os.environ["ODOO_SRC"])
    import odoo.release  # noqa: PLC0415 - the Odoo that runs the suite's tests

    tree = Path(odoo.release.__file__).resolve().parent.parent
    assert (tree / "setup.py").is_file() and (tree / "requirements.txt").is_file(), (
        f"the installed Odoo ({tree}) is not a source tree: set ODOO_SRC to one"
    )
    return tree


@pytest.fixture(scope="module")
def bare_machine(tmp_path_factory):
    """(repository copy, environment) where ``python3`` cannot import Odoo."""
    tmp = tmp_path_factory.mktemp("bare")
    repo = tmp / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "scripts", repo / "scripts")
    shutil.copy(ROOT / "requirements.txt", repo / "requirements.txt")
    base = tmp / "base"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(base)], check=True, timeout=120
    )
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    # a wrapper, not a symbolic link: Python finds its venv from the path it runs as
    wrapper = bin_dir / "python3"
    wrapper.write_text(f'#!/bin/sh\nexec "{base}/bin/python3" "$@"\n')
    wrapper.chmod(0o755)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHON", "BASE_PYTHON", "ODOO_SRC", "VIRTUAL_ENV", "PYTHONPATH"}
    }
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        SETUP_SKIP_SYSTEM="1",
        XDG_CACHE_HOME=str(tmp / "cache"),
        # pip's cache stays where it was: built wheels are reused between runs
        PIP_CACHE_DIR=os.environ.get("PIP_CACHE_DIR")
        or str(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pip"),
    )
    check = subprocess.run(
        ["python3", "-c", "import odoo"], env=env, capture_output=True, timeout=60
    )
    assert check.returncode != 0, "python3 of the bare machine must not import Odoo"
    yield repo, env
    # the virtual environments weigh hundreds of megabytes: not kept after the tests
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def fresh_repo(bare_machine, tmp_path):
    """Another copy of the bare machine's repository, without .venv; removed afterwards."""
    repo, env = bare_machine
    copy = shutil.copytree(repo, tmp_path / "repo", ignore=shutil.ignore_patterns(".venv"))
    yield copy, env
    shutil.rmtree(copy, ignore_errors=True)


def setup(repo, env, timeout=1500):
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(repo / "scripts" / "setup.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return done, time.monotonic() - started


def test_setup_brings_odoo_into_venv_once(bare_machine):
    repo, env = bare_machine
    env = dict(env, ODOO_SRC=str(odoo_source_tree()))
    done, _ = setup(repo, env)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "installing Odoo 19.0 community into .venv" in output
    assert "installing Odoo's requirements, pinned for Python" in output
    assert "Traceback" not in output

    python = repo / ".venv" / "bin" / "python"
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import sys, odoo.release, phonenumbers, jdatetime, odoorpc, websocket;"
            "print(odoo.release.version, sys.prefix)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=repo,
    )
    assert probe.returncode == 0, probe.stderr
    version, prefix = probe.stdout.split()
    assert version.startswith("19.0")
    assert Path(prefix) == repo / ".venv"

    # the commands then run Odoo with that interpreter; PYTHON= still chooses
    pick = "source scripts/lib.sh; echo $PYTHON"
    chosen = subprocess.run(
        ["bash", "-c", pick], env=env, cwd=repo, capture_output=True, text=True, timeout=60
    )
    assert chosen.stdout.strip() == str(python)
    chosen = subprocess.run(
        ["bash", "-c", pick],
        env=dict(env, PYTHON="/usr/bin/python3"),
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert chosen.stdout.strip() == "/usr/bin/python3"

    # a second run finds everything in place and does nothing
    again, seconds = setup(repo, env, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "everything is in place" in again.stdout
    assert "installing" not in again.stdout + again.stderr
    assert seconds < 30


def test_a_failed_download_ends_with_one_sentence(fresh_repo, tmp_path):
    repo, env = fresh_repo
    env = dict(env, ODOO_ARCHIVE_URL="http://127.0.0.1:9/odoo-19.0.tar.gz")
    done, _ = setup(repo, env, timeout=300)
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("[setup] ERROR: could not download Odoo 19.0 from http://127.0.0.1:9/")
    assert "set ODOO_SRC" in last


def test_an_odoo_src_that_is_no_odoo_says_so(fresh_repo, tmp_path):
    repo, env = fresh_repo
    not_odoo = tmp_path / "not-odoo"
    not_odoo.mkdir()
    done, _ = setup(repo, dict(env, ODOO_SRC=str(not_odoo)), timeout=300)
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        f"[setup] ERROR: '{not_odoo}' is not an Odoo source tree "
        "(it needs odoo/release.py, setup.py and requirements.txt)."
    )


def fake_odoo_archive(directory, kind, version="19.0"):
    """A tiny stand-in for Odoo's source archive: same layout, one package."""
    tree = directory / "src" / f"odoo-{version}"
    (tree / "odoo").mkdir(parents=True)
    (tree / "odoo" / "__init__.py").write_text("")
    (tree / "odoo" / "release.py").write_text(
        f'version_info = ({version.replace(".", ", ")}, 0, "final", 0, "")\nversion = "{version}"\n'
    )
    (tree / "setup.py").write_text(
        'from setuptools import setup\nsetup(name="odoo", version="19.0", packages=["odoo"])\n'
    )
    (tree / "requirements.txt").write_text("pytz  # no version pinning\n")
    archive = directory / f"odoo_19.0.latest.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(archive, "w") as zf:
            for path in tree.rglob("*"):
                zf.write(path, path.relative_to(tree.parent))
    else:
        with tarfile.open(archive, "w:gz") as tf:
            tf.add(tree, arcname=tree.name)
    return archive


@pytest.fixture
def served(tmp_path):
    """An HTTP server on 127.0.0.1 serving ``tmp_path``; yields its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_zip_of_another_version_is_refused_before_building(fresh_repo, tmp_path):
    repo, env = fresh_repo
    archive = fake_odoo_archive(tmp_path, "zip", version="18.0")
    done, seconds = setup(repo, dict(env, ODOO_SRC=str(archive)), timeout=120)
    assert done.returncode != 0
    assert "unpacking odoo_19.0.latest.zip" in done.stdout
    assert (repo / ".venv" / "src" / "odoo" / "odoo" / "release.py").is_file()
    assert done.stderr.strip().splitlines()[-1] == (
        f"[setup] ERROR: the Odoo source in '{repo / '.venv' / 'src' / 'odoo'}' is 18.0, not 19.0."
    )
    assert not (repo / ".venv" / "bin").exists()
    assert seconds < 60


@pytest.mark.parametrize("how", ["tar.gz downloaded"])
def test_an_archive_is_unpacked_into_venv(fresh_repo, tmp_path, served, how):
    repo, env = fresh_repo
    # only what the set-up's last check imports: the archive's handling is tested here
    (repo / "requirements.txt").write_text(
        "phonenumbers\njdatetime\nodoorpc==0.10.1\nwebsocket-client\n"
    )
    if how == "zip in ODOO_SRC":
        env = dict(env, ODOO_SRC=str(fake_odoo_archive(tmp_path, "zip")))
    else:
        archive = fake_odoo_archive(tmp_path, "tar.gz")
        env = dict(env, ODOO_ARCHIVE_URL=f"{served}/{archive.name}")
    done, _ = setup(repo, env, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "Traceback" not in output
    assert ("downloading Odoo 19.0 community" in output) == (how == "tar.gz downloaded")
    assert "unpacking" in output
    assert (repo / ".venv" / "src" / "odoo" / "odoo" / "release.py").is_file()
    probe = subprocess.run(
        [
            str(repo / ".venv" / "bin" / "python"),
            "-c",
            "import odoo.release; print(odoo.release.__file__)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert probe.stdout.strip() == str(repo / ".venv" / "src" / "odoo" / "odoo" / "release.py")
    again, _ = setup(repo, env, timeout=120)
    assert again.returncode == 0 and "everything is in place" in again.stdout
