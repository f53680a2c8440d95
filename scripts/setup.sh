#!/usr/bin/env bash
# Idempotent set-up for development and CI: a second run changes nothing.
#
# 1. Odoo 19.0: the Python that runs the suite is $PYTHON when set, else the
#    project's .venv/bin/python when it exists, else python3. When it cannot
#    import Odoo (and PYTHON is not set), Odoo 19.0 community is installed into
#    a project virtual environment .venv: from $ODOO_SRC when set (an Odoo
#    source tree, or a source archive .tar.gz/.zip, for offline machines and
#    mirrors), otherwise from $ODOO_ARCHIVE_URL (default: the 19.0 branch
#    archive of github.com/odoo/odoo); first Odoo's own requirements.txt (pip
#    picks the pins for the running Python by their python_version markers;
#    python-ldap is left out when it cannot be built), then Odoo itself
#    (pip install -e). The virtual environment is created with $BASE_PYTHON
#    (default python3).
# 2. Debian packages the suite needs (PostgreSQL, Chromium for browser tours,
#    wkhtmltopdf and Persian fonts for PDF reports, and the build tools Odoo's
#    requirements need when .venv is made), rtlcss;
# 3. PostgreSQL started, with a database role for the current user;
# 4. requirements.txt installed into the Python that imports Odoo.
#
# SETUP_SKIP_SYSTEM=1 skips the system steps (Debian packages, rtlcss,
# PostgreSQL): for machines prepared otherwise, and for the set-up's own test.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/debian.sh"
venv=$root/.venv
base_python=${BASE_PYTHON:-python3}
skip_system=${SETUP_SKIP_SYSTEM:-0}
odoo_archive_url=${ODOO_ARCHIVE_URL:-https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz}
changed=0

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit "${2:-1}"; }

# Odoo's older pins (cbor2 5.4.2 ...) build from sources that still import
# pkg_resources, which setuptools 81 removed: build them with an older one.
build_constraints=$(mktemp)
trap 'rm -f "$build_constraints"' EXIT
echo 'setuptools<81' >"$build_constraints"
pip_install() {
    PIP_CONSTRAINT="${PIP_CONSTRAINT:+$PIP_CONSTRAINT }$build_constraints" \
        "$PYTHON" -m pip install --disable-pip-version-check "$@"
}

# The Odoo version that Python $1 imports; fails when it imports none.
odoo_version() { "$1" -c 'import odoo.release as r; print(r.version)' 2>/dev/null; }

# --- 1. which Python, and does it import Odoo? ------------------------------------------
need_odoo=0
if [[ -n ${PYTHON:-} ]]; then
    if ! odoo_version=$(odoo_version "$PYTHON"); then
        cat >&2 <<MSG
[setup] Odoo 19.0 is not installed for '$PYTHON'.

This project is a set of Odoo addons; it needs Odoo 19.0 (community) to run.
Choose one of:
  * Local:    unset PYTHON: this command then installs Odoo 19.0 into the
              project's virtual environment .venv (set ODOO_SRC to an Odoo 19.0
              source tree or archive to install it without downloading).
  * Your own: install Odoo 19.0 community into '$PYTHON' so that
              '$PYTHON -c "import odoo"' works (for example "pip install -e"
              on an Odoo 19.0 source tree), then run this command again.
  * Docker:   docker compose up            (see README.md, "Running with Docker")
MSG
        exit 3
    fi
else
    PYTHON=python3
    [[ -x $venv/bin/python ]] && PYTHON=$venv/bin/python
    odoo_version=$(odoo_version "$PYTHON") || need_odoo=1
fi
if ((!need_odoo)); then
    case $odoo_version in
        19.0*) say "Odoo $odoo_version found for $PYTHON" ;;
        *) die "Odoo $odoo_version found for '$PYTHON', but this suite needs Odoo 19.0." 3 ;;
    esac
fi

