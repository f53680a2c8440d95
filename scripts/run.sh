#!/usr/bin/env bash
# The suite's main command (README: "Run"): set-up, the demo database if it
# does not exist yet (Persian, Iran, the whole suite with demo data), then
# Odoo on http://127.0.0.1:8069 with config/odoo.conf.
#
# Options:  -d, --database NAME   database name (default crm_suite)
#           -p, --port PORT       HTTP port (default 8069)
#           --reset               rebuild the database from scratch
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

db=crm_suite port=8069 reset=0
while (($#)); do
    case $1 in
        -d | --database) db=$2; shift ;;
        -p | --port) port=$2; shift ;;
        --reset) reset=1 ;;
        -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

"$root/scripts/setup.sh"
pick_python

exists=$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" 2>/dev/null || true)
if ((reset)) || [[ $exists != 1 ]]; then
    reset_flag=()
    ((reset)) && reset_flag=(--reset)
    DEMO_DB=$db "$root/scripts/build_demo_db.sh" "${reset_flag[@]}"
fi

cat <<MSG

  CRM suite on http://127.0.0.1:$port/odoo   (database: $db)

  Demo logins (password = login):
    admin       administrator
    sales       sales agent       (فروش)
    support     after-sales agent (پشتیبانی)
    manager     CRM manager       (مدیر)

MSG
exec "${ODOO[@]}" -c "$ODOO_CONF" --addons-path="$root/addons" -d "$db" \
    --db-filter="^$db\$" --http-interface=127.0.0.1 --http-port="$port"
