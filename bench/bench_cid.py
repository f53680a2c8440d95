"""Benchmark of customer identity (crm_cid) against stock Odoo, as ratios.

Two seeded databases are served side by side by two Odoo servers started
here: one with ``crm_cid`` (``--db``) and one stock database holding the same
customers without the addon (``--stock-db``). Every figure is a ratio between
two operations timed in the same run on the same machine, interleaved call by
call, so that the load of the machine cancels out:

1. ``cid_resolve`` of a mobile typed in a messy format over XML-RPC, against
   ``res.partner.read([id], ["name"])`` on the same server (target <= 1.3x);
   stock look-ups by ``phone_mobile_search`` and ``email_normalized`` on the
   stock server, against a read there, are printed as references;
2. ``cid_resolve`` inside the Odoo process, normalisation included: median
   below 1 ms, and its ratio to ``browse(id).read(["name"])``;
3. ``name_search`` given a mobile, an e-mail, a national ID or a CID over
   XML-RPC, against a read by id (target <= 2x); stock ``name_search`` by
   e-mail as reference;
4. ``crm.cid.import.import_rows`` of fresh rows (with duplicates) against
   stock ``res.partner.create(vals_list)`` of the same rows: rows per second
   (target >= 1,000 rows/s);
5. resident memory of both servers before and after the runs.

The table goes to stdout and the full results, query plans included, to
``.bench-results/bench_cid-<timestamp>.json``. The exit code is 0 unless
``--strict`` is given and a target is missed.
"""

import argparse
import logging
import random
import re
import statistics
import sys
import time
import xmlrpc.client

from common import (
    DEFAULT_ADDONS_PATH,
    LOGIN,
    Metric,
    RpcClient,
    Server,
    check_db_name,
    format_table,
    log,
    machine_info,
    pg_connect,
    time_interleaved,
    write_results,
)
from psycopg2 import sql
from seed_customers import seed_info

# How a person or a partner system may type seeded mobile +98 912 abc defg.
MOBILE_FORMATS = (
    lambda d: "۰۹۱۲ " + d[:3].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    + " " + d[3:].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
    lambda d: f"0098-912-{d[:3]}-{d[3:]}",
    lambda d: f"(0912) {d[:3]}-{d[3:]}",
    lambda d: f"98 912 {d[:3]} {d[3:]}",
    lambda d: f"+98 (912) {d}",
    lambda d: f"0912.{d[:3]}.{d[3:]}",
)  # fmt: skip
# Rows per import_rows call when one call with every row is refused.
FALLBACK_CALL_ROWS = 1000
IMPORT_FIRST_NAMES = ("آرش", "بیژن", "کیان", "یاسمن", "هستی", "ترانه", "رامین", "شهرام")
IMPORT_LAST_NAMES = ("کاویانی", "پارسا", "روشن", "آزادی", "ایزدی", "شفیعی", "دانا", "مهرابی")


def messy_mobile(e164, iteration):
    """Return ``e164`` (+98912xxxxxxx) written in one of :data:`MOBILE_FORMATS`."""
    return MOBILE_FORMATS[iteration % len(MOBILE_FORMATS)](e164[-7:])


def messy_national_id(code):
    """Return a national code the way it is printed on the card: 3-6-1 digits."""
    return f"{code[:3]}-{code[3:9]}-{code[9]}"


def messy_cid(cid):
    """Return a CID typed lower-case with a space after the letter."""
    return f"{cid[0].lower()} {cid[1:]}"


# ------------------------------------------------------------------
# Sample of seeded customers
# ------------------------------------------------------------------