# --- 2. Debian packages -----------------------------------------------------------
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "'$*' needs root rights (install sudo or run as root)."
    fi
}
if ((!skip_system)); then
    # libcairo2: OCA mail_gateway_telegram turns Telegram stickers into images with it
    debs=(postgresql postgresql-contrib chromium wkhtmltopdf fonts-noto-core fonts-farsiweb libcairo2)
    # what building Odoo's requirements into .venv needs (psycopg2, python-ldap)
    ((need_odoo)) && debs+=(python3 python3-venv python3-dev build-essential libpq-dev libldap2-dev libsasl2-dev)
    missing=()
    for pkg in "${debs[@]}"; do
        deb_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        command -v apt-get >/dev/null 2>&1 \
            || die "missing packages (${missing[*]}) and no apt-get to install them."
        say "installing Debian packages: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
            || die "apt-get could not update its package lists (network or sources.list)."
        # a package this release does not carry (wkhtmltopdf left Debian 13) is
        # named and skipped; what the suite cannot do without it is checked below
        available=()
        for pkg in "${missing[@]}"; do
            if deb_available "$pkg"; then
                available+=("$pkg")
            else
                say "package $pkg is not available from this system's package sources: skipped"
            fi
        done
        if ((${#available[@]})); then
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${available[@]}" >/dev/null \
                || die "apt-get could not install ${available[*]}."
        fi
        changed=1
    fi

    # Right-to-left languages (Persian): Odoo flips the web client's CSS with the
    # rtlcss command; without it Persian pages are laid out left to right.
    if ! command -v rtlcss >/dev/null 2>&1; then
        if ! command -v npm >/dev/null 2>&1; then
            say "installing Node.js and npm (for rtlcss)"
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null \
                || die "apt-get could not install nodejs and npm (needed for rtlcss)."
        fi
        say "installing rtlcss (right-to-left CSS for Persian)"
        as_root npm install -g --silent rtlcss@4 >/dev/null || die "npm could not install rtlcss."
        changed=1
    fi
fi

# --- 3. Odoo 19.0 into the project's virtual environment .venv ---------------------------
# pip failed on what $1 names: its error lines, then one sentence.
pip_failed() {
    grep -E '^(ERROR|error):' "$venv/setup-pip.log" | tail -n 5 >&2 || true
    die "pip could not install $1 into .venv; the lines above and .venv/setup-pip.log say which package failed."
}

# Downloads URL $1 to file $2; on failure prints the reason in one line.
download() {
    "$base_python" - "$1" "$2" <<'PY'
import shutil, sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=60) as answer, open(sys.argv[2], "wb") as out:
        shutil.copyfileobj(answer, out, 1 << 20)
except Exception as error:  # noqa: BLE001 - one sentence for the caller, not a traceback
    print(getattr(error, "reason", None) or error)
    sys.exit(1)
PY
}

# Unpacks the Odoo source archive $1 (tar or zip) into directory $2.
unpack() {
    "$base_python" - "$1" "$2" <<'PY'
import shutil, sys, tarfile, tempfile, zipfile
from pathlib import Path
archive, target = Path(sys.argv[1]), Path(sys.argv[2])
try:
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(tmp)
        else:
            with tarfile.open(archive) as tf:
                if hasattr(tarfile, "data_filter"):
                    tf.extractall(tmp, filter="data")
                else:
                    tf.extractall(tmp)  # noqa: S202 - Odoo's own archive, chosen by the user
        trees = [p.parent.parent for p in Path(tmp).glob("*/odoo/release.py")]
        trees += [p.parent.parent for p in Path(tmp).glob("odoo/release.py")]
        if not trees:
            print("it holds no Odoo source tree (no odoo/release.py)")
            sys.exit(1)
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(trees[0]), str(target))
except (OSError, tarfile.TarError, zipfile.BadZipFile) as error:
    print(error)
    sys.exit(1)
PY
}

if ((need_odoo)); then
    command -v "$base_python" >/dev/null 2>&1 \
        || die "no '$base_python' to create the virtual environment with (install python3, or set BASE_PYTHON)."
    "$base_python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null \
        || die "Odoo 19.0 needs Python 3.10 or later; '$base_python' is $("$base_python" -V 2>&1)."
    say "no Python here imports Odoo: installing Odoo 19.0 community into .venv"
    # the source first: a wrong ODOO_SRC or a failed download stops before anything is built
    mkdir -p "$venv/src"
    archive=""
    if [[ -n ${ODOO_SRC:-} ]]; then
        if [[ -d $ODOO_SRC ]]; then
            odoo_src=$(cd "$ODOO_SRC" && pwd)
        elif [[ -f $ODOO_SRC ]]; then
            archive=$ODOO_SRC
        else
            die "ODOO_SRC='$ODOO_SRC' is neither an Odoo source directory nor an archive file."
        fi
    else
        archive=$venv/src/odoo-19.0.archive
        if [[ ! -s $archive ]]; then
            say "downloading Odoo 19.0 community from $odoo_archive_url"
            reason=$(download "$odoo_archive_url" "$archive.part") || {
                rm -f "$archive.part"
                die "could not download Odoo 19.0 from $odoo_archive_url ($reason); set ODOO_SRC to an Odoo 19.0 source tree or archive to install without downloading."
            }
            mv "$archive.part" "$archive"
        fi
    fi
    if [[ -n $archive ]]; then
        odoo_src=$venv/src/odoo
        if [[ ! -f $odoo_src/odoo/release.py ]]; then
            say "unpacking $(basename "$archive")"
            reason=$(unpack "$archive" "$odoo_src") \
                || die "could not unpack '$archive' ($reason)."
        fi
    fi
    [[ -f $odoo_src/odoo/release.py && -f $odoo_src/setup.py && -f $odoo_src/requirements.txt ]] \
        || die "'$odoo_src' is not an Odoo source tree (it needs odoo/release.py, setup.py and requirements.txt)."
    src_version=$("$base_python" - "$odoo_src/odoo/release.py" <<'PY'
import sys
scope = {}
exec(open(sys.argv[1], encoding="utf-8").read(), scope)  # noqa: S102 - Odoo's release.py
print(scope["version"])
PY
    ) || die "could not read the version of the Odoo source in '$odoo_src'."
    [[ $src_version == 19.0* ]] || die "the Odoo source in '$odoo_src' is $src_version, not 19.0."

    if [[ ! -x $venv/bin/python ]]; then
        say "creating the virtual environment .venv with $("$base_python" -V 2>&1)"
        "$base_python" -m venv "$venv" >/dev/null 2>&1 || {
            rm -rf "$venv/bin" "$venv/lib" "$venv/lib64" "$venv/include" "$venv/pyvenv.cfg"
            die "could not create .venv with '$base_python' (on Debian or Ubuntu it needs the package python3-venv)."
        }
    fi
    PYTHON=$venv/bin/python
    changed=1

    # Odoo's requirements.txt pins each package per Python version (markers
    # that pip evaluates); python-ldap is tried on its own: without its
    # system libraries it does not build, and Odoo runs without it.
    : >"$venv/setup-pip.log"
    say "installing Odoo's requirements, pinned for $("$PYTHON" -V 2>&1) (log: .venv/setup-pip.log)"
    grep -v -E '^[[:space:]]*python-ldap\b' "$odoo_src/requirements.txt" >"$venv/odoo-requirements.txt"
    pip_install -r "$venv/odoo-requirements.txt" >>"$venv/setup-pip.log" 2>&1 \
        || pip_failed "Odoo's requirements"
    if grep -q -E '^[[:space:]]*python-ldap\b' "$odoo_src/requirements.txt"; then
        say "building python-ldap (sign-in through LDAP)"
        grep -E '^[[:space:]]*python-ldap\b' "$odoo_src/requirements.txt" >"$venv/odoo-requirements-ldap.txt"
        pip_install -r "$venv/odoo-requirements-ldap.txt" >>"$venv/setup-pip.log" 2>&1 \
            || say "python-ldap could not be built (it needs libldap2-dev and libsasl2-dev): left out, Odoo runs without LDAP sign-in"
    fi
    say "installing Odoo $src_version from $odoo_src"
    pip_install --no-deps -e "$odoo_src" >>"$venv/setup-pip.log" 2>&1 || pip_failed "Odoo"
    odoo_version=$(odoo_version "$PYTHON") \
        || die "Odoo was installed into .venv but does not import; see .venv/setup-pip.log."
    say "Odoo $odoo_version installed for $PYTHON"
fi

# --- 4. PostgreSQL running, with a role for this user -----------------------------
if ((!skip_system)); then
    if ! pg_isready -q; then
        say "starting PostgreSQL"
        if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -n $(pg_lsclusters -h 2>/dev/null) ]]; then
            read -r pg_ver pg_name _ < <(pg_lsclusters -h | head -n 1)
            as_root pg_ctlcluster "$pg_ver" "$pg_name" start
        else
            as_root service postgresql start
        fi
        for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || die "PostgreSQL did not start."
        changed=1
    fi
    db_user=$(id -un)
    [[ $db_user != postgres ]] || die "run as a user other than 'postgres' (Odoo refuses that role)."
    if ! as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$db_user'\"" | grep -q 1; then
        say "creating database role '$db_user'"
        as_root su postgres -c "createuser --superuser '$db_user'"
        changed=1
    fi
