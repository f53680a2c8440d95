"""Advisory-lock tokens for identity keys."""

import zlib

#: Number of distinct lock tokens. Each (key type, value) maps to one of
#: them: two keys sharing a bucket only make concurrent creations of
#: different customers wait for each other now and then, while the number of
#: locks one transaction holds stays bounded (PostgreSQL's shared lock table
#: holds about 64 per connection by default, and a large import touches
#: thousands of keys).
LOCK_BUCKETS = 1024


def key_lock_token(code, value, buckets=LOCK_BUCKETS):
    """Return the advisory-lock integer of an identity key.

    :param str code: key type code (``mobile``, ``email``...)
    :param str value: normalised value
    :param int buckets: number of distinct tokens
    :return: an int in ``range(buckets)``, stable across processes
    """
    return zlib.crc32(f"{code}:{value}".encode()) % buckets