def load_sample(db, stock_db, size, seed=42):
    """Pick ``size`` seeded customers and read their keys in both databases.

    :return: list of dicts with ``index``, ``id``, ``mobile``, ``email``,
        ``national_id``, ``cid`` (ours) and ``stock_id``, ``stock_email``
    """
    ours, stock = seed_info(db), seed_info(stock_db)
    if not ours or ours["kind"] != "cid":
        raise SystemExit(f"{db} is not a seeded crm_cid database: run seed_customers.py first")
    if not stock or stock["kind"] != "stock":
        raise SystemExit(f"{stock_db} is not a seeded stock database: run seed_customers.py")
    count = min(ours["count"], stock["count"])
    indexes = random.Random(seed).sample(range(1, count + 1), min(size, count))
    sample = {index: {"index": index} for index in indexes}
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT id - %s, id, phone_sanitized, email, national_id, cid "
                "FROM res_partner WHERE id = ANY(%s)",
                [ours["base_id"], [ours["base_id"] + i for i in indexes]],
            )
            for index, pid, mobile, email, national_id, cid in cur.fetchall():
                sample[index].update(
                    id=pid, mobile=mobile, email=email, national_id=national_id, cid=cid
                )
    finally:
        conn.close()
    conn = pg_connect(stock_db)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT id - %s, id, phone_sanitized, email_normalized, email "
                "FROM res_partner WHERE id = ANY(%s)",
                [stock["base_id"], [stock["base_id"] + i for i in indexes]],
            )
            for index, pid, mobile, email_normalized, email in cur.fetchall():
                sample[index].update(
                    stock_id=pid,
                    stock_mobile=mobile,
                    stock_email_normalized=email_normalized,
                    stock_email=email,
                )
    finally:
        conn.close()
    rows = [row for row in sample.values() if "id" in row and "stock_id" in row]
    if len(rows) < len(indexes):
        raise SystemExit("seeded customers are missing from the databases; reseed them")
    return rows, ours, stock


# ------------------------------------------------------------------
# The benchmarks
# ------------------------------------------------------------------


