"""Clients working at once, as concurrent RPC requests do.

Shared by the tests of this addon's dependents. Each client works on a
committed transaction of its own and goes through the same retry loop as
the RPC layer: a concurrency error rolls back and starts again with a fresh
transaction.
"""

import threading

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ConcurrencyError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE as MAX_TRIES
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

# seconds a client waits for the others to start
START_TIMEOUT = 60


def _client(env, job, tries, barrier, results, errors):
    """Run ``job(env)`` and commit, retrying like the RPC layer does.

    ``odoo.service.model.retrying`` itself cannot run here: it looks the
    registry up again, and the test runner holds the registry lock.
    """
    try:
        with env.cr:
            barrier.wait()
            for _attempt in range(tries):
                try:
                    result = job(env)
                    env.cr.commit()
                    results.append(result)
                    return
                except (ConcurrencyError, *PG_CONCURRENCY_EXCEPTIONS_TO_RETRY):
                    env.cr.rollback()
                    env.transaction.clear()
            errors.append("too many retries")
    except Exception as error:  # noqa: BLE001 - reported to the main thread
        errors.append(error)


def run_at_once(registry, jobs, tries=MAX_TRIES, context=None):
    """Run each of ``jobs``, a function of an environment (as superuser, with
    ``context``), in a client of its own; the clients start together.

    :param tries: how many times a client tries its job
    :return: ``(results, errors)``: what the job of each client that
        succeeded returned, and what went wrong for the others
    """
    results, errors = [], []
    barrier = threading.Barrier(len(jobs), timeout=START_TIMEOUT)
    # environments are made here: the registry is locked while tests run
    envs = [api.Environment(registry.cursor(), SUPERUSER_ID, context or {}) for _job in jobs]
    threads = [
        threading.Thread(target=_client, args=(env, job, tries, barrier, results, errors))
        for env, job in zip(envs, jobs, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
