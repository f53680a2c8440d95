"""Shared helpers of the benchmarks: databases, servers, timing and reports.

Nothing here depends on the addons: the helpers drive Odoo through its
command line, its XML-RPC endpoint and plain SQL, so the same code measures
stock Odoo and the suite side by side.
"""

import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import xmlrpc.client
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
from psycopg2 import sql as pg_sql

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / ".bench-results"
PYTHON = os.environ.get("PYTHON", sys.executable)
DEFAULT_ADDONS_PATH = str(ROOT / "addons")


def _port_range(text):
    first, _sep, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


# BENCH_PORTS="18500-18599" moves the servers to another range
PORT_RANGE = _port_range(os.environ.get("BENCH_PORTS", "18400-18499"))
DB_PREFIX = "bench_"
# benchmark databases may also carry one of these prefixes (BENCH_DB_PREFIX adds one)
DB_PREFIXES = ("bench_", *filter(None, [os.environ.get("BENCH_DB_PREFIX")]))
LOGIN = "admin"
PASSWORD = "admin"
# XML-RPC and JSON-RPC log a deprecation warning on every call in Odoo 19;
# a warning per request would add log I/O to every measured call.
QUIET_LOG_HANDLERS = (
    "odoo.addons.rpc.controllers.xmlrpc:ERROR",
    "odoo.addons.rpc.controllers.jsonrpc:ERROR",
    "werkzeug:WARNING",
)