class Bench:
    """Runs the benchmarks and collects :class:`Metric` lines."""

    def __init__(self, args):
        self.args = args
        self.metrics = []
        self.errors = []
        self.details = {}
        self.explain = []

    def error(self, where, exc):
        message = exc.faultString if isinstance(exc, xmlrpc.client.Fault) else repr(exc)
        lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
        # a PostgreSQL error ends with its HINT; the line before says what happened
        message = " ".join(lines[-2:] if lines and lines[-1].startswith("HINT") else lines[-1:])
        message = message or repr(exc)
        log(f"ERROR in {where}: {message}")
        self.errors.append({"where": where, "error": message})

    # -- 1 and 3: single look-ups over XML-RPC ----------------------

    def check_results(self, ours, sample):
        """Make sure every measured call finds the right customer before timing it."""
        row = sample[0]
        checks = {
            "cid_resolve mobile": ours.call(
                "res.partner", "cid_resolve", {"mobile": messy_mobile(row["mobile"], 0)}
            )["partner_id"],
            "name_search mobile": _first_id(
                ours.call("res.partner", "name_search", name=messy_mobile(row["mobile"], 1))
            ),
            "name_search email": _first_id(
                ours.call("res.partner", "name_search", name=row["email"].upper())
            ),
            "name_search national_id": _first_id(
                ours.call("res.partner", "name_search", name=messy_national_id(row["national_id"]))
            ),
            "name_search cid": _first_id(
                ours.call("res.partner", "name_search", name=messy_cid(row["cid"]))
            ),
        }
        wrong = {name: found for name, found in checks.items() if found != row["id"]}
        if wrong:
            raise RuntimeError(f"wrong customer found for partner {row['id']}: {wrong}")

    def bench_lookups(self, ours, stock, sample):
        """Benchmarks 1 and 3: look-ups over XML-RPC on both servers."""
        n = len(sample)
        try:
            self.check_results(ours, sample)
        except (xmlrpc.client.Fault, RuntimeError) as exc:
            self.error("look-up checks", exc)

        def row(i):
            return sample[i % n]

        operations = {
            "read": lambda i: ours.call("res.partner", "read", [row(i)["id"]], ["name"]),
            "cid_resolve_mobile": lambda i: ours.call(
                "res.partner", "cid_resolve", {"mobile": messy_mobile(row(i)["mobile"], i)}
            ),
            "name_search_mobile": lambda i: ours.call(
                "res.partner", "name_search", name=messy_mobile(row(i)["mobile"], i + 1), limit=8
            ),
            "name_search_email": lambda i: ours.call(
                "res.partner", "name_search", name=row(i)["email"].upper(), limit=8
            ),
            "name_search_national_id": lambda i: ours.call(
                "res.partner",
                "name_search",
                name=messy_national_id(row(i)["national_id"]),
                limit=8,
            ),
            "name_search_cid": lambda i: ours.call(
                "res.partner", "name_search", name=messy_cid(row(i)["cid"]), limit=8
            ),
            "stock_read": lambda i: stock.call(
                "res.partner", "read", [row(i)["stock_id"]], ["name"]
            ),
            "stock_phone_mobile_search": lambda i: stock.call(
                "res.partner",
                "search_read",
                [("phone_mobile_search", "=", row(i)["stock_mobile"])],
                ["name"],
                limit=8,
            ),
        }
        operations.update(
            stock_phone_sanitized=lambda i: stock.call(
                "res.partner",
                "search_read",
                [("phone_sanitized", "=", row(i)["stock_mobile"])],
                ["name"],
                limit=8,
            ),
            stock_email_normalized=lambda i: stock.call(
                "res.partner",
                "search_read",
                [("email_normalized", "=", row(i)["stock_email_normalized"])],
                ["name"],
                limit=8,
            ),
            stock_name_search_email=lambda i: stock.call(
                "res.partner", "name_search", name=row(i)["stock_email"].upper(), limit=8
            ),
        )
        try:
            stats, base = self.time_lookups(operations)
        except xmlrpc.client.Fault as exc:
            self.error("look-ups over XML-RPC", exc)
            return

        def metric(key, label, name, **kwargs):
            self.metrics.append(
                Metric(
                    key,
                    label,
                    "ms",
                    ours=stats[name]["median_ms"],
                    stock=base[name]["median_ms"],
                    details={"ours": stats[name], "stock": base[name]},
                    **kwargs,
                )
            )

        read_label = "read([id], ['name'])"
        metric(
            "1_resolve_mobile_xmlrpc",
            "1. cid_resolve(mobile, messy format), XML-RPC",
            "cid_resolve_mobile",
            stock_label=read_label,
            target=1.3,
        )
        self.metrics.append(
            Metric(
                "1_resolve_vs_phone_sanitized",
                "1b. cid_resolve(mobile) vs stock search_read by phone_sanitized, XML-RPC",
                "ms",
                ours=stats["cid_resolve_mobile"]["median_ms"],
                stock=stats["stock_phone_sanitized"]["median_ms"],
                stock_label="search_read([('phone_sanitized', '=', e164)])",
                details={
                    "ours": stats["cid_resolve_mobile"],
                    "stock": stats["stock_phone_sanitized"],
                },
            )
        )
        metric(
            "1_ref_phone_sanitized",
            "stock search_read by phone_sanitized",
            "stock_phone_sanitized",
            reference=True,
        )
        metric(
            "1_ref_phone_mobile_search",
            "stock search_read by phone_mobile_search",
            "stock_phone_mobile_search",
            reference=True,
        )
        metric(
            "1_ref_email_normalized",
            "stock search_read by email_normalized",
            "stock_email_normalized",
            reference=True,
        )
        for key in ("mobile", "email", "national_id", "cid"):
            metric(
                f"3_name_search_{key}",
                f"3. name_search({key.replace('_', ' ')}), XML-RPC",
                f"name_search_{key}",
                stock_label=read_label,
                target=2.0,
            )
        metric(
            "3_ref_stock_name_search_email",
            "stock name_search(email)",
            "stock_name_search_email",
            reference=True,
        )

    def time_lookups(self, operations):
        """Time the look-ups against a read by id on the same server.

        A short probe sorts the operations: those slower than
        ``--slow-threshold-ms`` per call (unindexed look-ups, which grow with
        the number of customers) are timed ``--slow-iterations`` times, the
        others ``--iterations`` times. Each group is interleaved with the reads
        by id of both servers, and each look-up is compared with the read of
        its own server measured in its own group.

        :return: ``(stats, base)``: ``{name: summary}`` of each look-up and of
            the read it is compared with
        """
        args = self.args
        baselines = {"ours": "read", "stock": "stock_read"}
        probe = time_interleaved(operations, 3, 1, seed=0)
        slow = {
            name
            for name, summary in probe.items()
            if name not in baselines.values() and summary["median_ms"] > args.slow_threshold_ms
        }
        groups = {
            "fast": ([name for name in operations if name not in slow], args.iterations),
            "slow": ([name for name in operations if name in slow], args.slow_iterations),
        }
        stats, base = {}, {}
        self.details["xmlrpc_groups"] = {}
        for group, (names, iterations) in groups.items():
            names = [name for name in names if name not in baselines.values()]
            if not names:
                continue
            group_ops = {name: operations[name] for name in (*baselines.values(), *names)}
            log(
                f"look-ups over XML-RPC ({group}): {len(names)} operations and 2 reads"
                f" x {iterations} calls"
            )
            warmup = args.warmup if group == "fast" else min(args.warmup, 2)
            result = time_interleaved(group_ops, iterations, warmup, seed=len(stats) + 1)
            self.details["xmlrpc_groups"][group] = result
            for name in names:
                stats[name] = result[name]
                side = "stock" if name.startswith("stock_") else "ours"
                base[name] = result[baselines[side]]
        return stats, base

    # -- 2: in-process ----------------------------------------------

    def bench_in_process(self, sample):
        """Benchmark 2, inside an Odoo registry loaded by this process."""
        from odoo import api
        from odoo.modules.registry import Registry
        from odoo.tools import config

        config.parse_config(
            [
                f"--addons-path={self.args.addons_path}",
                "-d",
                self.args.db,
                "--log-level=warn",
                "--http-interface=127.0.0.1",
            ],
            setup_logging=False,
        )
        registry = Registry(self.args.db)
        # importable once the registry has set up the addons path
        from odoo.addons.crm_cid.tools.keys import normalize_key

        n = len(sample)
        its = self.args.inprocess_iterations
        # the stock database in the same process: its search on phone_sanitized
        stock_registry = Registry(self.args.stock_db)
        with registry.cursor() as cr, stock_registry.cursor() as stock_cr:
            uid = (
                api.Environment(cr, api.SUPERUSER_ID, {})["res.users"]
                .search([("login", "=", LOGIN)], limit=1)
                .id
            )
            env = api.Environment(cr, uid, {})
            Partner = env["res.partner"]
            stock_uid = (
                api.Environment(stock_cr, api.SUPERUSER_ID, {})["res.users"]
                .search([("login", "=", LOGIN)], limit=1)
                .id
            )
            stock_env = api.Environment(stock_cr, stock_uid, {})
            StockPartner = stock_env["res.partner"]

            def invalidate_all():
                env.invalidate_all()
                stock_env.invalidate_all()

            def row(i):
                return sample[i % n]

            operations = {
                "cid_resolve_mobile": lambda i: Partner.cid_resolve(
                    {"mobile": messy_mobile(row(i)["mobile"], i)}
                ),
                "read": lambda i: Partner.browse(row(i)["id"]).read(["name"]),
                "normalize_only": lambda i: normalize_key(
                    "mobile", messy_mobile(row(i)["mobile"], i)
                ),
                "cid_resolve_email": lambda i: Partner.cid_resolve({"email": row(i)["email"]}),
                "cid_resolve_national_id": lambda i: Partner.cid_resolve(
                    {"national_id": messy_national_id(row(i)["national_id"])}
                ),
                "stock_phone_sanitized": lambda i: StockPartner.search_fetch(
                    [("phone_sanitized", "=", row(i)["stock_mobile"])], ["name"], limit=8
                ),
                "stock_read": lambda i: StockPartner.browse(row(i)["stock_id"]).read(["name"]),
            }
            found = Partner.cid_resolve({"mobile": messy_mobile(sample[0]["mobile"], 0)})
            if found["partner_id"] != sample[0]["id"]:
                self.error("in-process check", RuntimeError(f"cid_resolve answered {found}"))
            log(f"in-process: {len(operations)} operations x {its} calls")
            # every call starts from an empty ORM cache, as an RPC request does
            stats = time_interleaved(
                operations, its, self.args.warmup, before_each=invalidate_all, seed=3
            )
            self.details["in_process"] = stats
            self.metrics.append(
                Metric(
                    "2_resolve_in_process",
                    "2. cid_resolve(mobile) in-process, median",
                    "ms",
                    ours=stats["cid_resolve_mobile"]["median_ms"],
                    stock=stats["read"]["median_ms"],
                    stock_label="browse(id).read(['name'])",
                    target=1.0,
                    target_on="ours",
                    details={"ours": stats["cid_resolve_mobile"], "stock": stats["read"]},
                )
            )
            self.metrics.append(
                Metric(
                    "2_resolve_in_process_p95",
                    "2. cid_resolve(mobile) in-process, p95",
                    "ms",
                    ours=stats["cid_resolve_mobile"]["p95_ms"],
                    stock=stats["read"]["p95_ms"],
                )
            )
            self.metrics.append(
                Metric(
                    "2_resolve_vs_phone_sanitized_in_process",
                    "2b. cid_resolve(mobile) vs stock search on phone_sanitized, in-process",
                    "ms",
                    ours=stats["cid_resolve_mobile"]["median_ms"],
                    stock=stats["stock_phone_sanitized"]["median_ms"],
                    stock_label="search_fetch([('phone_sanitized', '=', e164)])",
                    details={
                        "ours": stats["cid_resolve_mobile"],
                        "stock": stats["stock_phone_sanitized"],
                    },
                )
            )
            self.metrics.append(
                Metric(
                    "2_ref_phone_sanitized_in_process",
                    "stock search on phone_sanitized vs stock read by id, in-process",
                    "ms",
                    ours=stats["stock_phone_sanitized"]["median_ms"],
                    stock=stats["stock_read"]["median_ms"],
                    reference=True,
                    details={"ours": stats["stock_phone_sanitized"], "stock": stats["stock_read"]},
                )
            )
            self.explain = self.capture_plans(env, Partner, sample[0])
            cr.rollback()
            stock_cr.rollback()

    def capture_plans(self, env, Partner, row):
        """EXPLAIN ANALYZE every query that the look-ups send to PostgreSQL."""
        calls = {
            "cid_resolve(mobile)": lambda: Partner.cid_resolve(
                {"mobile": messy_mobile(row["mobile"], 0)}
            ),
            "cid_resolve(email)": lambda: Partner.cid_resolve({"email": row["email"]}),
            "name_search(mobile)": lambda: Partner.name_search(
                messy_mobile(row["mobile"], 2), limit=8
            ),
            "name_search(email)": lambda: Partner.name_search(row["email"].upper(), limit=8),
            "name_search(national_id)": lambda: Partner.name_search(
                messy_national_id(row["national_id"]), limit=8
            ),
            "name_search(cid)": lambda: Partner.name_search(messy_cid(row["cid"]), limit=8),
        }
        plans = []
        for name, call in calls.items():
            env.invalidate_all()
            for query in _capture_queries(call):
                if not query.lstrip().upper().startswith("SELECT") or not any(
                    table in query for table in ('"res_partner"', '"crm_cid_key"')
                ):
                    continue
                env.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)  # captured from Odoo itself
                plan = "\n".join(line for (line,) in env.cr.fetchall())
                plans.append(
                    {"call": name, "query": query, "plan": plan, "warnings": _plan_warnings(plan)}
                )
        return plans

    # -- 4: bulk import ---------------------------------------------

    def import_rows(self, start, count, sample):
        """Return ``count`` import rows numbered from ``start``.

        One row in twenty repeats the mobile of a row ten lines above (matched
        within the file) and one in twenty carries the mobile of a seeded
        customer (matched in the database); both bring a new e-mail.
        """
        from seed_customers import national_id_py

        rows = []
        for j in range(count):
            number = start + j
            digits = f"{number % 10_000_000:07d}"
            row = {
                "name": f"{IMPORT_FIRST_NAMES[number % 8]} {IMPORT_LAST_NAMES[number // 8 % 8]}",
                "mobile": f"0901 {digits[:3]} {digits[3:]}",
                "email": f"Import.{number}@Example.org",
                "national_id": national_id_py(400_000_000 + number),
            }
            if j >= 10 and j % 20 == 5:
                row["mobile"] = rows[j - 10]["mobile"]
                del row["national_id"]
            elif j % 20 == 15:
                seeded = sample[number % len(sample)]
                row["mobile"] = messy_mobile(seeded["mobile"], j)
                del row["national_id"]
            rows.append(row)
        return rows

    @staticmethod
    def stock_vals(rows):
        """The same rows as stock ``res.partner`` values (no mobile nor national ID field)."""
        vals_list = []
        for row in rows:
            vals = {"name": row["name"], "phone": row["mobile"], "email": row["email"]}
            if row.get("national_id"):
                vals["vat"] = row["national_id"]
            vals_list.append(vals)
        return vals_list

    def bench_import(self, ours, stock, sample):
        """Benchmark 4: bulk import against stock create, fresh keys every round.

        Both sides receive the same rows in calls of the same size: all rows
        in one call by default. When ``import_rows`` refuses a call that big,
        the refusal is reported and the rounds run again in calls of
        :data:`FALLBACK_CALL_ROWS` rows, so there still is a throughput figure.
        """
        size = self.args.import_rows
        call_rows = min(self.args.import_call_rows or size, size)
        first_ids = {
            (self.args.db, "res_partner"): _max_id(self.args.db, "res_partner") + 1,
            (self.args.db, "crm_cid_key"): _max_id(self.args.db, "crm_cid_key") + 1,
            (self.args.stock_db, "res_partner"): _max_id(self.args.stock_db, "res_partner") + 1,
        }
        # numbers above every partner id ever used are fresh in both databases
        self.import_start = max(first_ids[self.args.db, "res_partner"],
                                first_ids[self.args.stock_db, "res_partner"])  # fmt: skip
        try:
            self.run_import(ours, stock, sample, size, call_rows)
        finally:
            if not self.args.keep_imported:
                for (db, table), first_id in first_ids.items():
                    _delete_rows_from(db, table, first_id)

    def run_import(self, ours, stock, sample, size, call_rows):
        """Run the import rounds and add the metric (see :meth:`bench_import`)."""
        warm_rows = self.next_import_rows(50, sample)
        try:
            ours.call("crm.cid.import", "import_rows", warm_rows)
            stock.call("res.partner", "create", self.stock_vals(warm_rows))
            try:
                times, counts = self.import_rounds(ours, stock, sample, call_rows)
            except xmlrpc.client.Fault as exc:
                if call_rows <= FALLBACK_CALL_ROWS:
                    raise
                self.error(f"import_rows of {call_rows} rows in one call", exc)
                call_rows = FALLBACK_CALL_ROWS
                times, counts = self.import_rounds(ours, stock, sample, call_rows)
        except (xmlrpc.client.Fault, AssertionError) as exc:
            self.error("bulk import", exc)
            self.metrics.append(
                Metric(
                    "4_import_rows_per_s",
                    f"4. import_rows, {size} rows, XML-RPC (failed)",
                    "rows/s",
                    target=1000,
                    better="higher",
                    target_on="ours",
                )
            )
            return
        self.details["import"] = {
            "rows": size,
            "rows_per_call": call_rows,
            "rounds": self.args.import_repeat,
            "ours_seconds": times["ours"],
            "stock_seconds": times["stock"],
            "last_counts": counts,
        }
        calls = "one call" if call_rows == size else f"calls of {call_rows}"
        self.metrics.append(
            Metric(
                "4_import_rows_per_s",
                f"4. import_rows, {size} rows in {calls}, XML-RPC",
                "rows/s",
                ours=size / statistics.median(times["ours"]),
                stock=size / statistics.median(times["stock"]),
                stock_label="res.partner.create(vals_list)",
                target=1000,
                better="higher",
                target_on="ours",
                details=self.details["import"],
            )
        )

    def next_import_rows(self, count, sample):
        """Return ``count`` fresh import rows (never used in this database)."""
        rows = self.import_rows(self.import_start, count, sample)
        self.import_start += count
        return rows

    def import_rounds(self, ours, stock, sample, call_rows):
        """Time ``--import-repeat`` rounds of both sides; return ``(times, counts)``."""
        size, repeat = self.args.import_rows, self.args.import_repeat
        times = {"ours": [], "stock": []}
        counts = {}
        for round_ in range(repeat):
            rows = self.next_import_rows(size, sample)
            batches = [rows[i : i + call_rows] for i in range(0, size, call_rows)]
            log(f"import round {round_ + 1}/{repeat}: {size} rows in calls of {call_rows}")
            order = ("ours", "stock") if round_ % 2 == 0 else ("stock", "ours")
            for side in order:
                started = time.perf_counter()
                done = 0
                for batch in batches:
                    if side == "ours":
                        result = ours.call("crm.cid.import", "import_rows", batch)
                        done += len(result["results"])
                        for status, number in result["counts"].items():
                            counts[status] = counts.get(status, 0) + number
                    else:
                        done += len(stock.call("res.partner", "create", self.stock_vals(batch)))
                times[side].append(time.perf_counter() - started)
                assert done == size, f"{side}: {done} results for {size} rows"
        return times, counts

    # -- 5: memory ----------------------------------------------------

    def memory_metrics(self, before, after):
        self.details["memory"] = {"before": before, "after": after}
        self.metrics.append(
            Metric(
                "5_rss_before",
                "5. server RSS before the runs",
                "MB",
                ours=before["ours"]["rss_mb"],
                stock=before["stock"]["rss_mb"],
            )
        )
        self.metrics.append(
            Metric(
                "5_rss_after",
                "5. server RSS after the runs",
                "MB",
                ours=after["ours"]["rss_mb"],
                stock=after["stock"]["rss_mb"],
            )
        )
        if after["ours"]["peak_rss_mb"] and after["stock"]["peak_rss_mb"]:
            self.metrics.append(
                Metric(
                    "5_rss_peak",
                    "5. server peak RSS",
                    "MB",
                    ours=after["ours"]["peak_rss_mb"],
                    stock=after["stock"]["peak_rss_mb"],
                )
            )

    # -- driver -------------------------------------------------------

    def run(self):
        args = self.args
        started = time.time()
        sample, ours_seed, stock_seed = load_sample(args.db, args.stock_db, args.sample)
        log(f"{args.db}: {ours_seed['count']:,} customers; {args.stock_db}: "
            f"{stock_seed['count']:,}; sample of {len(sample)}")  # fmt: skip
        servers = {
            "ours": Server(db=args.db, addons_path=args.addons_path),
            "stock": Server(db=args.stock_db, addons_path=args.addons_path),
        }
        try:
            for server in servers.values():
                server.start()
            ours, stock = RpcClient(servers["ours"]), RpcClient(servers["stock"])
            before = {side: server.memory() for side, server in servers.items()}
            if "lookups" not in args.skip:
                self.bench_lookups(ours, stock, sample)
            if "import" not in args.skip:
                self.bench_import(ours, stock, sample)
            after = {side: server.memory() for side, server in servers.items()}
            self.memory_metrics(before, after)
        finally:
            for server in servers.values():
                server.stop()
        if "inprocess" not in args.skip:
            try:
                self.bench_in_process(sample)
            except Exception as exc:  # reported in the results, never hidden
                self.error("in-process", exc)
        order = {m.key: index for index, m in enumerate(self.metrics)}
        self.metrics.sort(key=lambda m: (m.key.split("_")[0], order[m.key]))
        payload = {
            "bench": "bench_cid",
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
            "duration_s": round(time.time() - started, 1),
            "scale": ours_seed["count"],
            "keys_per_customer": 4,
            "databases": {"ours": args.db, "stock": args.stock_db},
            "settings": {
                name: getattr(args, name)
                for name in (
                    "iterations",
                    "slow_iterations",
                    "slow_threshold_ms",
                    "inprocess_iterations",
                    "warmup",
                    "sample",
                    "import_rows",
                    "import_repeat",
                    "import_call_rows",
                )
            },
            "machine": machine_info(),
            "metrics": [metric.as_dict() for metric in self.metrics],
            "errors": self.errors,
            "details": self.details,
            "explain": self.explain,
        }
        path = write_results("bench_cid", payload)
        count = ours_seed["count"]
        print(f"\nbench_cid: {count:,} customers, {count * 4:,} identity keys")
        print("ours = crm_cid, stock = stock Odoo on the same machine, same run\n")
        print(format_table(self.metrics))
        if self.errors:
            print("\nerrors:")
            for error in self.errors:
                print(f"  {error['where']}: {error['error']}")
        if self.explain:
            print("\nquery plans of the in-process look-ups (EXPLAIN ANALYZE):")
            calls = {}
            for item in self.explain:
                calls.setdefault(item["call"], []).append(item)
            for call, items in calls.items():
                total = sum(_execution_ms(item["plan"]) for item in items)
                warnings = sorted({w for item in items for w in item["warnings"]})
                print(f"  {call:<26} {len(items)} queries, {total:7.3f} ms in PostgreSQL"
                      + (f"  WARNING: {'; '.join(warnings)}" if warnings else ""))  # fmt: skip
        if args.explain:
            for item in self.explain:
                print(f"\n-- {item['call']}\n{item['query']}\n{item['plan']}")
        print(f"\nresults: {path.relative_to(path.parent.parent)}")
        failed = [m for m in self.metrics if m.passed is False]
        return 1 if args.strict and (failed or self.errors) else 0


