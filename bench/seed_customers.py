"""Seed a benchmark database with N customers straight in SQL.

Two kinds of databases are seeded with the same customers:

* a database with ``crm_cid`` installed gets, per customer, a ``res_partner``
  row (name, CID from the addon's own sequence, mobile, e-mail, national ID,
  folded name, the stock ``phone_sanitized`` / ``email_normalized`` columns)
  and the identity keys the addon itself keeps for such a customer: mobile,
  e-mail and national ID (3 keys) plus the CID key, all normalised the way
  the addon stores them (E.164 ``+98912xxxxxxx``, lower-case e-mails,
  10-digit national codes);
* a stock database (no ``crm_cid``) gets the same partners with the mobile in
  ``phone`` and the national ID in ``vat``, which is what an organisation
  without the addon would do.

Customer ``i`` (1-based) always gets the same values, and its id is
``base_id + i``, so the benchmark finds any customer's keys without a search
and an interrupted run resumes where it stopped. Re-running with the same or
a smaller ``--scale`` does nothing; a larger one adds the missing customers.

Bulk loading drops the secondary indexes and constraints of the two tables
(their definitions are kept in the table ``bench_seed_ddl`` until restored)
and rebuilds them afterwards, then runs ``VACUUM ANALYZE``. On two shared
cores a million customers take about 5.5 minutes with ``crm_cid`` (half of it
rebuilding the GiST exclusion constraint of ``crm_cid_key``) and 30 seconds
for the stock database. The statements run as the database owner and never
through the ORM.

Usage::

    python3 bench/seed_customers.py --db bench_cid_20000 --scale 20000
"""

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from common import DEFAULT_ADDONS_PATH, check_db_name, log, pg_connect
from psycopg2 import sql

DEFAULT_SCALE = 1_000_000
DEFAULT_CHUNK = 200_000
# below this many new rows the indexes are kept: rebuilding them costs more
REBUILD_THRESHOLD = 50_000
# national codes of seeded customers: nine digits from here, then the check digit
NATIONAL_ID_BASE = 100_000_000
MOBILE_PREFIX = "+98912"
EMAIL_DOMAIN = "Example.com"

FIRST_NAMES = (
    "علی", "محمد", "رضا", "حسین", "مهدی", "امیر", "حمید", "سعید", "مجید", "بهرام",
    "کامران", "نیما", "پویا", "سینا", "بابک", "فرهاد", "مریم", "زهرا", "فاطمه", "سارا",
    "لیلا", "نرگس", "مینا", "شیرین", "پریسا", "نازنین", "الهام", "سمیرا", "مهسا", "نسرین",
)  # fmt: skip
LAST_NAMES = (
    "احمدی", "محمدی", "حسینی", "رضایی", "موسوی", "کریمی", "جعفری", "صادقی", "نوری", "توکلی",
    "رحیمی", "حیدری", "قاسمی", "کاظمی", "عباسی", "مرادی", "سلیمانی", "شریفی", "یوسفی", "نجفی",
    "باقری", "اکبری", "زمانی", "طاهری", "هاشمی", "فتحی", "ملکی", "رستمی", "نظری", "وحیدی",
    "بهرامی", "خسروی", "میرزایی", "سبحانی", "فرهادی", "شجاعی", "امینی", "یزدانی", "منصوری",
)  # fmt: skip


def load_cid_tools(addons_path=DEFAULT_ADDONS_PATH):
    """Import ``crm_cid``'s pure ``tools`` package without Odoo, or return None.

    The package is plain Python (no ORM), so the seeder folds names exactly
    the way the addon does.
    """
    for folder in addons_path.split(","):
        package = Path(folder) / "crm_cid" / "tools"
        if (package / "__init__.py").is_file():
            spec = importlib.util.spec_from_file_location(
                "crm_cid_tools", package / "__init__.py", submodule_search_locations=[str(package)]
            )
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
            return module
    return None


