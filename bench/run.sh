#!/usr/bin/env bash
# One command for every benchmark of the suite:
#   bench/run.sh [--size small|large] [--scale N] [--db NAME] [--keep] [--skip LIST]
#                [--no-report] [bench_cid.py options...]
#
# Creates the databases that are missing, generates the data (bench/generate.py),
# runs bench_cid.py (identity), bench_interaction.py (ingest, timeline) and
# bench_suite.py (access-policy overhead, auditing against stock Odoo, letter
# registration under concurrency, server memory), then writes bench/RESULTS.md
# from their results (bench/report.py).
#
#   --size small   100,000 customers, 200,000 interactions (the default)
#   --size large   1,000,000 customers, 2,000,000 interactions
#   --scale N      number of customers (overrides the size's)
#   --db NAME      the crm_cid database of bench_cid.py (its stock twin: NAME_stock)
#   --keep         keep the databases this run created (next run skips creating them)
#   --skip LIST    comma-separated: cid, interaction, access, stock, create, secretariat, memory,
#                  or bench_cid.py's own parts lookups, import, inprocess
#   --only LIST    the parts to run (same names), the others skipped
#   --no-report    leave bench/RESULTS.md alone
#
# Databases are named ${BENCH_DB_PREFIX:-bench_}<what>_<customers>; databases that
# existed before the run are never dropped. Other options go to bench_cid.py.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
prefix=${BENCH_DB_PREFIX:-bench_}
export BENCH_DB_PREFIX=$prefix
size=small
scale=""
db=""
keep=0
report=1
skip=""
only=""
passthrough=()

while (($#)); do
    case $1 in
        --size) size=$2; shift 2 ;;
        --size=*) size=${1#*=}; shift ;;
        --scale) scale=$2; shift 2 ;;
        --scale=*) scale=${1#*=}; shift ;;
        --db) db=$2; shift 2 ;;
        --db=*) db=${1#*=}; shift ;;
        --keep) keep=1; shift ;;
        --skip) skip=$2; shift 2 ;;
        --skip=*) skip=${1#*=}; shift ;;
        --only) only=$2; shift 2 ;;
        --only=*) only=${1#*=}; shift ;;
        --no-report) report=0; shift ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) passthrough+=("$1"); shift ;;
    esac
done

case $size in
    small) customers=100000; interactions=200000; customer_interactions=20000 ;;
    large) customers=1000000; interactions=2000000; customer_interactions=100000 ;;
    *) echo "run.sh: --size is small or large (got $size)" >&2; exit 2 ;;
esac
if [[ -n $scale ]]; then
    customers=$scale
    ((interactions <= 2 * scale)) || interactions=$((2 * scale))
    ((customer_interactions <= interactions / 10)) || customer_interactions=$((interactions / 10))
fi

cid_db=${db:-${prefix}cid_$customers}
ia_db=${prefix}ia_$customers
if [[ -n $db ]]; then
    cid_stock=${cid_db}_stock
    ia_stock=${ia_db}_stock
else
    # one stock database serves both comparisons (it has what both need)
    cid_stock=${prefix}stock_$customers
    ia_stock=$cid_stock
fi
suite_db=${prefix}suite_$customers
# stock Odoo with the stock modules the suite's database has, and its customers
suite_stock=${suite_db}_stock
addons_path=${ODOO_ADDONS_PATH:-$root/addons}
for name in "$cid_db" "$ia_db" "$suite_db"; do
    case $name in
        "$prefix"*|bench_*) ;;
        *) echo "run.sh: database names must start with $prefix (got $name)" >&2; exit 2 ;;
    esac
done

if ! "$PYTHON" -c "import odoo.release" 2>/dev/null; then
    echo "run.sh: Odoo 19 is not importable by $PYTHON (set PYTHON=/path/to/python)" >&2
    exit 2
fi

if [[ -n $only ]]; then
    # everything not named in --only is skipped (a bench_cid.py part names cid too)
    for part in cid interaction access stock create secretariat memory lookups import inprocess; do
        case ,$only, in
            *",$part,"*) ;;
            *",cid,"*) [[ $part == lookups || $part == import || $part == inprocess ]] || skip+=",$part" ;;
            *",lookups,"*|*",import,"*|*",inprocess,"*) [[ $part == cid ]] || skip+=",$part" ;;
            *) skip+=",$part" ;;
        esac
    done
fi
skipped() {  # skipped NAME: is NAME in the --skip list?
    [[ ",$skip," == *",$1,"* ]]
}
cid_skip=()
for part in lookups import inprocess; do
    skipped "$part" && cid_skip+=("$part")
