"""Fixtures for the integrator tests: a live Odoo server driven over RPC.

``scripts/test.sh`` starts the server on a free port and sets ``ODOO_URL``,
``ODOO_DB``, ``ODOO_LOGIN``, ``ODOO_PASSWORD`` and ``ODOO_ADDONS_PATH``.
To run them by hand against your own server, export the same variables.
"""

import os
import subprocess
import sys
import textwrap
import xmlrpc.client
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest


@dataclass(frozen=True)
class Server:
    url: str
    db: str
    login: str
    password: str

    @property
    def host(self):
        return urlparse(self.url).hostname

    @property
    def port(self):
        return urlparse(self.url).port or 80


@pytest.fixture(scope="session")
def server():
    missing = [v for v in ("ODOO_URL", "ODOO_DB") if not os.environ.get(v)]
    if missing:
        pytest.fail(
            "integrator tests need a running server: set %s (scripts/test.sh does it)"
            % ", ".join(missing),
            pytrace=False,
        )
    return Server(
        url=os.environ["ODOO_URL"].rstrip("/"),
        db=os.environ["ODOO_DB"],
        login=os.environ.get("ODOO_LOGIN", "admin"),
        password=os.environ.get("ODOO_PASSWORD", "admin"),
    )


@pytest.fixture(scope="session")
def xmlrpc_models(server):
    """``(uid, call)`` where ``call(model, method, *args, **kw)`` is execute_kw."""
    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    uid = common.authenticate(server.db, server.login, server.password, {})
    assert uid, "login refused over XML-RPC"
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(server.db, uid, server.password, model, method, list(args), kwargs)

    return uid, call


@pytest.fixture(scope="session")
def ref(xmlrpc_models):
    """``ref("module.name")``: the database id of the record with that XML id."""
    _uid, call = xmlrpc_models

    def ref(xmlid):
        module, name = xmlid.split(".")
        domain = [("module", "=", module), ("name", "=", name)]
        [row] = call("ir.model.data", "search_read", domain, ["res_id"])
        return row["res_id"]

    return ref


@pytest.fixture(scope="session")
def odoo_rpc(server):
    import odoorpc

    odoo = odoorpc.ODOO(server.host, port=server.port, timeout=60)
    odoo.login(server.db, server.login, server.password)
    return odoo


@pytest.fixture(scope="session")
def api_key(server):
    """An API key of the test login, made in the database through ``odoo shell``.

    Users make theirs in Preferences > Account Security; that flow asks for the
    password again in the browser, so the tests create the key directly.
    """
    script = textwrap.dedent(
        f"""
        user = env["res.users"].search([("login", "=", {server.login!r})], limit=1)
        keys = env["res.users.apikeys"].with_user(user).sudo()
        key = keys._generate(None, "integrator tests", None)
        env.cr.commit()
        print("API-KEY:" + key)
        """
    )
    cmd = [sys.executable, "-m", "odoo", "shell", "-d", server.db, "--no-http", "--log-level=warn"]
    if os.environ.get("ODOO_ADDONS_PATH"):
        cmd.append("--addons-path=" + os.environ["ODOO_ADDONS_PATH"])
    out = subprocess.run(cmd, input=script, capture_output=True, text=True, timeout=300)
    for line in out.stdout.splitlines():
        if line.startswith("API-KEY:"):
            return line.split(":", 1)[1].strip()
    pytest.fail(f"could not create an API key:\n{out.stdout}\n{out.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def callers_by_role(server):
    """``callers_by_role(logins)``: ``{role: call}``, each call running as that user.

    ``logins`` is ``{role: (uid, login)}`` of users whose password is their login;
    ``call(model, method, *args, **kwargs)`` is execute_kw as that user.
    """
    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def caller(uid, login):
        assert common.authenticate(server.db, login, login, {}) == uid

        def call_as(model, method, *args, **kwargs):
            return models.execute_kw(server.db, uid, login, model, method, list(args), kwargs)

        return call_as

    def callers(logins):
        return {role: caller(uid, login) for role, (uid, login) in logins.items()}

    return callers