def _plan_warnings(plan):
    """Return what looks wrong in a query plan for a look-up of one customer.

    A look-up by key must probe an index and touch a handful of rows: a
    sequential scan of a big table, or an index walked while a filter throws
    thousands of rows away, costs time in proportion to the number of customers.
    """
    warnings = []
    for line in plan.splitlines():
        text = line.strip().removeprefix("->").strip()
        match = re.match(r"Seq Scan on (\w+)", text)
        if match and match.group(1) in ("res_partner", "crm_cid_key"):
            warnings.append(f"sequential scan of {match.group(1)}")
        match = re.match(r"Rows Removed by Filter: (\d+)", text)
        if match and int(match.group(1)) >= 1000:
            warnings.append(f"{int(match.group(1)):,} rows read and filtered out")
    return warnings


def _execution_ms(plan):
    match = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return float(match.group(1)) if match else 0.0


def _max_id(db, table):
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            query = sql.SQL("SELECT COALESCE(max(id), 0) FROM {}").format(sql.Identifier(table))
            cur.execute(query)
            return cur.fetchone()[0]
    finally:
        conn.close()


def _delete_rows_from(db, table, first_id):
    """Delete what the import benchmark created: partners (their keys go with
    them) and the keys it added to seeded customers.

    The seeded customers stay as they are, so the next run measures the
    same database.
    """
    conn = pg_connect(db)
    try:
        with conn, conn.cursor() as cur:
            query = sql.SQL("DELETE FROM {} WHERE id >= %s").format(sql.Identifier(table))
            cur.execute(query, [first_id])
            log(f"{db}: {cur.rowcount:,} rows created by the import deleted from {table}")
    finally:
        conn.close()


