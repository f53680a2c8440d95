"""Keep a handled unique violation out of the server's error log.

Odoo's cursor logs every failed statement as ``bad query`` at ERROR level
before the exception reaches the code that runs it. Some violations are part
of a protocol, not an error: a transaction that creates a customer (or stores
an interaction) with a key another transaction committed after this one's
snapshot catches the violation of the key's unique index and asks the RPC
layer to retry. Inside :func:`expected_violations`, the ``bad query`` record
of a violation of one of the named constraints, raised by the current thread,
is dropped; every other record, and every record of other threads, is kept.
"""

import contextlib
import logging
import threading

_state = threading.local()


class ExpectedViolationFilter(logging.Filter):
    """Drop ``bad query`` records of constraints the current thread expects."""

    def filter(self, record):
        expected = getattr(_state, "constraints", None)
        if not expected or not str(record.msg).startswith("bad query"):
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        diag = getattr(args[-1], "diag", None) if args else None
        return getattr(diag, "constraint_name", None) not in expected


_FILTER = ExpectedViolationFilter()


def install(logger_name="odoo.sql_db"):
    """Attach the filter to the logger of Odoo's cursor (once)."""
    logger = logging.getLogger(logger_name)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


@contextlib.contextmanager
def expected_violations(constraints):
    """Within the block, violations of ``constraints`` are not logged as errors.

    :param constraints: names of unique or exclusion constraints whose
        violation the caller catches and handles
    """
    install()
    previous = getattr(_state, "constraints", None)
    _state.constraints = frozenset(constraints) | (previous or frozenset())
    try:
        yield
    finally:
        _state.constraints = previous
