"""Values in the text format of PostgreSQL's ``COPY ... FROM STDIN``.

``COPY`` loads rows without building and parsing one big ``INSERT``
statement: each row is a line, columns are separated by tabs, ``\\N`` is
NULL, and backslash, tab, newline and carriage return inside a value are
escaped with a backslash.
"""

import datetime
import decimal
import json

from psycopg2.extras import Json

NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(text):
    """Return a string escaped for a column of a ``COPY`` text line."""
    # most values need no escape: two scans in C are cheaper than translate()
    if text.isprintable() and "\\" not in text:
        return text
    return text.translate(_ESCAPES)


def copy_value(value):
    """Return ``value``, as a database adapter would send it, in ``COPY`` text format.

    :param value: None (NULL), a bool, a number, a string, a date or moment,
        or a ``psycopg2.extras.Json`` wrapper (jsonb columns)
    :return: the text of one column
    :raises TypeError: for any other type, rather than writing something the
        column would read differently
    """
    if value is None:
        return NULL
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return copy_text(value)
    if isinstance(value, (int, float, decimal.Decimal)):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Json):
        return json.dumps(value.adapted, ensure_ascii=False).translate(_ESCAPES)
    raise TypeError(f"cannot write a {type(value).__name__} with COPY: {value!r}")


def copy_line(texts):
    """Return one ``COPY`` line from column texts already escaped."""
    return "\t".join(texts) + "\n"