def _first_id(name_search_result):
    return name_search_result[0][0] if name_search_result else False


def _capture_queries(call):
    """Run ``call()`` and return the SQL queries it sent, parameters inlined.

    Odoo's cursor logs every query, already formatted, at DEBUG level on the
    ``odoo.sql_db`` logger; a handler attached for the call collects them.
    """
    queries = []

    class Collector(logging.Handler):
        def emit(self, record):
            if len(record.args or ()) == 2:
                queries.append(str(record.args[1]))

    logger = logging.getLogger("odoo.sql_db")
    handler, level, propagate = Collector(logging.DEBUG), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        call()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    return queries


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--db", required=True, help="seeded database with crm_cid (bench_*)")
    parser.add_argument(
        "--stock-db", help="seeded stock database (default: the --db name + _stock)"
    )
    parser.add_argument("--addons-path", default=DEFAULT_ADDONS_PATH)
    parser.add_argument("--iterations", type=int, default=200, help="calls per fast operation")
    parser.add_argument(
        "--slow-iterations", type=int, default=10, help="calls per slow look-up (see below)"
    )
    parser.add_argument(
        "--slow-threshold-ms",
        type=float,
        default=100.0,
        help="look-ups slower than this per call get --slow-iterations calls",
    )
    parser.add_argument(
        "--inprocess-iterations", type=int, default=2000, help="calls per in-process operation"
    )
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured calls first")
    parser.add_argument("--sample", type=int, default=500, help="customers drawn at random")
    parser.add_argument("--import-rows", type=int, default=5000, help="rows per import round")
    parser.add_argument("--import-repeat", type=int, default=3, help="import rounds")
    parser.add_argument(
        "--import-call-rows",
        type=int,
        default=0,
        help="rows per import_rows / create call (default: all rows in one call)",
    )
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to skip: lookups, import, inprocess",
    )
    parser.add_argument(
        "--keep-imported",
        action="store_true",
        help="keep the partners created by the import benchmark (deleted by default)",
    )
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    args.stock_db = args.stock_db or f"{args.db}_stock"
    check_db_name(args.db)
    check_db_name(args.stock_db)
    args.skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    return args


def main(argv=None):
    return Bench(parse_args(argv)).run()


if __name__ == "__main__":
    sys.exit(main())
