#!/usr/bin/env bash
# Idempotent set-up for development and CI.
#
# Checks that Odoo 19.0 is importable, installs the Debian packages the suite
# needs (PostgreSQL, Chromium for browser tours, wkhtmltopdf and Persian
# fonts for PDF reports), starts PostgreSQL, creates a database role for the
# current user and installs requirements.txt into the Python that imports Odoo.
# It never installs Odoo itself.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit "${2:-1}"; }

# --- 1. Odoo 19.0 --------------------------------------------------------------
if ! odoo_version=$("$PYTHON" -c 'import odoo.release as r; print(r.version)' 2>/dev/null); then
    cat >&2 <<MSG
[setup] Odoo 19.0 is not installed for '$PYTHON'.

This project is a set of Odoo addons; it needs Odoo 19.0 (community) to run.
Choose one of:
  * Docker:   docker compose up            (see README.md, "Running with Docker")
  * Local:    install Odoo 19.0 community into this Python so that
              '$PYTHON -c "import odoo"' works (for example "pip install -e"
              on an Odoo 19.0 source tree), then run this command again.
              Set PYTHON=/path/to/python if Odoo lives in another interpreter.
MSG
    exit 3
fi
case $odoo_version in
    19.0*) say "Odoo $odoo_version found" ;;
    *) die "Odoo $odoo_version found, but this suite needs Odoo 19.0." 3 ;;
esac

# --- 2. Debian packages ----------------------------------------------------------
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "'$*' needs root rights (install sudo or run as root)."
    fi
}
debs=(postgresql postgresql-contrib chromium wkhtmltopdf fonts-noto-core fonts-farsiweb)
missing=()
for pkg in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 \
        || die "missing packages (${missing[*]}) and no apt-get to install them."
    say "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Right-to-left languages (Persian): Odoo flips the web client's CSS with the
# rtlcss command; without it Persian pages are laid out left to right.
if ! command -v rtlcss >/dev/null 2>&1; then
    if ! command -v npm >/dev/null 2>&1; then
        say "installing Node.js and npm (for rtlcss)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    fi
    say "installing rtlcss (right-to-left CSS for Persian)"
    as_root npm install -g --silent rtlcss@4 >/dev/null
fi

# --- 3. PostgreSQL running, with a role for this user -----------------------------
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
fi
db_user=$(id -un)
[[ $db_user != postgres ]] || die "run as a user other than 'postgres' (Odoo refuses that role)."
if ! as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$db_user'\"" | grep -q 1; then
    say "creating database role '$db_user'"
    as_root su postgres -c "createuser --superuser '$db_user'"
fi

# --- 4. Python requirements ---------------------------------------------------------
stamp_dir=${XDG_CACHE_HOME:-$HOME/.cache}/crm-suite
stamp=$stamp_dir/requirements.sha256
want=$(cat "$root/requirements.txt" <("$PYTHON" -c 'import sys; print(sys.prefix)') | sha256sum | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    say "installing Python requirements"
    "$PYTHON" -m pip install -q --disable-pip-version-check -r "$root/requirements.txt"
    mkdir -p "$stamp_dir" && echo "$want" >"$stamp"
fi
"$PYTHON" -c 'import websocket, phonenumbers, odoorpc' 2>/dev/null \
    || die "Python requirements are not importable by '$PYTHON'; see the pip output above."
command -v chromium >/dev/null 2>&1 || die "Chromium is not on PATH; browser tours cannot run."
command -v rtlcss >/dev/null 2>&1 || die "rtlcss is not on PATH; Persian pages would be laid out left to right."
say "ready"
