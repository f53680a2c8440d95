"""Values given back to an API caller, in a form every RPC protocol carries.

An answer that repeats a caller's value (an invalid key in ``errors``, a
message naming it) must never hold what XML-RPC cannot marshal: ``None``
nested in a list or a dict, integers beyond 32 bits, bytes, or a value of a
type the caller made up. Such a value comes back as a short text instead.
"""

import math

# XML-RPC integers are 32-bit signed.
XMLRPC_INT_MIN = -(2**31)
XMLRPC_INT_MAX = 2**31 - 1
# Longest text given back for a value that is not a plain string or number.
MAX_ECHO_LENGTH = 200


def echo_value(value, max_length=MAX_ECHO_LENGTH):
    """Return ``value`` as it may be given back to the caller.

    Strings, booleans, 32-bit integers and finite floats come back unchanged;
    anything else (None, containers, large integers, bytes...) as its
    ``repr`` cut to ``max_length`` characters.

    >>> echo_value("0912")
    '0912'
    >>> echo_value({"a": {"b": [None]}})
    "{'a': {'b': [None]}}"
    >>> echo_value(2**40)
    '1099511627776'
    """
    if isinstance(value, str | bool):
        return value
    if isinstance(value, int):
        if XMLRPC_INT_MIN <= value <= XMLRPC_INT_MAX:
            return value
        try:
            text = str(value)
        except ValueError:
            # more digits than Python writes out (sys.set_int_max_str_digits)
            text = f"<integer of {value.bit_length()} bits>"
    elif isinstance(value, float) and math.isfinite(value):
        return value
    else:
        text = repr(value)
    if len(text) > max_length:
        text = text[: max_length - 1] + "…"
    return text
