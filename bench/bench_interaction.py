"""Interaction benchmark: ingestion and the customer timeline against stock Odoo.

Two databases, seeded with the same customers (``seed_customers.py``):

* ours, with ``crm_interaction``; its ``crm_interaction`` table gets
  ``--rows`` interactions (2,000,000 by default), ``--customer-rows`` of them
  (100,000) on one customer, the rest spread over the other customers;
* stock, with ``crm_interaction``'s dependencies only; its ``mail_message``
  table gets the same number of messages on the same partners (the chatter
  is where stock Odoo keeps a customer's history).

Both are built with set-based SQL (``INSERT ... SELECT generate_series``),
keys consistent (partner, commercial entity, CID, channel, company). Then,
with one server per database, interleaved so that a busy machine slows both
sides alike:

1. ``crm.interaction.ingest`` of batches of 500 items over XML-RPC (SMS from
   seeded customers' mobiles in assorted formats, one in ten from an unknown
   number), against stock ``message_post`` (one call per message) and a raw
   batch ``mail.message.create`` of 500 rows over XML-RPC;
2. the first page of 50 of the big customer's timeline
   (``crm.interaction.timeline_page``) over XML-RPC against stock
   ``mail.message.search_read`` of the same partner's latest 50 messages; a
   deep page (after 20,000 items) is reported too.

Usage::

    python3 bench/bench_interaction.py                      # the issue's scale
    python3 bench/bench_interaction.py --rows 200000 --customer-rows 10000 --customers 5000

Databases are named ``ia_bench_*`` and kept for the next run (``--drop`` to
remove them at the end). Results go to ``.bench-results/bench_interaction-*.json``.
"""

import argparse
import os
import random
import subprocess
import sys
import time
import uuid

import common
from common import Metric, RpcClient, Server, format_table, log, pg_connect, time_interleaved

common.DB_PREFIX = "ia_bench_"

import seed_customers  # noqa: E402 - after the database prefix is set

DB = "ia_bench_interaction"
BATCH = 500
TARGET_INGEST = 2000.0
TARGET_TIMELINE_RATIO = 1.2
STOCK_FIELDS = ["date", "author_id", "subject", "body", "message_type", "subtype_id"]
MOBILE_FORMATS = (
    lambda d: "0" + d,
    lambda d: "+98 " + d[:3] + " " + d[3:6] + " " + d[6:],
    lambda d: "0098-" + d,
    lambda d: ("0" + d).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
)


def ensure_db(db, modules, update=False):
    """Create ``db`` with ``modules`` if missing; with ``update``, upgrade them in place."""
    if not common.module_installed(db, modules.split(",")[-1]):
        common.drop_db(db)
        common.create_db(db, modules)
    elif update:
        log(f"{db}: upgrading {modules} to the code on disk")
        cmd = common.odoo_cmd(
            "-d", db, "-u", modules, "--stop-after-init", "--no-http", "--max-cron-threads=0",
            "--log-level=warn",
        )  # fmt: skip
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def seeded_rows(db, table):
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            return cur.fetchone()[0]
    finally:
        conn.close()