def log(message):
    """Print a progress line on stderr (stdout holds the results table)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def check_db_name(name):
    """Refuse database names outside the benchmarks' namespace.

    :raises SystemExit: unless ``name`` starts with ``DB_PREFIX`` or one of ``DB_PREFIXES``
    """
    prefixes = (DB_PREFIX, *DB_PREFIXES)
    if not name.startswith(prefixes):
        raise SystemExit(f"benchmark databases must start with one of {prefixes}, got {name!r}")
    return name


# ------------------------------------------------------------------
# PostgreSQL
# ------------------------------------------------------------------


def pg_connect(db):
    """Open a psycopg2 connection to ``db`` with the usual libpq defaults.

    ``PGHOST``, ``PGPORT``, ``PGUSER`` and ``PGPASSWORD`` apply as for psql;
    without them the local socket and the current user are used.
    """
    return psycopg2.connect(dbname=db)


def db_exists(db):
    """Tell whether the database ``db`` exists."""
    conn = pg_connect("postgres")
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            return cur.fetchone() is not None
    finally:
        conn.close()


def module_installed(db, module):
    """Tell whether ``module`` is installed in ``db`` (False if the db is not Odoo's)."""
    if not db_exists(db):
        return False
    conn = pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
            if not cur.fetchone()[0]:
                return False
            cur.execute(
                "SELECT 1 FROM ir_module_module WHERE name = %s AND state = 'installed'", [module]
            )
            return cur.fetchone() is not None
    finally:
        conn.close()


def manifest_depends(addons_path, module):
    """Return the ``depends`` of an addon's manifest found on ``addons_path``."""
    import ast

    for folder in addons_path.split(","):
        manifest = Path(folder) / module / "__manifest__.py"
        if manifest.is_file():
            return list(ast.literal_eval(manifest.read_text(encoding="utf-8")).get("depends", []))
    raise SystemExit(f"addon {module} not found on the addons path {addons_path}")


def stock_depends(addons_path, modules):
    """Return the stock modules (not on ``addons_path``) that ``modules`` need.

    Follows the dependencies of the addons found on ``addons_path``; a
    database with the returned modules holds what the addons build on, and
    nothing of theirs: the stock twin of a database of the addons.
    """
    folders = [Path(folder) for folder in addons_path.split(",")]

    def ours(module):
        return any((folder / module / "__manifest__.py").is_file() for folder in folders)

    stock, seen, todo = set(), set(), list(modules)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        if ours(module):
            todo += manifest_depends(addons_path, module)
        else:
            stock.add(module)
    return sorted(stock)


def odoo_cmd(*args, addons_path=DEFAULT_ADDONS_PATH):
    """Return the command line running Odoo with ``args``."""
    return [PYTHON, "-m", "odoo", *args, f"--addons-path={addons_path}"]


def create_db(db, modules, addons_path=DEFAULT_ADDONS_PATH, log_file=None):
    """Create ``db`` and install ``modules`` (demo data is off by default in 19).

    :param modules: comma-separated technical names
    :raises SystemExit: when the installation fails, pointing at the log file
    """
    check_db_name(db)
    log_file = Path(log_file or RESULTS_DIR / "logs" / f"install-{db}.log")
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log(f"creating database {db} with {modules} (log: {_rel(log_file)})")
    started = time.perf_counter()
    cmd = odoo_cmd(
        "-d", db, "-i", modules, "--stop-after-init", "--without-demo", "--no-http",
        "--max-cron-threads=0", "--log-level=warn", f"--logfile={log_file}",
        addons_path=addons_path,
    )  # fmt: skip
    with open(log_file, "a", encoding="utf-8") as output:
        # Odoo prints a few lines outside its logger (docutils, the root warning)
        result = subprocess.run(cmd, check=False, stdout=output, stderr=subprocess.STDOUT)
    if result.returncode or not module_installed(db, modules.split(",")[-1]):
        raise SystemExit(f"installing {modules} into {db} failed, see {_rel(log_file)}")
    log(f"database {db} ready in {time.perf_counter() - started:.0f} s")


def drop_db(db):
    """Drop ``db`` and its filestore if it exists."""
    check_db_name(db)
    if not db_exists(db):
        return
    log(f"dropping database {db}")
    # the filestore-aware command first; plain SQL if it could not drop it
    subprocess.run([PYTHON, "-m", "odoo", "db", "drop", db], check=False, capture_output=True)
    if db_exists(db):
        conn = pg_connect("postgres")
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(pg_sql.SQL("DROP DATABASE IF EXISTS {}").format(pg_sql.Identifier(db)))
        finally:
            conn.close()


def _rel(path):
    """Return ``path`` relative to the repository when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# ------------------------------------------------------------------
# Servers
# ------------------------------------------------------------------


def free_port(preferred=PORT_RANGE, exclude=()):
    """Return a TCP port of 127.0.0.1 that nothing listens on, from ``preferred`` if possible.

    :param exclude: ports to skip (already chosen but not yet bound)
    """
    for port in preferred:
        if port in exclude:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """An Odoo server process serving one database on 127.0.0.1."""

    db: str
    addons_path: str = DEFAULT_ADDONS_PATH
    port: int = 0
    process: subprocess.Popen = None
    log_file: Path = None
    extra_args: list = field(default_factory=list)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=180):
        """Start the server (threaded, no cron) and wait until it answers."""
        self.port = self.port or free_port()
        self.log_file = RESULTS_DIR / "logs" / f"server-{self.db}.log"
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        cmd = odoo_cmd(
            "-d", self.db, f"--db-filter=^{self.db}$", "--http-interface=127.0.0.1",
            f"--http-port={self.port}", f"--gevent-port={free_port(exclude={self.port})}",
            "--workers=0",
            "--max-cron-threads=0", "--log-level=warn", f"--logfile={self.log_file}",
            *[f"--log-handler={handler}" for handler in QUIET_LOG_HANDLERS],
            *self.extra_args,
            addons_path=self.addons_path,
        )  # fmt: skip
        with open(self.log_file, "a", encoding="utf-8") as output:
            # the few lines Odoo prints outside its logger go to the same file
            self.process = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server for {self.db} exited, see {_rel(self.log_file)}")
            try:
                urllib.request.urlopen(self.url + "/web/health", timeout=2).read()
                log(f"server for {self.db} up on port {self.port} (pid {self.process.pid})")
                return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise SystemExit(f"server for {self.db} did not answer in {timeout} s")

    def stop(self):
        """Stop the server started by :meth:`start` (SIGTERM, then SIGKILL)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cpu_seconds(self):
        """Return the CPU time (user + system, seconds) used so far by the
        server and by the PostgreSQL backends connected to its database.

        The backends are found by their process title (``postgres: [cluster:]
        user database ...``, autovacuum left out), so only with a local
        PostgreSQL; elsewhere the server's own CPU alone is counted. A
        difference between two readings is the CPU a call cost, which other
        jobs on the machine stretch far less than its duration.
        """
        import psutil

        total = sum(psutil.Process(self.process.pid).cpu_times()[:2])
        for proc in psutil.process_iter(["cmdline"]):
            title = " ".join(proc.info["cmdline"] or [])
            words = title.split()
            if title.startswith("postgres:") and self.db in words and "autovacuum" not in words:
                try:
                    total += sum(proc.cpu_times()[:2])
                except psutil.Error:
                    continue
        return total

    def memory(self):
        """Return ``{"rss_mb", "peak_rss_mb"}`` of the server process.

        The peak (``VmHWM``) is read from ``/proc`` and is None elsewhere.
        """
        import psutil

        proc = psutil.Process(self.process.pid)
        rss = proc.memory_info().rss
        peak = None
        status = Path(f"/proc/{proc.pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
        return {"rss_mb": rss / 2**20, "peak_rss_mb": peak / 2**20 if peak else None}


@contextmanager
def running_server(db, addons_path=DEFAULT_ADDONS_PATH):
    """Context manager: a started :class:`Server` for ``db``, stopped on exit."""
    server = Server(db=db, addons_path=addons_path).start()
    try:
        yield server
    finally:
        server.stop()


class RpcClient:
    """A logged-in XML-RPC client of one server (``/xmlrpc/2``).

    XML-RPC is deprecated in Odoo 19 but is still what most integrations
    use today; its per-call overhead is the same for stock calls and ours.
    """

    def __init__(self, server, login=LOGIN, password=PASSWORD):
        self.db = server.db
        self.password = password
        common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
        self.uid = common.authenticate(self.db, login, password, {})
        if not self.uid:
            raise SystemExit(f"login {login!r} refused by {self.db}")
        self.models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        """Run ``model.method(*args, **kwargs)`` on the server and return its result."""
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )


# ------------------------------------------------------------------
# Timing and statistics
# ------------------------------------------------------------------


def summarize(samples):
    """Return ``{"n", "median_ms", "p95_ms", "mean_ms", "min_ms"}`` of durations in seconds."""
    ms = sorted(sample * 1000 for sample in samples)
    if not ms:
        return {"n": 0, "median_ms": None, "p95_ms": None, "mean_ms": None, "min_ms": None}
    p95 = ms[min(len(ms) - 1, max(0, round(0.95 * len(ms)) - 1))]
    return {
        "n": len(ms),
        "median_ms": statistics.median(ms),
        "p95_ms": p95,
        "mean_ms": statistics.fmean(ms),
        "min_ms": ms[0],
    }


def time_interleaved(operations, iterations, warmup, before_each=None, seed=0):
    """Time several operations under the same conditions.

    The operations run interleaved, one call of each per iteration in an
    order shuffled every iteration, so that a slowdown of the machine (other
    processes, the CPU clock) hits every operation alike. The ratios between
    the operations are therefore much steadier than their absolute times.

    :param dict operations: name -> ``callable(iteration)``
    :param int iterations: measured calls per operation
    :param int warmup: unmeasured calls per operation first (caches, JIT-free
        but connection pools, PostgreSQL buffers, Odoo's registry caches)
    :param before_each: optional ``callable()`` run, untimed, before every call
    :return: ``{name: summarize(...)}``
    """
    rng = random.Random(seed)
    names = list(operations)
    samples = {name: [] for name in names}
    for iteration in range(-warmup, iterations):
        rng.shuffle(names)
        for name in names:
            if before_each:
                before_each()
            started = time.perf_counter()
            operations[name](iteration % max(iterations, 1))
            elapsed = time.perf_counter() - started
            if iteration >= 0:
                samples[name].append(elapsed)
    return {name: summarize(values) for name, values in samples.items()}


# ------------------------------------------------------------------
# Reports
# ------------------------------------------------------------------


@dataclass
class Metric:
    """One line of the results table.

    ``ratio`` is always ``ours / stock`` (durations, throughputs, megabytes);
    ``better`` says which way is good ("lower" or "higher") and ``target`` is
    compared with the ratio, or with ``ours`` when ``target_on`` is "ours".
    """

    key: str
    label: str
    unit: str
    ours: float = None
    stock: float = None
    ours_label: str = ""
    stock_label: str = ""
    target: float = None
    better: str = "lower"
    target_on: str = "ratio"
    reference: bool = False
    details: dict = field(default_factory=dict)

    @property
    def ratio(self):
        if self.ours is None or not self.stock:
            return None
        return self.ours / self.stock

    @property
    def passed(self):
        if self.target is None:
            return None
        value = self.ours if self.target_on == "ours" else self.ratio
        if value is None:
            return False
        return value <= self.target if self.better == "lower" else value >= self.target

    def target_text(self):
        if self.target is None:
            return ""
        sign = "<=" if self.better == "lower" else ">="
        if self.target_on == "ours":
            return f"{sign} {self.target:g} {self.unit}"
        return f"{sign} {self.target:g}x"

    def as_dict(self):
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "ours": self.ours,
            "ours_label": self.ours_label,
            "stock": self.stock,
            "stock_label": self.stock_label,
            "ratio": self.ratio,
            "target": self.target_text() or None,
            "passed": self.passed,
            "reference": self.reference,
            "details": self.details,
        }


