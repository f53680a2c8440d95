#!/usr/bin/env bash
# Builds the demo database: Persian as the language, Iran as the company's
# country (with the Rial), the whole suite installed with its demo data.
# Used by scripts/run.sh (when the database does not exist yet) and checked
# by scripts/test.sh. Database name from $DEMO_DB (default crm_suite).
#
# Options:  --reset   drop the database first if it exists
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

db=${DEMO_DB:-crm_suite}
force=()
[[ ${1:-} == --reset ]] && force=(--force)

addons=$(suite_addons)
common=(-c "$ODOO_CONF" --addons-path="$root/addons")

echo "creating database '$db' (Persian, Iran) ..."
"${ODOO[@]}" --addons-path="$root/addons" db init "${force[@]}" --with-demo --language fa_IR --country IR "$db"
# the company keeps its books in Rial: set before accounting is installed,
# since a company's currency cannot change once it has journal entries
echo "setting the company's currency to the Rial ..."
"${ODOO[@]}" shell "${common[@]}" -d "$db" --no-http --log-level=warn <"$root/scripts/demo_rial.py"
echo "installing $addons with demo data ..."
"${ODOO[@]}" "${common[@]}" -d "$db" -i "$addons" --stop-after-init --http-port="$(free_port)" \
    --http-interface=127.0.0.1 --log-level=info
echo "demo database '$db' ready"