def seed_history(db, kind, rows, customer_rows, customers):
    """Fill ``crm_interaction`` (ours) or ``mail_message`` (stock) up to ``rows`` rows.

    Row ``g`` belongs to customer 1 for ``g <= customer_rows``, else to one of
    the other customers; dates go back one minute per row.
    """
    info = seed_customers.seed_info(db)
    base = info["base_id"]
    table = "crm_interaction" if kind == "ours" else "mail_message"
    have = seeded_rows(db, table)
    if have >= rows:
        log(f"{db}: {table} already holds {have:,} rows")
        return
    log(f"{db}: adding {rows - have:,} rows to {table}")
    conn = pg_connect(db)
    started = time.perf_counter()
    partner_sql = (
        f"CASE WHEN g <= {customer_rows} THEN {base + 1} "
        f"ELSE {base + 2} + (g %% {customers - 1}) END"
    )
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
            company = cur.fetchone()[0]
            if kind == "ours":
                cur.execute("SELECT array_agg(id ORDER BY id) FROM crm_interaction_channel")
                channels = cur.fetchone()[0]
                cur.execute("SELECT array_agg(id ORDER BY id) FROM crm_interaction_reason")
                reasons = cur.fetchone()[0]
                cur.execute("SELECT array_agg(id ORDER BY id) FROM crm_team")
                teams = cur.fetchone()[0] or [None]
            chunk = 250_000
            for start in range(have + 1, rows + 1, chunk):
                stop = min(start + chunk - 1, rows)
                if kind == "ours":
                    cur.execute(
                        f"""
                        INSERT INTO crm_interaction (
                            channel_id, direction, occurred_at, received_at, partner_id,
                            commercial_partner_id, cid, has_conflict, match_state, subject,
                            summary, reason_id, team_id, company_id, state, duration,
                            external_id, response_seconds, create_uid, write_uid,
                            create_date, write_date)
                        SELECT (%(channels)s::int[])[1 + g %% %(nch)s],
                               (ARRAY['inbound','outbound','internal'])[1 + g %% 3],
                               timestamp '2026-01-01' - g * interval '1 minute',
                               timestamp '2026-01-01' - g * interval '1 minute',
                               p.id, p.commercial_partner_id, p.cid, false, 'matched',
                               'Seeded interaction ' || g, 'Summary of interaction ' || g,
                               CASE WHEN g %% 4 = 0 THEN (%(reasons)s::int[])[1 + g %% %(nre)s] END,
                               (%(teams)s::int[])[1 + g %% %(nte)s],
                               %(company)s, 'handled', g %% 600, 'seed-' || g, 0, 1, 1,
                               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                          FROM generate_series(%(start)s, %(stop)s) AS g
                          JOIN res_partner p ON p.id = {partner_sql}
                        """,  # noqa: S608 - integers computed here
                        {
                            "channels": channels,
                            "nch": len(channels),
                            "reasons": reasons,
                            "nre": len(reasons),
                            "teams": teams,
                            "nte": len(teams),
                            "company": company,
                            "start": start,
                            "stop": stop,
                        },
                    )
                else:
                    cur.execute(
                        f"""
                        INSERT INTO mail_message (
                            model, res_id, message_type, body, subject, author_id, date,
                            email_from, create_uid, write_uid, create_date, write_date)
                        SELECT 'res.partner', {partner_sql}, 'comment',
                               '<p>Summary of interaction ' || g || '</p>',
                               'Seeded interaction ' || g, {partner_sql},
                               timestamp '2026-01-01' - g * interval '1 minute',
                               'customer@example.com', 1, 1,
                               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                          FROM generate_series(%(start)s, %(stop)s) AS g
                        """,  # noqa: S608 - integers computed here
                        {"start": start, "stop": stop},
                    )
                conn.commit()
                log(f"{db}: {stop:,} / {rows:,} rows ({time.perf_counter() - started:.0f} s)")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f"VACUUM ANALYZE {table}")  # noqa: S608
    finally:
        conn.close()
    log(f"{db}: {table} seeded in {time.perf_counter() - started:.0f} s")


def seed_responses(db):
    """Give the seeded inbound interactions their first response, as the addon would.

    Each inbound interaction's first response is the earliest outbound one of
    the same customer that did not happen before it: one window over the
    table, ordered by the timeline index. Runs once (marker table).
    """
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('ia_bench_responses') IS NOT NULL")
            if cur.fetchone()[0]:
                return
            log(f"{db}: computing the first response of the seeded inbound interactions")
            started = time.perf_counter()
            cur.execute(
                """
                UPDATE crm_interaction AS i
                   SET first_response_at = r.reply,
                       response_seconds = extract(epoch FROM r.reply - i.occurred_at)::int
                  FROM (SELECT id, direction,
                               min(occurred_at) FILTER (WHERE direction = 'outbound') OVER (
                                   PARTITION BY commercial_partner_id
                                   ORDER BY occurred_at DESC, id DESC
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS reply
                          FROM crm_interaction) AS r
                 WHERE r.id = i.id AND r.direction = 'inbound' AND r.reply IS NOT NULL
                """
            )
            cur.execute("CREATE TABLE ia_bench_responses (done boolean)")
        conn.commit()
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("VACUUM ANALYZE crm_interaction")
        log(f"{db}: first responses set in {time.perf_counter() - started:.0f} s")
    finally:
        conn.close()


