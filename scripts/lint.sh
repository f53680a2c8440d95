#!/usr/bin/env bash
# The house rules, checked (STYLE.md, "Linting"): the same checks as
# .pre-commit-config.yaml, run straight from the tools installed by
# scripts/setup.sh, so that no hook repository has to be fetched.
#
#   ruff (lint and format), pylint-odoo with the blocking .pylintrc-mandatory,
#   OCA's oca-checks-odoo-module and oca-checks-po, prettier with its XML
#   plugin on the XML files (widths and layout of .prettierrc.yml).
#
# Usage: scripts/lint.sh [--fix] [DIR]
#   DIR     the tree to check (default: this repository); its own
#           configuration files are used, its addons are DIR/addons/*
#   --fix   let the tools that can rewrite files do so, then check again
# Exit status: 0 when every check passes, 1 otherwise. The last line is
# "lint: N passed, N failed" (one per check).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
fix=0
target=$here
while (($#)); do
    case $1 in
        --fix) fix=1 ;;
        -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
        *) target=$(cd "$1" && pwd) ;;
    esac
    shift
done
cd "$target" || exit 2

# prettier and its XML plugin live in a folder of their own (set up by
# scripts/setup.sh, ignored by git), not in the global npm tree
lint_tools=${LINT_TOOLS:-$here/.lint-tools}
prettier=$lint_tools/node_modules/.bin/prettier
xml_plugin=$lint_tools/node_modules/@prettier/plugin-xml/src/plugin.js

passed=0 failed=0
check() {
    local name=$1
    shift
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    if ((rc == 0)); then
        passed=$((passed + 1))
        printf 'lint: %-24s ok\n' "$name"
    else
        failed=$((failed + 1))
        printf 'lint: %-24s FAILED\n' "$name"
        printf '%s\n' "$out" | grep -v '^$' | head -40 | sed 's/^/    /'
    fi
}

mapfile -t addon_dirs < <(find addons -mindepth 1 -maxdepth 1 -type d -exec test -f '{}/__manifest__.py' \; -print | sort)
mapfile -t po_files < <(find addons -path '*/i18n/*.po' -type f | sort)
mapfile -t xml_files < <(find addons -name '*.xml' -type f | sort)
((${#addon_dirs[@]})) || { echo "lint: no addon under $target/addons" >&2; exit 2; }

if ((fix)); then
    "$PYTHON" -m ruff check --fix --quiet . >/dev/null 2>&1
    "$PYTHON" -m ruff format --quiet . >/dev/null 2>&1
    oca-checks-odoo-module --fix --no-verbose "${addon_dirs[@]}" >/dev/null 2>&1
    ((${#po_files[@]})) && oca-checks-po --fix --no-verbose "${po_files[@]}" >/dev/null 2>&1
    "$prettier" --plugin="$xml_plugin" --log-level=warn --write "${xml_files[@]}" >/dev/null 2>&1
fi

check "ruff check" "$PYTHON" -m ruff check --no-cache --quiet .
check "ruff format" "$PYTHON" -m ruff format --no-cache --check --quiet .
check "pylint-odoo (blocking)" "$PYTHON" -m pylint --rcfile=.pylintrc-mandatory --output-format=text "${addon_dirs[@]}"
check "oca-checks-odoo-module" oca-checks-odoo-module "${addon_dirs[@]}"
if ((${#po_files[@]})); then
    check "oca-checks-po" oca-checks-po "${po_files[@]}"
fi
if [[ -x $prettier && -f $xml_plugin ]]; then
    check "prettier (XML)" "$prettier" --plugin="$xml_plugin" --log-level=warn --check "${xml_files[@]}"
else
    failed=$((failed + 1))
    echo "lint: prettier (XML)           FAILED: prettier is not installed in $lint_tools (run scripts/setup.sh)"
fi

echo "lint: $passed passed, $failed failed"
((failed == 0))
