#!/usr/bin/env bash
# The suite's test command (README: "Test"). CI runs exactly this.
#
#   0. set-up (scripts/setup.sh), then scripts/check_requirements.py: every
#      module and Python package the manifests depend on is in Odoo, in
#      addons/ or brought by a line of requirements.txt;
#   1. a fresh database with every addon of addons/ installed; the install
#      log must hold no ERROR record and no WARNING about the suite's addons
#      or views;
#   2. the addons' tests, and the tests Odoo ships for the modules the suite
#      extends, with Odoo's test runner: two runs side by side, each on a
#      fresh database of its own (browser tours in headless Chromium: a tour
#      that cannot run is a failure, never a skip);
#   2a. beside step 2, the tests of the scripts that need no server (a fresh
#      .venv made by scripts/setup.sh from ODOO_SRC, the lint run);
#   3. beside step 2, the integrator tests under tests/ (pytest), against a
#      server on the database of step 1, started on a free port and stopped
#      afterwards;
#   4. after step 3, the demo database build (Persian, Iran, demo data),
#      checked like step 1.
# Each step writes its own log under .test-logs/; the results are reported
# in the order above once every step is done.
# It ends with one line "TOTAL: N passed, N failed" and exits non-zero on any
# failure.
#
# Options:  --keep        keep the test databases afterwards
#           --tags TAGS   extra --test-tags for step 2 (default: every addon)
#           --skip-demo   skip step 4
set -uo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

keep=0 skip_demo=0 extra_tags=""
while (($#)); do
    case $1 in
        --keep) keep=1 ;;
        --skip-demo) skip_demo=1 ;;
        --tags) extra_tags=$2; shift ;;
        -h | --help) sed -n '2,28p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

"$root/scripts/setup.sh" || { rc=$?; echo "TOTAL: 0 passed, 1 failed"; exit "$rc"; }
pick_python