done
run_cid=1
if skipped cid || ((${#cid_skip[@]} == 3)); then run_cid=0; fi
run_ia=1
skipped interaction && run_ia=0
suite_skip=()
for part in access stock create secretariat memory; do
    skipped "$part" && suite_skip+=("$part")
done
run_suite=1
((${#suite_skip[@]} < 5)) || run_suite=0
run_suite_stock=0
# the stock twin serves the reads against stock Odoo and the creation of customers
if ((run_suite)) && { ! skipped stock || ! skipped create; }; then run_suite_stock=1; fi

cd "$root/bench"
started=$(date +%s)
created=()
cleanup() {
    if ((!keep)) && ((${#created[@]})); then
        for name in "${created[@]}"; do
            "$PYTHON" -c 'import sys, common; common.drop_db(sys.argv[1])' "$name" || true
        done
    fi
}
trap cleanup EXIT

pending=()  # "NAME MODULES" of the databases to create
want_db() {  # want_db NAME MODULES
    local last=${2##*,}
    if "$PYTHON" -c 'import sys, common; sys.exit(0 if common.module_installed(sys.argv[1], sys.argv[2]) else 1)' "$1" "$last"; then
        return
    fi
    if "$PYTHON" -c 'import sys, common; sys.exit(0 if common.db_exists(sys.argv[1]) else 1)' "$1"; then
        echo "run.sh: database $1 exists without $last; drop it or use another --db" >&2
        exit 2
    fi
    pending+=("$1 $2")
    created+=("$1")
}

deps() {  # deps ADDON: its manifest's depends, comma-separated
    "$PYTHON" -c 'import sys, common; print(",".join(common.manifest_depends(sys.argv[1], sys.argv[2])))' "$addons_path" "$1"
}
stock_cid=$(deps crm_cid)
stock_ia="$stock_cid,sales_team"
[[ $cid_stock == "$ia_stock" ]] && stock_cid=$stock_ia
if ((run_cid)); then
    want_db "$cid_db" crm_cid
    want_db "$cid_stock" "$stock_cid"
fi
if ((run_ia)); then
    want_db "$ia_db" crm_interaction
    [[ $ia_stock == "$cid_stock" ]] && ((run_cid)) || want_db "$ia_stock" "$stock_ia"
fi
if ((run_suite)); then
    want_db "$suite_db" crm_access_policy,secretariat
fi
if ((run_suite_stock)); then
    suite_stock_modules=$("$PYTHON" -c 'import sys, common; print(",".join(common.stock_depends(sys.argv[1], sys.argv[2].split(","))))' "$addons_path" crm_access_policy,secretariat)
    want_db "$suite_stock" "$suite_stock_modules"
fi

# two installations at a time: one per core
running=0
for spec in ${pending[@]+"${pending[@]}"}; do
    read -r name modules <<<"$spec"
    "$PYTHON" -c 'import sys, common; common.create_db(sys.argv[1], sys.argv[2], addons_path=sys.argv[3])' \
        "$name" "$modules" "$addons_path" &
    running=$((running + 1))
    if ((running >= 2)); then
        wait -n
        running=$((running - 1))
    fi
done
wait
for spec in ${pending[@]+"${pending[@]}"}; do
    read -r name modules <<<"$spec"
    "$PYTHON" -c 'import sys, common; sys.exit(0 if common.module_installed(sys.argv[1], sys.argv[2]) else 1)' \
        "$name" "${modules##*,}" || { echo "run.sh: installing $modules into $name failed" >&2; exit 1; }
done

gen=("$PYTHON" generate.py --customers "$customers" --addons-path "$addons_path")
with_history=(--interactions "$interactions" --customer-interactions "$customer_interactions")
jobs=()  # one generation per database, two at a time (mostly PostgreSQL's work)
if ((run_cid)); then
    jobs+=("$cid_db --interactions 0")
    if [[ $cid_stock != "$ia_stock" ]] || ((!run_ia)); then
        jobs+=("$cid_stock --interactions 0")
    fi
fi
if ((run_ia)); then
    jobs+=("$ia_db ${with_history[*]}" "$ia_stock ${with_history[*]}")
fi
if ((run_suite)); then
    jobs+=("$suite_db ${with_history[*]}")
fi
if ((run_suite_stock)); then
    jobs+=("$suite_stock ${with_history[*]}")
fi
running=0
failed=0
for job in ${jobs[@]+"${jobs[@]}"}; do
    read -r name options <<<"$job"
    # shellcheck disable=SC2086 # options are words made above
    "${gen[@]}" --db "$name" $options &
    running=$((running + 1))
    if ((running >= 2)); then
        wait -n || failed=1
        running=$((running - 1))
    fi
done
while ((running > 0)); do
    wait -n || failed=1
    running=$((running - 1))
done
((!failed)) || { echo "run.sh: generating the data failed" >&2; exit 1; }

run_id=$(date -u +%Y%m%dT%H%M%SZ)
export BENCH_RUN_ID=$run_id
if ((run_cid)); then
    cid_opts=()
    if [[ $size == small ]]; then
        # fewer calls than bench_cid.py's defaults, to stay within the run's budget
        cid_opts=(--iterations 100 --inprocess-iterations 1000 --import-rows 3000 --import-repeat 2)
    fi
    if ((${#cid_skip[@]})); then
        cid_opts+=(--skip "$(IFS=,; echo "${cid_skip[*]}")")
    fi
    "$PYTHON" bench_cid.py --db "$cid_db" --stock-db "$cid_stock" --addons-path "$addons_path" \
        "${cid_opts[@]}" ${passthrough[@]+"${passthrough[@]}"}
fi
if ((run_ia)); then
    "$PYTHON" bench_interaction.py --db "$ia_db" --stock-db "$ia_stock" --customers "$customers" \
        --rows "$interactions" --customer-rows "$customer_interactions" --rounds 6 \
        --iterations 30 --no-update
fi
if ((run_suite)); then
    suite_opts=()
    if ((${#suite_skip[@]})); then
        suite_opts=(--skip "$(IFS=,; echo "${suite_skip[*]}")")
    fi
    if ((run_suite_stock)); then
        suite_opts+=(--stock-db "$suite_stock")
    fi
    "$PYTHON" bench_suite.py --db "$suite_db" --addons-path "$addons_path" \
        ${suite_opts[@]+"${suite_opts[@]}"}
fi

elapsed=$(($(date +%s) - started))
echo "run.sh: all benchmarks done in $((elapsed / 60)) min $((elapsed % 60)) s" >&2
if ((report)); then
    "$PYTHON" report.py --run-id "$run_id" --size "$size" --customers "$customers" \
        --interactions "$interactions" --duration "$elapsed"
fi