def national_id_sql(index):
    """Return SQL computing a valid 10-digit national code from integer SQL ``index``."""
    first_nine = sql.SQL("({base} + {index})").format(
        base=sql.Literal(NATIONAL_ID_BASE), index=index
    )
    weighted = sql.SQL(" + ").join(
        sql.SQL("(({n} / {p}) %% 10) * {w}").format(
            n=first_nine, p=sql.Literal(10 ** (8 - k)), w=sql.Literal(10 - k)
        )
        for k in range(9)
    )
    return sql.SQL(
        "(lpad({n}::text, 9, '0') || (CASE WHEN ({s}) %% 11 < 2 THEN ({s}) %% 11 "
        "ELSE 11 - ({s}) %% 11 END)::text)"
    ).format(n=first_nine, s=weighted)


def national_id_py(index):
    """Python twin of :func:`national_id_sql`, used by the benchmark and checks."""
    first_nine = f"{NATIONAL_ID_BASE + index:09d}"
    remainder = sum(int(d) * (10 - k) for k, d in enumerate(first_nine)) % 11
    return first_nine + str(remainder if remainder < 2 else 11 - remainder)


class Seeder:
    """Seed one database; see the module docstring."""

    def __init__(self, db, addons_path=DEFAULT_ADDONS_PATH, chunk=DEFAULT_CHUNK):
        self.db = check_db_name(db)
        self.chunk = chunk
        self.conn = pg_connect(db)
        self.tools = load_cid_tools(addons_path)

    # -- bookkeeping -------------------------------------------------

    def fetch(self, query, params=None):
        with self.conn.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchall() if cur.description else []

    def columns(self, table):
        """Return ``{column: (not_null, has_default)}`` of ``table``."""
        rows = self.fetch(
            "SELECT column_name, is_nullable = 'NO', column_default IS NOT NULL "
            "FROM information_schema.columns WHERE table_name = %s AND table_schema = 'public'",
            [table],
        )
        return {name: (not_null, has_default) for name, not_null, has_default in rows}

    def setup(self):
        """Create the bookkeeping tables and restore indexes left by an interrupted run."""
        with self.conn, self.conn.cursor() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS bench_seed (key varchar PRIMARY KEY, value varchar)"
            )
            cur.execute(
                "CREATE TABLE IF NOT EXISTS bench_seed_ddl ("
                " name varchar PRIMARY KEY, tbl varchar NOT NULL, ddl text NOT NULL)"
            )
        self.restore_indexes()
        self.has_cid = bool(self.fetch("SELECT to_regclass('crm_cid_key') IS NOT NULL")[0][0])
        state = dict(self.fetch("SELECT key, value FROM bench_seed"))
        self.count = int(state.get("count", 0))
        if "base_id" in state:
            self.base_id = int(state["base_id"])
        else:
            self.base_id = self.fetch("SELECT COALESCE(max(id), 0) + 1000 FROM res_partner")[0][0]
            with self.conn, self.conn.cursor() as cur:
                cur.execute(
                    "INSERT INTO bench_seed VALUES ('base_id', %s), ('count', '0'), ('kind', %s)",
                    [str(self.base_id), "cid" if self.has_cid else "stock"],
                )

    def suspend_indexes(self, tables):
        """Drop the secondary indexes and constraints of ``tables``, keeping their DDL."""
        with self.conn, self.conn.cursor() as cur:
            for table in tables:
                cur.execute(
                    "SELECT ic.relname, pg_get_indexdef(i.indexrelid), c.conname, "
                    "       pg_get_constraintdef(c.oid) "
                    "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                    "LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid "
                    "     AND c.conrelid = i.indrelid AND c.contype IN ('u', 'x') "
                    "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary",
                    [table],
                )
                for index_name, index_ddl, constraint, constraint_ddl in cur.fetchall():
                    if constraint:
                        ddl = (
                            sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ")
                            .format(sql.Identifier(table), sql.Identifier(constraint))
                            .as_string(cur)
                            + constraint_ddl
                        )
                        drop = sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                            sql.Identifier(table), sql.Identifier(constraint)
                        )
                        name = constraint
                    else:
                        ddl, name = index_ddl, index_name
                        drop = sql.SQL("DROP INDEX {}").format(sql.Identifier(index_name))
                    cur.execute(
                        "INSERT INTO bench_seed_ddl (name, tbl, ddl) VALUES (%s, %s, %s)",
                        [name, table, ddl],
                    )
                    cur.execute(drop)

    def restore_indexes(self):
        """Recreate every index and constraint dropped by :meth:`suspend_indexes`."""
        pending = self.fetch("SELECT name, ddl FROM bench_seed_ddl ORDER BY tbl, name")
        if not pending:
            return
        log(f"{self.db}: rebuilding {len(pending)} indexes and constraints")
        with self.conn, self.conn.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '256MB'")
            for name, ddl in pending:
                started = time.perf_counter()
                # the DDL was produced by PostgreSQL itself (pg_get_indexdef)
                cur.execute(ddl)
                cur.execute("DELETE FROM bench_seed_ddl WHERE name = %s", [name])
                log(f"  {name}: {time.perf_counter() - started:.1f} s")

    # -- data --------------------------------------------------------

    def partner_expressions(self):
        """Return ``{column: SQL}`` for one partner row, ``i`` being its index."""
        i = sql.Identifier("g", "i")
        names = sql.SQL(
            "({names})[1 + (g.i * 7) %% {n}] || ' ' || ({lasts})[1 + (g.i * 13) %% {m}]"
        )
        name = names.format(
            names=sql.Literal(list(FIRST_NAMES)),
            n=sql.Literal(len(FIRST_NAMES)),
            lasts=sql.Literal(list(LAST_NAMES)),
            m=sql.Literal(len(LAST_NAMES)),
        )
        mobile = sql.SQL("'+98 912 ' || substr(lpad(g.i::text, 7, '0'), 1, 3) || ' ' || "
                         "substr(lpad(g.i::text, 7, '0'), 4)")  # fmt: skip
        email = sql.SQL("'Customer.' || g.i || '@' || {domain}").format(
            domain=sql.Literal(EMAIL_DOMAIN)
        )
        expressions = {
            "id": sql.SQL("{base} + g.i").format(base=sql.Literal(self.base_id)),
            "name": name,
            "complete_name": name,
            "commercial_partner_id": sql.SQL("{base} + g.i").format(base=sql.Literal(self.base_id)),
            "type": sql.SQL("'contact'"),
            "active": sql.SQL("true"),
            "is_company": sql.SQL("false"),
            "employee": sql.SQL("false"),
            "partner_share": sql.SQL("true"),
            "lang": sql.SQL("'en_US'"),
            "color": sql.SQL("0"),
            "message_bounce": sql.SQL("0"),
            # account (with secretariat): required, Odoo's default
            "autopost_bills": sql.SQL("'ask'"),
            "email": email,
            "email_normalized": sql.SQL("lower({})").format(email),
            "phone_sanitized": sql.SQL("{} || lpad(g.i::text, 7, '0')").format(
                sql.Literal(MOBILE_PREFIX)
            ),
            "create_uid": sql.SQL("1"),
            "write_uid": sql.SQL("1"),
            "create_date": sql.SQL("now() AT TIME ZONE 'UTC'"),
            "write_date": sql.SQL("now() AT TIME ZONE 'UTC'"),
        }
        if self.has_cid:
            expressions.update(
                mobile=mobile,
                national_id=national_id_sql(i),
                cid_own=sql.SQL("s.cid"),
                cid=sql.SQL("s.cid"),
                cid_name_folded=sql.SQL("f.folded[1 + (g.i * 7) %% {n}] || ' ' || "
                                        "f.folded_last[1 + (g.i * 13) %% {m}]").format(
                    n=sql.Literal(len(FIRST_NAMES)), m=sql.Literal(len(LAST_NAMES))
                ),
            )  # fmt: skip
        else:
            expressions.update(phone=mobile, vat=national_id_sql(i))
        return expressions

    def cid_sequence(self):
        """Return ``(sequence name, prefix, padding)`` of the addon's CID sequence."""
        rows = self.fetch(
            "SELECT id, implementation, COALESCE(prefix, ''), padding FROM ir_sequence "
            "WHERE code = 'res.partner.cid' ORDER BY company_id NULLS FIRST, id LIMIT 1"
        )
        if not rows:
            raise SystemExit("crm_cid is installed but its CID sequence is missing")
        seq_id, implementation, prefix, padding = rows[0]
        if implementation != "standard":
            raise SystemExit("the CID sequence is not a PostgreSQL sequence; cannot seed in SQL")
        return f"ir_sequence_{seq_id:03d}", prefix, padding

    def insert_partners(self, first, last):
        """Insert customers ``first`` to ``last`` (inclusive) into ``res_partner``."""
        expressions = self.partner_expressions()
        columns = self.columns("res_partner")
        missing = [
            name
            for name, (not_null, has_default) in columns.items()
            if not_null and not has_default and name not in expressions
        ]
        if missing:
            raise SystemExit(
                f"res_partner has required columns the seeder does not fill: {', '.join(missing)}"
            )
        expressions = {name: expr for name, expr in expressions.items() if name in columns}
        sources = [sql.SQL("generate_series(%(first)s, %(last)s) AS g(i)")]
        params = {"first": first, "last": last}
        if self.has_cid:
            seq, prefix, padding = self.cid_sequence()
            sources.append(
                sql.SQL(
                    "LATERAL (SELECT {prefix} || CASE WHEN length(v.n::text) < {pad} "
                    "THEN lpad(v.n::text, {pad}, '0') ELSE v.n::text END AS cid "
                    "FROM (SELECT nextval({seq}) AS n WHERE g.i IS NOT NULL) v) s"
                ).format(prefix=sql.Literal(prefix), pad=sql.Literal(padding), seq=sql.Literal(seq))
            )
            fold = self.tools.names.fold_name if self.tools else (lambda text: text)
            sources.append(
                sql.SQL("(SELECT %(folded)s::varchar[] AS folded, "
                        "%(folded_last)s::varchar[] AS folded_last) f")
            )  # fmt: skip
            params["folded"] = [fold(name) for name in FIRST_NAMES]
            params["folded_last"] = [fold(name) for name in LAST_NAMES]
        query = sql.SQL("INSERT INTO res_partner ({columns}) SELECT {values} FROM {sources}")
        query = query.format(
            columns=sql.SQL(", ").join(map(sql.Identifier, expressions)),
            values=sql.SQL(", ").join(expressions.values()),
            sources=sql.SQL(", ").join(sources),
        )
        with self.conn.cursor() as cur:
            cur.execute(query, params)

    def insert_keys(self, first, last):
        """Insert the identity keys of customers ``first`` to ``last`` into ``crm_cid_key``."""
        types = dict(self.fetch("SELECT code, id FROM crm_cid_key_type"))
        key_columns = self.columns("crm_cid_key")
        # (type code, raw value SQL, normalised value SQL) from the partner row p
        keys = [
            ("cid", sql.SQL("p.cid"), sql.SQL("p.cid")),
            ("mobile", sql.SQL("p.mobile"), sql.SQL("p.phone_sanitized")),
            ("email", sql.SQL("p.email"), sql.SQL("p.email_normalized")),
            ("national_id", sql.SQL("p.national_id"), sql.SQL("p.national_id")),
        ]
        for code, raw, normalized in keys:
            values = {
                "partner_id": sql.SQL("p.id"),
                "commercial_partner_id": sql.SQL("p.id"),
                "key_type_id": sql.Literal(types[code]),
                "cid": sql.SQL("p.cid"),
                "type_code": sql.Literal(code),
                "uniqueness": sql.SQL("t.uniqueness"),
                "value": raw,
                "value_normalized": normalized,
                "source": sql.SQL("'partner'"),
                "is_verified": sql.SQL("false"),
                "active": sql.SQL("true"),
                "create_uid": sql.SQL("1"),
                "write_uid": sql.SQL("1"),
                "create_date": sql.SQL("p.create_date"),
                "write_date": sql.SQL("p.create_date"),
            }
            values = {name: expr for name, expr in values.items() if name in key_columns}
            query = sql.SQL(
                "INSERT INTO crm_cid_key ({columns}) SELECT {values} "
                "FROM res_partner p, crm_cid_key_type t "
                "WHERE t.id = {type_id} AND p.id BETWEEN %(low)s AND %(high)s"
            ).format(
                columns=sql.SQL(", ").join(map(sql.Identifier, values)),
                values=sql.SQL(", ").join(values.values()),
                type_id=sql.Literal(types[code]),
            )
            with self.conn.cursor() as cur:
                cur.execute(query, {"low": self.base_id + first, "high": self.base_id + last})

    def seed(self, scale):
        """Bring the database to ``scale`` customers; return the seconds spent."""
        self.setup()
        if self.count >= scale:
            log(f"{self.db}: already seeded with {self.count:,} customers, nothing to do")
            return 0.0
        started = time.perf_counter()
        todo = scale - self.count
        kind = "crm_cid" if self.has_cid else "stock"
        log(f"{self.db} ({kind}): adding {todo:,} customers to {self.count:,}")
        tables = ["res_partner", "crm_cid_key"] if self.has_cid else ["res_partner"]
        if todo >= REBUILD_THRESHOLD:
            self.suspend_indexes(tables)
        first = self.count + 1
        while first <= scale:
            last = min(first + self.chunk - 1, scale)
            chunk_started = time.perf_counter()
            with self.conn, self.conn.cursor() as cur:
                cur.execute("SET LOCAL synchronous_commit = off")
                self.insert_partners(first, last)
                if self.has_cid:
                    self.insert_keys(first, last)
                cur.execute("UPDATE bench_seed SET value = %s WHERE key = 'count'", [str(last)])
            log(f"  customers {first:,}-{last:,}: {time.perf_counter() - chunk_started:.1f} s")
            first = last + 1
        self.restore_indexes()
        with self.conn, self.conn.cursor() as cur:
            cur.execute("SELECT setval('res_partner_id_seq', (SELECT max(id) FROM res_partner))")
        self.conn.autocommit = True
        with self.conn.cursor() as cur:
            for table in tables:
                cur.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))
        self.conn.autocommit = False
        self.count = scale
        elapsed = time.perf_counter() - started
        log(f"{self.db}: {scale:,} customers seeded ({elapsed:.0f} s)")
        return elapsed

    def close(self):
        self.conn.close()


def seed_info(db):
    """Return ``{"count", "base_id", "kind"}`` for a seeded database (None if never seeded)."""
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('bench_seed') IS NOT NULL")
            if not cur.fetchone()[0]:
                return None
            cur.execute("SELECT key, value FROM bench_seed")
            state = dict(cur.fetchall())
    finally:
        conn.close()
    return {"count": int(state["count"]), "base_id": int(state["base_id"]), "kind": state["kind"]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database to seed (bench_*)")
    parser.add_argument("--scale", type=int, default=DEFAULT_SCALE, help="number of customers")
    parser.add_argument(
        "--chunk", type=int, default=DEFAULT_CHUNK, help="customers per transaction"
    )
    parser.add_argument("--addons-path", default=DEFAULT_ADDONS_PATH)
    args = parser.parse_args(argv)
    seeder = Seeder(args.db, addons_path=args.addons_path, chunk=args.chunk)
    try:
        seeder.seed(args.scale)
    finally:
        seeder.close()


if __name__ == "__main__":
    main()