# Odoo and OCA modules the suite extends: their own tests must still pass with
# the suite installed. Each addon lists the test tags it answers for in
# scripts/upstream_tags/<addon>.txt (one tag a line, "#" starts a comment;
# "install: MODULE" names an Odoo test module the tags need).
upstream_tags() {
    local IFS=,
    local tags=()
    mapfile -t tags < <(cat "$root"/scripts/upstream_tags/*.txt 2>/dev/null | sed 's/#.*//; s/[[:space:]]//g' | grep -v '^$' | grep -v '^install:')
    echo "${tags[*]}"
}
# Odoo's test-only modules those tests live in (lines "install: MODULE"):
# installed in the test database only.
upstream_modules() {
    cat "$root"/scripts/upstream_tags/*.txt 2>/dev/null | sed 's/#.*//; s/[[:space:]]//g' \
        | sed -n 's/^install://p' | tr ',' '\n' | grep -v '^$' | sort -u | paste -sd, -
}
UPSTREAM_TAGS=${UPSTREAM_TAGS-$(upstream_tags)}

db=${TEST_DB:-crm_suite_test}
demo_db=${db}_demo
test_db=${db}_tests
logs=${TEST_LOG_DIR:-$root/.test-logs}
mkdir -p "$logs"
# Odoo appends to its log files: start from empty ones, so that no record of
# an earlier run is taken for one of this run
rm -rf "$logs"/*.log "$logs"/*.rc "$logs"/*.pot "$logs"/*.xml "$logs/screenshots"
addons=$(suite_addons)
[[ -n $addons ]] || { echo "no addon found under addons/" >&2; exit 2; }
common=(-c "$ODOO_CONF" --addons-path="$root/addons" --http-interface=127.0.0.1)

failed=0 passed=0 fail_count=0
fail() { printf '\n!! %s\n' "$*"; failed=1; }
section() { printf '\n=== %s ===\n' "$*"; }

server_pid="" script_tests_pid=""
cleanup() {
    [[ -z $server_pid ]] || kill "$server_pid" 2>/dev/null
    [[ -z $script_tests_pid ]] || kill "$script_tests_pid" 2>/dev/null
    if ((!keep)); then
        dropdb --if-exists "$db" >/dev/null 2>&1
        dropdb --if-exists "$demo_db" >/dev/null 2>&1
        dropdb --if-exists "$test_db" >/dev/null 2>&1
        dropdb --if-exists "${test_db}_upstream" >/dev/null 2>&1
    fi
}
trap cleanup EXIT

check_install_log() {
    local log=$1 what=$2 errors warnings
    errors=$(odoo_errors "$log")
    warnings=$(suite_warnings "$log")
    [[ -z $errors ]] || { fail "$what: ERROR records in the install log ($log):"; echo "$errors" | head -20; }
    [[ -z $warnings ]] || { fail "$what: warnings about the suite in the install log ($log):"; echo "$warnings" | head -20; }
    [[ -n $errors$warnings ]] || echo "$what: install log clean"
}

# --- 0. every dependency of the manifests is brought by requirements.txt ---------------
section "requirements: every manifest dependency is in Odoo, addons/ or requirements.txt"
if "$PYTHON" "$root/scripts/check_requirements.py" "$root"; then
    passed=$((passed + 1))
else
    fail "requirements.txt misses what the addons need (the list is above)"
    fail_count=$((fail_count + 1))
fi

# --- 0b. the house rules: ruff, pylint-odoo, OCA checks, XML formatting --------------
section "lint (scripts/lint.sh)"
if PYTHON=$PYTHON "$root/scripts/lint.sh"; then
    passed=$((passed + 1))
else
    fail "the lint run found violations of the house rules (the list is above)"
    fail_count=$((fail_count + 1))
fi

# --- 1. install -------------------------------------------------------------------
section "install $addons into a fresh database '$db'"
dropdb --if-exists "$db" >/dev/null 2>&1
"${ODOO[@]}" "${common[@]}" -d "$db" -i "$addons" --without-demo --stop-after-init \
    --http-port="$(free_port)" --logfile="$logs/install.log" --log-level=info
rc=$?
((rc == 0)) || fail "installation exited with $rc (see $logs/install.log)"
check_install_log "$logs/install.log" "install"
if ((failed)); then
    tail -40 "$logs/install.log"
    echo "TOTAL: $passed passed, $((fail_count + 1)) failed"
    exit 1
fi

# --- 1b. Persian translations cover the terms the code has now --------------------------
section "Persian translation coverage"
"${ODOO[@]}" --addons-path="$root/addons" i18n export -c "$ODOO_CONF" -d "$db" \
    -o "$logs/suite.pot" ${addons//,/ } >"$logs/i18n-export.log" 2>&1
if "$PYTHON" "$root/scripts/check_translations.py" "$logs/suite.pot" "$root/addons"; then
    passed=$((passed + 1))
else
    fail "Persian translations are incomplete (the list is above)"
    fail_count=$((fail_count + 1))
fi

# --- 2a. the tests of the scripts that need no server (a fresh .venv, the lint run) ---
# Steps 2, 2a, 3 and 4 run side by side: each keeps one core busy at most
# (Odoo's test runner and the demo build are one process each), so on a
# machine of two cores or more the test command takes about as long as the
# longest of them rather than their sum. Their outputs go to their own logs
# and are reported in order once all are done.
SCRIPT_TESTS=(tests/test_setup_venv.py tests/test_lint.py)
(cd "$root" && "$PYTHON" -m pytest "${SCRIPT_TESTS[@]}" -p no:cacheprovider -p no:odoo -q -rfEs \
    >"$logs/script-tests.log" 2>&1) &
script_tests_pid=$!

# --- 3 and 4, in the background: integrator tests, then the demo database ----------------
# The integrator tests run against the database of step 1 on a server of
# their own; the demo database is built once they are done. Each writes its
# exit status into the logs folder for the report below.
integrator_and_demo() {
    local port server rc
    port=$(free_port)
    "${ODOO[@]}" "${common[@]}" -d "$db" --db-filter="^$db\$" --http-port="$port" \
        --gevent-port="$(free_port)" --max-cron-threads=0 --log-level=warn \
        --log-handler=odoo.addons.rpc.controllers.xmlrpc:ERROR \
        --log-handler=odoo.addons.rpc.controllers.jsonrpc:ERROR \
        --logfile="$logs/server.log" &
    server=$!
    trap 'kill "$server" 2>/dev/null' EXIT
    if wait_for_server "http://127.0.0.1:$port" 120; then
        ODOO_URL="http://127.0.0.1:$port" ODOO_DB="$db" ODOO_LOGIN=admin ODOO_PASSWORD=admin \
            ODOO_ADDONS_PATH="$root/addons" \
            "$PYTHON" -m pytest "$root/tests" -p no:cacheprovider -p no:odoo -q -rfEs \
            "${SCRIPT_TESTS[@]/#/--ignore=$root/}" \
            --junitxml="$logs/integrator.xml" >"$logs/integrator.log" 2>&1
        echo $? >"$logs/integrator.rc"
    else
        echo "server-down" >"$logs/integrator.rc"
    fi
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
    if ((!skip_demo)); then
        DEMO_DB=$demo_db "$root/scripts/build_demo_db.sh" --reset >"$logs/demo.log" 2>&1
        echo $? >"$logs/demo.rc"
    fi
}
integrator_and_demo &
server_pid=$!

# --- 2. addons' tests, upstream tests, tours ----------------------------------------
# with the addons that exist only for the tests (category Hidden/Tests)
test_addons=$(suite_addons --with-tests)
upstream=$(upstream_modules)
suite_tags=$(echo "$test_addons" | sed 's/^/\//; s/,/,\//g')
# Two runs side by side, each on a fresh database with the same modules: the
# addons' own tests, and the tests of the Odoo and OCA modules they extend
# (--tags: one run of the tags given).
run_names=(suite) run_tags=("$suite_tags")
if [[ -n $extra_tags ]]; then
    run_tags=("$extra_tags")
elif [[ -n $UPSTREAM_TAGS ]]; then
    run_names+=(upstream) run_tags+=("$UPSTREAM_TAGS")
fi
# A fresh database again, installed with the tests on: each addon's at_install
# tests run right after it is installed, with the registry of its own
# dependencies (an addon installed later, such as account, cannot break them
# by adding required columns), and the post_install tests and tours run once
# everything is installed.
run_pids=()
for i in "${!run_names[@]}"; do
    name=${run_names[$i]}
    run_db=$test_db
    [[ $name == suite ]] || run_db=${test_db}_$name
    section "Odoo test runner ($name) on a fresh database '$run_db': ${run_tags[$i]}"
    dropdb --if-exists "$run_db" >/dev/null 2>&1
    "${ODOO[@]}" "${common[@]}" -d "$run_db" -i "$test_addons${upstream:+,$upstream}" --without-demo \
        --test-tags "${run_tags[$i]}" --stop-after-init --http-port="$(free_port)" --log-level=test \
        --screenshots="$logs/screenshots/$name" >"$logs/odoo-tests-$name.log" 2>&1 &
    run_pids+=($!)
done
for i in "${!run_names[@]}"; do
    name=${run_names[$i]}
    log=$logs/odoo-tests-$name.log
    wait "${run_pids[$i]}"
    rc=$?
    section "Odoo test runner ($name): results"
    grep -E ' (ERROR|CRITICAL) |FAIL:|ERROR:|odoo\.tests\.result|\bskipped\b' "$log" | tail -60
    result=$(grep -E 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n 1)
    if [[ $result =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        f=${BASH_REMATCH[1]} e=${BASH_REMATCH[2]} n=${BASH_REMATCH[3]}
        passed=$((passed + n - f - e))
        fail_count=$((fail_count + f + e))
        ((f + e == 0)) || fail "Odoo tests ($name): $f failed, $e errors (see $log)"
        ((n > 0)) || fail "Odoo tests ($name): no test ran"
    else
        fail "Odoo tests ($name): no result line (see $log)"
        fail_count=$((fail_count + 1))
    fi
    ((rc == 0)) || fail "Odoo test run ($name) exited with $rc"
    if grep -qE 'websocket-client module is not installed|Chrome executable not found' "$log"; then
        fail "browser tours could not run (Chromium or websocket-client missing): that is a failure here"
        fail_count=$((fail_count + 1))
    fi
    if grep -q "You need https://rtlcss.com/" "$log"; then
        fail "rtlcss is missing: Persian pages were served left to right"
        fail_count=$((fail_count + 1))
    fi
    skipped=$(grep -cE 'odoo\.addons\.[a-z_]+\.tests.* skipped ' "$log")
    if ((skipped)); then
        fail "$skipped test(s) were skipped:"
        grep -E 'odoo\.addons\.[a-z_]+\.tests.* skipped ' "$log" | head
        fail_count=$((fail_count + skipped))
    fi
done

# --- 3. integrator tests against a live server (run beside step 2) ---------------------
section "integrator tests (tests/) over XML-RPC, odoorpc and JSON-2"
wait "$server_pid"
server_pid=""
rc=$(cat "$logs/integrator.rc" 2>/dev/null || echo missing)
if [[ $rc == server-down || $rc == missing ]]; then
    fail "the test server did not start (see $logs/server.log)"
    fail_count=$((fail_count + 1))
else
    cat "$logs/integrator.log"
    summary=$(tail -n 1 "$logs/integrator.log")
    [[ $summary =~ ([0-9]+)\ passed ]] && passed=$((passed + BASH_REMATCH[1]))
    [[ $summary =~ ([0-9]+)\ failed ]] && fail_count=$((fail_count + BASH_REMATCH[1]))
    [[ $summary =~ ([0-9]+)\ error ]] && fail_count=$((fail_count + BASH_REMATCH[1]))
    [[ $summary =~ ([0-9]+)\ skipped ]] && { fail "integrator tests skipped"; fail_count=$((fail_count + BASH_REMATCH[1])); }
    ((rc == 0)) || fail "integrator tests failed (pytest exit $rc)"
fi
server_errors=$(odoo_errors "$logs/server.log")
[[ -z $server_errors ]] || { fail "ERROR records in the server log during integrator tests:"; echo "$server_errors" | head -20; }

# --- 3b. the script tests started beside step 2 -------------------------------------------
section "script tests (a fresh .venv from ODOO_SRC, the lint run)"
wait "$script_tests_pid"
rc=$?
script_tests_pid=""
cat "$logs/script-tests.log"
summary=$(tail -n 1 "$logs/script-tests.log")
[[ $summary =~ ([0-9]+)\ passed ]] && passed=$((passed + BASH_REMATCH[1]))
[[ $summary =~ ([0-9]+)\ failed ]] && fail_count=$((fail_count + BASH_REMATCH[1]))
[[ $summary =~ ([0-9]+)\ error ]] && fail_count=$((fail_count + BASH_REMATCH[1]))
[[ $summary =~ ([0-9]+)\ skipped ]] && { fail "script tests skipped"; fail_count=$((fail_count + BASH_REMATCH[1])); }
((rc == 0)) || fail "script tests failed (pytest exit $rc)"

# --- 4. the demo database (built after step 3, beside step 2) ------------------------------
if ((!skip_demo)); then
    section "demo database build (Persian, Iran, demo data)"
    rc=$(cat "$logs/demo.rc" 2>/dev/null || echo missing)
    if [[ $rc == 0 ]]; then
        check_install_log "$logs/demo.log" "demo database"
    else
        fail "building the demo database failed (see $logs/demo.log)"
        tail -30 "$logs/demo.log"
    fi
fi

section "summary"
echo "logs: $logs"
if ((failed && fail_count == 0)); then
    fail_count=1
fi
echo "TOTAL: $passed passed, $fail_count failed"
exit "$failed"