def ingest_items(run, batch_no, customers, rng):
    items = []
    for n in range(BATCH):
        if n % 10 == 9:
            digits = f"935{rng.randrange(10**7):07d}"  # nobody's number: unmatched
        else:
            digits = f"912{rng.randrange(1, customers + 1):07d}"
        items.append(
            {
                "channel": "sms",
                "direction": "inbound",
                "external_id": f"bench-{run}-{batch_no}-{n}",
                "occurred_at": "2026-02-01T10:%02d:%02d+03:30" % (n // 60 % 60, n % 60),
                "mobile": MOBILE_FORMATS[n % len(MOBILE_FORMATS)](digits),
                "body": "سلام، وضعیت سفارش من چیست؟",
            }
        )
    return items


def bench_ingest(ours, stock, args, base):
    """Interleave ingest batches with stock batch creates and message_post calls."""
    rng = random.Random(7)
    run = uuid.uuid4().hex[:8]
    ingest_s = create_s = post_s = 0.0
    ingested = created = posted = 0
    statuses = {}
    for round_no in range(-1, args.rounds):  # round -1 warms up
        items = ingest_items(run, round_no, args.customers, rng)
        started = time.perf_counter()
        results = ours.call("crm.interaction", "ingest", items)
        elapsed = time.perf_counter() - started
        vals = [
            {
                "model": "res.partner",
                "res_id": base + 1 + rng.randrange(args.customers),
                "body": item["body"],
                "message_type": "comment",
            }
            for item in items
        ]
        started = time.perf_counter()
        stock.call("mail.message", "create", vals)
        elapsed_create = time.perf_counter() - started
        started = time.perf_counter()
        for _n in range(args.posts_per_round):
            stock.call(
                "res.partner",
                "message_post",
                [base + 1 + rng.randrange(args.customers)],
                body="سلام، وضعیت سفارش من چیست؟",
                message_type="comment",
            )
        elapsed_post = time.perf_counter() - started
        if round_no < 0:
            continue
        for result in results:
            statuses[result["status"]] = statuses.get(result["status"], 0) + 1
        ingest_s += elapsed
        ingested += len(items)
        create_s += elapsed_create
        created += len(vals)
        post_s += elapsed_post
        posted += args.posts_per_round
        log(f"round {round_no}: ingest {len(items) / elapsed:,.0f}/s")
    return {
        "run": run,
        "ingest_per_s": ingested / ingest_s,
        "create_per_s": created / create_s,
        "post_per_s": posted / post_s,
        "statuses": statuses,
        "ingested": ingested,
    }


def cleanup_ingested(db, run):
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute("DELETE FROM crm_interaction WHERE external_id LIKE %s", [f"bench-{run}-%"])
        conn.commit()
    finally:
        conn.close()


def deep_cursor(db, base, depth):
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT occurred_at, id FROM crm_interaction WHERE commercial_partner_id = %s "
                "ORDER BY occurred_at DESC, id DESC OFFSET %s LIMIT 1",
                [base + 1, depth],
            )
            when, rec_id = cur.fetchone()
            return [when.strftime("%Y-%m-%d %H:%M:%S"), rec_id]
    finally:
        conn.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DB)
    parser.add_argument("--stock-db", help="the stock database (default: DB_stock)")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--customer-rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10, help="ingest batches of 500 measured")
    parser.add_argument("--posts-per-round", type=int, default=20)
    parser.add_argument("--iterations", type=int, default=40, help="timeline calls measured")
    parser.add_argument(
        "--no-update", action="store_true", help="do not upgrade crm_interaction first"
    )
    parser.add_argument("--drop", action="store_true", help="drop the databases at the end")
    args = parser.parse_args(argv)
    stock_db = args.stock_db or args.db + "_stock"
    load_before = os.getloadavg()
    deps = ["crm_cid", "mail", "sales_team"]
    stock_modules = ",".join(
        dict.fromkeys(common.manifest_depends(common.DEFAULT_ADDONS_PATH, "crm_cid") + deps[1:])
    )
    ensure_db(args.db, "crm_cid,crm_interaction", update=not args.no_update)
    ensure_db(stock_db, stock_modules)
    for db in (args.db, stock_db):
        seed_customers.main(["--db", db, "--scale", str(args.customers)])
    seed_history(args.db, "ours", args.rows, args.customer_rows, args.customers)
    seed_history(stock_db, "stock", args.rows, args.customer_rows, args.customers)
    seed_responses(args.db)
    base = seed_customers.seed_info(args.db)["base_id"]
    stock_base = seed_customers.seed_info(stock_db)["base_id"]
    if base != stock_base:
        raise SystemExit("the two databases gave their customers different ids")
    ours_server, stock_server = Server(args.db).start(), Server(stock_db).start()
    try:
        ours, stock = RpcClient(ours_server), RpcClient(stock_server)
        memory = {"before": {"ours": ours_server.memory(), "stock": stock_server.memory()}}
        ingest = bench_ingest(ours, stock, args, base)
        cleanup_ingested(args.db, ingest["run"])
        depth = min(20_000, args.customer_rows // 2)
        cursor = deep_cursor(args.db, base, depth)
        domain = [("model", "=", "res.partner"), ("res_id", "=", base + 1)]
        timings = time_interleaved(
            {
                "timeline": lambda i: ours.call(
                    "crm.interaction", "timeline_page", base + 1, limit=50
                ),
                "timeline_deep": lambda i: ours.call(
                    "crm.interaction", "timeline_page", base + 1, cursor=cursor, limit=50
                ),
                "stock": lambda i: stock.call(
                    "mail.message", "search_read", domain, STOCK_FIELDS, limit=50
                ),
            },
            iterations=args.iterations,
            warmup=5,
        )
        page = ours.call("crm.interaction", "timeline_page", base + 1, limit=50)
        assert len(page["items"]) == 50 and page["next_cursor"], "timeline page incomplete"
        memory["after"] = {"ours": ours_server.memory(), "stock": stock_server.memory()}
    finally:
        ours_server.stop()
        stock_server.stop()
    load_after = os.getloadavg()
    metrics = [
        Metric(
            "ingest_vs_create",
            "ingest, batches of 500, XML-RPC vs stock batch mail.message.create",
            "items/s",
            ours=ingest["ingest_per_s"],
            stock=ingest["create_per_s"],
            target=TARGET_INGEST,
            better="higher",
            target_on="ours",
        ),
        Metric(
            "ingest_vs_post",
            "ingest vs stock message_post (one call per message)",
            "items/s",
            ours=ingest["ingest_per_s"],
            stock=ingest["post_per_s"],
            better="higher",
        ),
        Metric(
            "timeline_first_page",
            "timeline first page of 50, XML-RPC vs stock search_read of 50 messages",
            "ms",
            ours=timings["timeline"]["median_ms"],
            stock=timings["stock"]["median_ms"],
            target=TARGET_TIMELINE_RATIO,
            details={"ours": timings["timeline"], "stock": timings["stock"]},
        ),
        Metric(
            "timeline_deep_page",
            f"timeline page after {depth:,} items vs the same stock search_read",
            "ms",
            ours=timings["timeline_deep"]["median_ms"],
            stock=timings["stock"]["median_ms"],
            details={"ours": timings["timeline_deep"], "stock": timings["stock"]},
        ),
    ]
    metrics.append(
        Metric(
            "memory_rss_after",
            "server RSS after the runs (before: in the JSON)",
            "MB",
            ours=memory["after"]["ours"]["rss_mb"],
            stock=memory["after"]["stock"]["rss_mb"],
            details=memory,
        )
    )
    print(format_table(metrics))
    payload = {
        "memory": memory,
        "run_id": os.environ.get("BENCH_RUN_ID"),
        "args": vars(args),
        "machine": common.machine_info(),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "ingest": ingest,
        "timings": timings,
        "metrics": [m.as_dict() for m in metrics],
    }
    path = common.write_results("bench_interaction", payload)
    print(f"\nload average before {load_before}, after {load_after}; results in {path}")
    if args.drop:
        for db in (args.db, stock_db):
            common.drop_db(db)


if __name__ == "__main__":
    sys.exit(main())
