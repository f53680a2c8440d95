"""Transaction-level advisory locks, taken in one canonical order.

Every part of the suite that must stop two transactions from creating the
same thing at once (a customer with the same key, an interaction with the
same provider id) locks integer tokens with PostgreSQL's two-integer
``pg_advisory_xact_lock(namespace, token)``. Two transactions that lock
overlapping sets never deadlock when both take the locks in ascending token
order and never hold a higher token while waiting for a lower one. This
module is the one place that order is written down:

* :func:`lock_tokens` gives the canonical order (sorted, distinct, checked);
* :func:`try_locks_sql` tries them in that order in one statement and stops
  at the first one held by another transaction;
* :func:`wait_locks_sql` waits for that one and the following, in order;
* :func:`take_locks` runs both on a cursor and says whether it had to wait;
* :func:`wait_locks` waits for them in that order, for callers whose
  snapshot needs no other transaction's work (a counter serialised per user).

A caller that had to wait raises ``ConcurrencyError``: the other transaction
has committed or rolled back by then, but this transaction's snapshot
(REPEATABLE READ) cannot see its rows, so the request must start again.
"""

import zlib

from odoo.tools import SQL

#: Number of distinct lock tokens. Each (key type, value) maps to one of
#: them: two keys sharing a bucket only make concurrent creations of
#: different customers wait for each other now and then, while the number of
#: locks one transaction holds stays bounded (PostgreSQL's shared lock table
#: holds about 64 per connection by default, and a large import touches
#: thousands of keys).
LOCK_BUCKETS = 1024
#: First integer of the locks of identity keys (customer creation).
CID_LOCK_NAMESPACE = 0x43494431  # "CID1"

_INT4_MIN = -(2**31)
_INT4_MAX = 2**31 - 1


def key_lock_token(code, value, buckets=LOCK_BUCKETS):
    """Return the advisory-lock integer of an identity key.

    :param str code: key type code (``mobile``, ``email``...)
    :param str value: normalised value
    :param int buckets: number of distinct tokens
    :return: an int in ``range(buckets)``, stable across processes
    """
    return zlib.crc32(f"{code}:{value}".encode()) % buckets


def lock_tokens(tokens):
    """Return ``tokens`` in the canonical lock order: distinct and ascending.

    :param tokens: iterable of integers that fit PostgreSQL's ``integer``
    :return: sorted list without repeats
    :raises ValueError: for a token that is not an integer of 32 bits
    """
    ordered = sorted(set(tokens))
    for token in ordered:
        if isinstance(token, bool) or not isinstance(token, int):
            raise ValueError(f"advisory lock token {token!r} is not an integer")
        if not _INT4_MIN <= token <= _INT4_MAX:
            raise ValueError(f"advisory lock token {token} does not fit 32 bits")
    return ordered


def try_locks_sql(namespace, tokens):
    """Return the statement trying the locks in order, stopping at the first refused.

    It returns one row and one column: the 1-based position in ``tokens``
    of the first lock another transaction holds, or NULL when every lock
    was taken. The locks before it are held; the ones after it are not tried.

    :param int namespace: first integer of the locks
    :param list tokens: as returned by :func:`lock_tokens`
    """
    return SQL(
        """
        WITH RECURSIVE step(n, ok) AS (
            SELECT 0, TRUE
            UNION ALL
            SELECT n + 1, pg_try_advisory_xact_lock(%(ns)s, (%(tokens)s::int[])[n + 1])
              FROM step
             WHERE ok AND n < %(count)s
        )
        SELECT min(n) FILTER (WHERE NOT ok) FROM step
        """,
        ns=namespace,
        tokens=list(tokens),
        count=len(tokens),
    )


def wait_locks_sql(namespace, tokens):
    """Return the statement waiting for each lock of ``tokens``, in their order.

    :param int namespace: first integer of the locks
    :param list tokens: the tail of a :func:`lock_tokens` list
    """
    # unnest() yields the array in its order, and the aggregate consumes
    # the rows as they come: the locks are taken one after the other
    return SQL(
        "SELECT count(pg_advisory_xact_lock(%s, token)) FROM unnest(%s::int[]) AS token",
        namespace,
        list(tokens),
    )


def take_locks(cr, namespace, tokens):
    """Take transaction-level advisory locks in the canonical order.

    Every lock is tried in one statement; when another transaction holds
    one, that lock and the following are waited for, in order, in a second
    statement.

    :param cr: the database cursor of the transaction
    :param int namespace: first integer of the locks
    :param tokens: iterable of 32-bit integers, in any order, repeats allowed
    :return: True when another transaction held one of the locks (the
        caller then has them all, but its snapshot predates the other
        transaction's work), False when every lock was free
    """
    ordered = lock_tokens(tokens)
    if not ordered:
        return False
    cr.execute(try_locks_sql(namespace, ordered))
    [failed_at] = cr.fetchone()
    if failed_at is None:
        return False
    cr.execute(wait_locks_sql(namespace, ordered[failed_at - 1 :]))
    return True


def wait_locks(cr, namespace, tokens):
    """Take transaction-level advisory locks in the canonical order, waiting
    for each one another transaction holds.

    One statement, whatever the locks' state. For callers that serialise
    work whose rows they read again after the wait with a fresh statement
    (READ COMMITTED counts), not a REPEATABLE READ snapshot: those use
    :func:`take_locks` and start again when it waited.

    :param cr: the database cursor of the transaction
    :param int namespace: first integer of the locks
    :param tokens: iterable of 32-bit integers, in any order, repeats allowed
    """
    ordered = lock_tokens(tokens)
    if ordered:
        cr.execute(wait_locks_sql(namespace, ordered))