fi

# --- 5. Python requirements ---------------------------------------------------------
# One stamp per interpreter: the hash of requirements.txt and of its prefix.
prefix=$("$PYTHON" -c 'import sys; print(sys.prefix)')
stamp_dir=${XDG_CACHE_HOME:-$HOME/.cache}/crm-suite
stamp=$stamp_dir/requirements-$(printf '%s' "$prefix" | sha256sum | cut -c1-16).sha256
want=$(cat "$root/requirements.txt" <(echo "$prefix") | sha256sum | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    say "installing the suite's Python requirements (requirements.txt)"
    pip_install -q -r "$root/requirements.txt" \
        || die "pip could not install requirements.txt into '$PYTHON'; its output above says which package failed."
    mkdir -p "$stamp_dir" && echo "$want" >"$stamp"
    changed=1
fi
# --- 6. lint tools: prettier and its XML plugin in a folder of their own -------------
lint_tools=$root/.lint-tools
lint_want="prettier@3.10.1 @prettier/plugin-xml@3.4.2"
if [[ ! -x $lint_tools/node_modules/.bin/prettier || $(cat "$lint_tools/.installed" 2>/dev/null) != "$lint_want" ]]; then
    command -v npm >/dev/null 2>&1 || die "npm is missing; it installs the XML formatter the lint run uses."
    say "installing the XML formatter for the lint run ($lint_want)"
    mkdir -p "$lint_tools"
    # shellcheck disable=SC2086
    npm install --silent --no-save --prefix "$lint_tools" $lint_want >/dev/null \
        || die "npm could not install $lint_want."
    echo "$lint_want" >"$lint_tools/.installed"
    changed=1
fi
"$PYTHON" -c 'import websocket, phonenumbers, jdatetime, odoorpc' 2>/dev/null \
    || die "Python requirements are not importable by '$PYTHON'; see the pip output above."
if ((!skip_system)); then
    command -v chromium >/dev/null 2>&1 || die "Chromium is not on PATH; browser tours cannot run."
    command -v rtlcss >/dev/null 2>&1 || die "rtlcss is not on PATH; Persian pages would be laid out left to right."
fi
if ((changed)); then
    say "ready: Odoo $odoo_version for $PYTHON"
else
    say "everything is in place (Odoo $odoo_version for $PYTHON); nothing to do"
fi