def _fmt(value, unit=""):
    if value is None:
        return "-"
    if unit == "MB":
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}" if abs(value) < 1 else f"{value:.2f}"


def format_table(metrics):
    """Return the results as a plain-text table (one line per metric)."""
    header = ("metric", "unit", "ours", "stock", "ratio", "target", "result")
    rows = []
    for metric in metrics:
        verdict = {True: "PASS", False: "FAIL", None: "info"}[metric.passed]
        rows.append(
            (
                ("  ref: " if metric.reference else "") + metric.label,
                metric.unit,
                _fmt(metric.ours, metric.unit),
                _fmt(metric.stock, metric.unit),
                "-" if metric.ratio is None else f"{metric.ratio:.2f}x",
                metric.target_text() or "-",
                verdict,
            )
        )
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    lines = []
    for index, row in enumerate((header, *rows)):
        cells = [
            str(cell).ljust(widths[i]) if i in (0, 1, 5, 6) else str(cell).rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def machine_info():
    """Return what a reader needs to compare two result files."""
    import psutil

    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
    try:
        conn = pg_connect("postgres")
        with conn.cursor() as cur:
            cur.execute("SHOW server_version")
            info["postgresql"] = cur.fetchone()[0]
        conn.close()
    except psycopg2.Error:
        info["postgresql"] = None
    try:
        import odoo.release

        info["odoo"] = odoo.release.version
    except ImportError:
        info["odoo"] = None
    return info


def write_results(name, payload):
    """Write ``payload`` as JSON under ``.bench-results/``; return the file path.

    The file is ``<name>-<timestamp>.json``; ``<name>-latest.json`` is
    overwritten with the same content so scripts can pick up the last run.
    """
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(payload, indent=2, ensure_ascii=False, default=str)
    path = RESULTS_DIR / f"{name}-{stamp}.json"
    path.write_text(text, encoding="utf-8")
    (RESULTS_DIR / f"{name}-latest.json").write_text(text, encoding="utf-8")
    return path
