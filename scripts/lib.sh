# Shared helpers for scripts/run.sh and scripts/test.sh (sourced, not run).

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_python_given=${PYTHON:-}

# The Python that runs Odoo: $PYTHON when set, else the project's .venv (which
# scripts/setup.sh makes when no Python imports Odoo), else python3. The
# commands call it again after scripts/setup.sh, which may just have made .venv.
pick_python() {
    if [[ -n $_python_given ]]; then
        PYTHON=$_python_given
    elif [[ -x $root/.venv/bin/python ]]; then
        PYTHON=$root/.venv/bin/python
    else
        PYTHON=python3
    fi
    ODOO=("$PYTHON" -m odoo)
}
pick_python
ODOO_CONF=${ODOO_CONF:-$root/config/odoo.conf}

# Comma-separated technical names of every installable addon under addons/.
# Addons of the category "Hidden/Tests" exist only for the suite's tests (an
# addon that overrides what another one must cope with): they are left out,
# unless the first argument is --with-tests (the database the tests run in).
suite_addons() {
    local names=() manifest with_tests=0
    [[ ${1:-} == --with-tests ]] && with_tests=1
    for manifest in "$root"/addons/*/__manifest__.py; do
        [[ -f $manifest ]] || continue
        "$PYTHON" - "$manifest" "$with_tests" <<'PY' && names+=("$(basename "$(dirname "$manifest")")")
import ast, sys
manifest = ast.literal_eval(open(sys.argv[1], encoding="utf-8").read())
for_tests_only = manifest.get("category") == "Hidden/Tests"
sys.exit(0 if manifest.get("installable", True) and (sys.argv[2] == "1" or not for_tests_only) else 1)
PY
    done
    local IFS=,
    echo "${names[*]}"
}

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Odoo log records at ERROR or CRITICAL level in file $1 (Odoo's own log format).
odoo_errors() {
    grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1" || true
}

# WARNING records in file $1 that concern the suite's addons or its views.
suite_warnings() {
    local pattern
    pattern=$(suite_addons | sed 's/,/|/g')
    grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+ [0-9]+ WARNING ' "$1" \
        | grep -E "odoo\.addons\.($pattern)|\b($pattern)\.|ir_ui_view|odoo\.tools\.(translate|convert)|odoo\.modules\.loading" \
        || true
}

# Wait until the Odoo server at $1 answers /web/health, at most $2 seconds.
wait_for_server() {
    local url=$1 limit=${2:-120} i
    for ((i = 0; i < limit; i++)); do
        "$PYTHON" - "$url" <<'PY' >/dev/null 2>&1 && return 0
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/web/health", timeout=2).read()
PY
        sleep 1
    done
    return 1
}
