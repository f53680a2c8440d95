#!/usr/bin/env bash
# One command for the customer identity benchmark:
#   bench/run.sh [--scale N] [--db NAME] [--keep] [bench_cid.py options...]
#
# Creates the two databases if missing (NAME with crm_cid, NAME_stock with
# crm_cid's dependencies only), seeds both with N customers, runs
# bench/bench_cid.py and prints its table. Databases created by this run are
# dropped at the end unless --keep is given; databases that already existed
# are always kept. Any other option is passed on to bench_cid.py
# (--iterations, --import-rows, --explain, --strict...).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
scale=1000000
db=""
keep=0
passthrough=()

while (($#)); do
    case $1 in
        --scale) scale=$2; shift 2 ;;
        --scale=*) scale=${1#*=}; shift ;;
        --db) db=$2; shift 2 ;;
        --db=*) db=${1#*=}; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) passthrough+=("$1"); shift ;;
    esac
done

db=${db:-bench_cid_$scale}
stock_db=${db}_stock
addons_path=${ODOO_ADDONS_PATH:-$root/addons}
case $db in
    bench_*) ;;
    *) echo "run.sh: database names must start with bench_ (got $db)" >&2; exit 2 ;;
esac

if ! "$PYTHON" -c "import odoo.release" 2>/dev/null; then
    echo "run.sh: Odoo 19 is not importable by $PYTHON (set PYTHON=/path/to/python)" >&2
    exit 2
fi

cd "$root/bench"
created=()
cleanup() {
    if ((!keep)) && ((${#created[@]})); then
        for name in "${created[@]}"; do
            "$PYTHON" -c 'import sys, common; common.drop_db(sys.argv[1])' "$name" || true
        done
    fi
}
trap cleanup EXIT

ensure_db() {  # ensure_db NAME MODULES
    if ! "$PYTHON" -c 'import sys, common; sys.exit(0 if common.module_installed(sys.argv[1], sys.argv[2].split(",")[-1]) else 1)' "$1" "$2"; then
        "$PYTHON" -c 'import sys, common; common.drop_db(sys.argv[1])' "$1"
        "$PYTHON" -c 'import sys, common; common.create_db(sys.argv[1], sys.argv[2], addons_path=sys.argv[3])' "$1" "$2" "$addons_path"
        created+=("$1")
    fi
}

stock_modules=$("$PYTHON" -c 'import sys, common; print(",".join(common.manifest_depends(sys.argv[1], "crm_cid")))' "$addons_path")
ensure_db "$db" crm_cid
ensure_db "$stock_db" "$stock_modules"

"$PYTHON" seed_customers.py --db "$db" --scale "$scale" --addons-path "$addons_path"
"$PYTHON" seed_customers.py --db "$stock_db" --scale "$scale" --addons-path "$addons_path"

"$PYTHON" bench_cid.py --db "$db" --stock-db "$stock_db" --addons-path "$addons_path" \
    ${passthrough[@]+"${passthrough[@]}"}
