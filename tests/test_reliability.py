"""Nothing lost, nothing doubled: ingestion and find-or-create under retries,
concurrent clients and a server killed in the middle of a batch.

Every test works on its own run token (in the provider ids and the keys), so
the tests do not see each other's data and can run on any database.
"""

import hashlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
import xmlrpc.client
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


class Client:
    """One integrator: its own connection, as separate programs would have."""

    def __init__(self, server, url=None):
        self.server = server
        url = url or server.url
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(server.db, server.login, server.password, {})
        assert self.uid, "login refused over XML-RPC"
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.server.db, self.uid, self.server.password, model, method, list(args), kwargs
        )


def run_clients(count, target):
    """Run ``target(index)`` in ``count`` threads; re-raise the first failure."""
    errors = []

    def guarded(index):
        try:
            target(index)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def make_items(token, count):
    """``count`` SMS items of one run: a third from known senders, all distinct."""
    items = []
    for n in range(count):
        items.append(
            {
                "channel": "sms",
                "direction": "inbound" if n % 4 else "outbound",
                "external_id": f"{token}-{n:05d}",
                "occurred_at": f"2025-03-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00+03:30",
                "mobile": f"0935{n % 3:01d}{int(token[:6], 16) % 1000:03d}{n % 997:03d}",
                "body": f"پیام شماره {n} از اجرای {token}",
            }
        )
    return items


def random_batches(items, rng):
    """Split ``items`` into consecutive batches of random sizes (1 to 700)."""
    batches, start = [], 0
    while start < len(items):
        size = rng.randint(1, 700)
        batches.append(items[start : start + size])
        start += size
    return batches


def stored(client, token):
    """``{external_id: body}`` of the interactions stored for a run."""
    rows = client.call(
        "crm.interaction",
        "search_read",
        [("external_id", "=like", f"{token}-%")],
        ["external_id", "body"],
    )
    ids = [row["external_id"] for row in rows]
    assert len(ids) == len(set(ids)), "an item was stored twice"
    return {row["external_id"]: row["body"] for row in rows}


def checksum(pairs):
    digest = hashlib.sha256()
    for external_id, body in sorted(pairs):
        digest.update(f"{external_id}\x1f{body}\x1e".encode())
    return digest.hexdigest()


def html_text(body):
    """The text of a stored HTML body (bodies are sanitised as HTML)."""
    return body.removeprefix("<p>").removesuffix("</p>") if isinstance(body, str) else body


def test_four_clients_replaying_with_random_splits_and_retries(server):
    token = uuid.uuid4().hex[:10]
    items = make_items(token, 5000)
    statuses = {}
    lock = threading.Lock()

    def replay(index):
        rng = random.Random(f"{token}-{index}")
        client = Client(server)
        for batch in random_batches(items, rng):
            for _attempt in range(1 + (rng.random() < 0.3)):
                results = client.call("crm.interaction", "ingest", batch)
                assert len(results) == len(batch)
                with lock:
                    for item, result in zip(batch, results, strict=True):
                        statuses.setdefault(item["external_id"], []).append(result)

    run_clients(4, replay)

    by_id = stored(Client(server), token)
    assert len(by_id) == 5000
    for external_id, results in statuses.items():
        kinds = [r["status"] for r in results]
        assert "rejected" not in kinds, results
        assert sum(k in ("created", "unmatched") for k in kinds) == 1, (external_id, kinds)
        assert len({r["id"] for r in results}) == 1, (external_id, results)
    assert checksum((k, html_text(v)) for k, v in by_id.items()) == checksum(
        (item["external_id"], item["body"]) for item in items
    )


