"""Generate realistic Iranian benchmark data at one of two sizes, fast.

Sizes (``--size``):

========  ===========  ============  ========================================
size      customers    interactions  of which on one customer (the timeline)
========  ===========  ============  ========================================
small     100,000      200,000       20,000
large     1,000,000    2,000,000     100,000
========  ===========  ============  ========================================

``--customers``, ``--interactions`` and ``--customer-interactions`` override
the size's figures.

Customers go in with ``seed_customers.py`` (set-based SQL, the secondary
indexes rebuilt once at the end): Persian names, mobiles, e-mails and valid
national IDs, each with its identity keys as ``crm_cid`` stores them.
Interactions go in with ``INSERT ... SELECT generate_series`` in chunks of
250,000 rows (``bench_interaction.seed_history``) into ``crm_interaction``
where ``crm_interaction`` is installed, into ``mail_message`` (the stock
chatter) otherwise, then their first responses are computed as the addon
would.

The keys are checked against ``crm_cid``'s own normalisation: a random sample
of customers has its raw mobile, e-mail and national ID normalised by the
addon's ``tools.keys.normalize_key`` (imported without Odoo), and the result
must equal the stored ``value_normalized``; the run fails otherwise.

Usage::

    python3 bench/generate.py --db bench_suite_100000 --size small
    python3 bench/generate.py --db bench_stock_100000 --size small   # stock database

The database must exist with its modules installed (``run.sh`` does it).
Re-running is cheap: what is already there is kept.
"""

import argparse
import random
import sys
import time

import common
import seed_customers
from common import DEFAULT_ADDONS_PATH, check_db_name, log, pg_connect

SIZES = {
    "small": {"customers": 100_000, "interactions": 200_000, "customer_interactions": 20_000},
    "large": {
        "customers": 1_000_000,
        "interactions": 2_000_000,
        "customer_interactions": 100_000,
    },
}
CHECK_SAMPLE = 1_000
# customer i gets the id BASE_ID + i in every generated database, so that the
# databases compared with each other (ours, stock) hold the same ids
BASE_ID = 100_000


def sizes(args):
    """Return the figures of ``args.size`` with the explicit overrides applied."""
    figures = dict(SIZES[args.size])
    for name in figures:
        if getattr(args, name) is not None:
            figures[name] = getattr(args, name)
    return figures


def table_exists(db, table):
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            return cur.fetchone()[0]
    finally:
        conn.close()


def fix_base_id(db, base_id=BASE_ID):
    """Make the seeder number customers from ``base_id`` in a database never seeded.

    The seeder starts after the largest partner id otherwise, which differs
    between databases with different addons.
    """
    conn = pg_connect(db)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("SELECT to_regclass('bench_seed') IS NOT NULL")
            if cur.fetchone()[0]:
                return
            cur.execute(
                "SELECT COALESCE(max(id), 0), to_regclass('crm_cid_key') IS NOT NULL "
                "FROM res_partner"
            )
            top, has_cid = cur.fetchone()
            if top + 1000 > base_id:
                return  # an existing database: let the seeder choose
            cur.execute("CREATE TABLE bench_seed (key varchar PRIMARY KEY, value varchar)")
            cur.execute(
                "INSERT INTO bench_seed VALUES ('base_id', %s), ('count', '0'), ('kind', %s)",
                [str(base_id), "cid" if has_cid else "stock"],
            )
    finally:
        conn.close()


def check_keys(db, addons_path=DEFAULT_ADDONS_PATH, sample=CHECK_SAMPLE, seed=7):
    """Compare stored keys of random seeded customers with ``crm_cid``'s normalisation.

    :return: number of keys checked
    :raises SystemExit: on the first key that differs
    """
    tools = seed_customers.load_cid_tools(addons_path)
    if tools is None:
        raise SystemExit("crm_cid's tools were not found on the addons path")
    from crm_cid_tools.keys import normalize_key  # loaded by load_cid_tools

    info = seed_customers.seed_info(db)
    indexes = random.Random(seed).sample(range(1, info["count"] + 1), min(sample, info["count"]))
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute(
                """
                SELECT p.id, p.mobile, p.email, p.national_id, t.code, k.value_normalized
                  FROM res_partner p
                  JOIN crm_cid_key k ON k.partner_id = p.id
                  JOIN crm_cid_key_type t ON t.id = k.key_type_id
                 WHERE p.id = ANY(%s) AND t.code IN ('mobile', 'email', 'national_id')
                """,
                [[info["base_id"] + i for i in indexes]],
            )
            rows = cur.fetchall()
    finally:
        conn.close()
    raw_of = {"mobile": 1, "email": 2, "national_id": 3}
    for row in rows:
        code, stored = row[4], row[5]
        expected = normalize_key(code, row[raw_of[code]])
        if expected != stored:
            raise SystemExit(
                f"{db}: customer {row[0]} has {code} key {stored!r}; crm_cid computes "
                f"{expected!r} from {row[raw_of[code]]!r}"
            )
    if len(rows) < 3 * len(indexes):
        raise SystemExit(f"{db}: {3 * len(indexes) - len(rows)} seeded keys are missing")
    return len(rows)


def generate(db, figures, addons_path=DEFAULT_ADDONS_PATH, check=True):
    """Seed ``db`` with ``figures``; return what was done, with durations in seconds."""
    import bench_interaction  # noqa: PLC0415 - it sets its own database prefix on import

    check_db_name(db)
    report = {"db": db, **figures}
    started = time.perf_counter()
    fix_base_id(db)
    seed_customers.main(
        ["--db", db, "--scale", str(figures["customers"]), "--addons-path", addons_path]
    )
    report["customers_s"] = time.perf_counter() - started
    kind = seed_customers.seed_info(db)["kind"]
    report["kind"] = kind
    if figures["interactions"]:
        started = time.perf_counter()
        ours = kind == "cid" and table_exists(db, "crm_interaction")
        bench_interaction.seed_history(
            db,
            "ours" if ours else "stock",
            figures["interactions"],
            figures["customer_interactions"],
            figures["customers"],
        )
        if ours:
            bench_interaction.seed_responses(db)
        report["interactions_s"] = time.perf_counter() - started
        report["interactions_table"] = "crm_interaction" if ours else "mail_message"
    if check and kind == "cid":
        report["keys_checked"] = check_keys(db, addons_path)
        log(f"{db}: {report['keys_checked']} keys agree with crm_cid's normalisation")
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, action="append", help="repeat for several")
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--customers", type=int)
    parser.add_argument("--interactions", type=int)
    parser.add_argument("--customer-interactions", type=int)
    parser.add_argument("--addons-path", default=DEFAULT_ADDONS_PATH)
    parser.add_argument("--no-check", action="store_true", help="skip the normalisation check")
    args = parser.parse_args(argv)
    figures = sizes(args)
    for db in args.db:
        started = time.perf_counter()
        report = generate(db, figures, args.addons_path, check=not args.no_check)
        log(f"{db}: generated in {time.perf_counter() - started:.0f} s: {report}")
    return 0


if __name__ == "__main__":
    common.log("generate: " + " ".join(sys.argv[1:]))
    sys.exit(main())