def test_eight_clients_find_or_create_the_same_new_customers(server):
    token = uuid.uuid4().int
    mobiles = [f"0913{(token >> (8 * i)) % 10_000_000:07d}" for i in range(40)]
    mobiles = list(dict.fromkeys(mobiles))
    answers = {}
    lock = threading.Lock()

    def find_or_create(index):
        client = Client(server)
        order = mobiles[:]
        random.Random(index).shuffle(order)
        for mobile in order:
            # each client writes the number its own way
            typed = ["+98" + mobile[1:], "0098 " + mobile[1:], mobile][index % 3]
            result = client.call(
                "res.partner", "cid_find_or_create", {"mobile": typed}, {"name": f"مشتری {mobile}"}
            )
            with lock:
                answers.setdefault(mobile, []).append(result)

    run_clients(8, find_or_create)

    client = Client(server)
    for mobile, results in answers.items():
        assert len(results) == 8
        assert len({r["partner_id"] for r in results}) == 1, (mobile, results)
        assert sum(r["created"] for r in results) <= 1, (mobile, results)
        found = client.call("res.partner", "cid_resolve", {"mobile": mobile})
        assert found["partner_id"] == results[0]["partner_id"]
    partner_ids = {r[0]["partner_id"] for r in answers.values()}
    assert len(partner_ids) == len(mobiles)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(server, logfile):
    """A second server process on the same database, on its own port."""
    port = _free_port()
    cmd = [
        sys.executable, "-m", "odoo",
        "-c", str(ROOT / "config" / "odoo.conf"),
        "-d", server.db, f"--db-filter=^{server.db}$",
        "--http-interface=127.0.0.1", f"--http-port={port}", f"--gevent-port={_free_port()}",
        "--max-cron-threads=0", "--log-level=warn", f"--logfile={logfile}",
    ]  # fmt: skip
    if os.environ.get("ODOO_ADDONS_PATH"):
        cmd.append("--addons-path=" + os.environ["ODOO_ADDONS_PATH"])
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _second in range(120):
        try:
            urllib.request.urlopen(url + "/web/health", timeout=2).read()
            return process, url
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(1)
    process.kill()
    pytest.fail(f"the second server did not start (see {logfile})", pytrace=False)


def test_server_killed_in_the_middle_of_a_batch(server, tmp_path):
    token = uuid.uuid4().hex[:10]
    items = make_items(token, 6000)
    batches = [items[i : i + 500] for i in range(0, len(items), 500)]
    process, url = _start_server(server, tmp_path / "killed.log")
    sent = []

    def send():
        client = Client(server, url)
        try:
            for batch in batches:
                client.call("crm.interaction", "ingest", batch)
                sent.append(len(batch))
        except OSError:
            return  # the server was killed: the connection drops or is refused

    sender = threading.Thread(target=send)
    try:
        sender.start()
        # let some batches commit, then kill the server while one is in flight
        deadline = time.monotonic() + 120
        while len(sent) < 3 and time.monotonic() < deadline and sender.is_alive():
            time.sleep(0.05)
        time.sleep(random.Random(token).uniform(0.05, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        sender.join(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert 3 <= len(sent) < len(batches), "the kill did not land in the middle of the run"

    client = Client(server)
    before = stored(client, token)
    # what was stored is whole batches, in order: those answered before the
    # kill, and at most the one whose answer the kill cut off
    committed = len(before)
    assert committed in (sum(sent), sum(sent) + 500)
    assert set(before) == {item["external_id"] for item in items[:committed]}

    # the server comes back (the main test server plays that part); the
    # integrator replays the whole run
    results = []
    for batch in batches:
        results += client.call("crm.interaction", "ingest", batch)
    assert [r["status"] == "duplicate" for r in results] == [
        n < committed for n in range(len(items))
    ]
    after = stored(client, token)
    assert len(after) == len(items)
    assert checksum((k, html_text(v)) for k, v in after.items()) == checksum(
        (item["external_id"], item["body"]) for item in items
    )
    domain = [("interaction_id.external_id", "=like", f"{token}-%")]
    keys = client.call("crm.interaction.key", "search_count", domain)
    assert keys == len(items), "each interaction keeps the key it arrived with"
