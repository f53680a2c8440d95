"""Indicator number formats: placeholders and rendering, on plain values."""

import string

DEFAULT_FORMAT = "{jyear}/{kind}/{seq}"

# the letters every Iranian secretariat writes in the number: وارده, صادره, داخلی
KIND_CODES = {"incoming": "و", "outgoing": "ص", "internal": "د"}

PLACEHOLDERS = ("jyear", "jyy", "kind", "branch", "series", "seq")


def format_problems(pattern):
    """List what is wrong with an indicator format (empty when it is usable).

    A format needs ``{seq}`` (else two letters would get the same number) and
    may use only the placeholders of ``PLACEHOLDERS``, without conversions or
    format specifications (padding is a setting of the series).
    """
    problems = []
    try:
        parts = list(string.Formatter().parse(pattern or ""))
    except ValueError:
        return ["syntax"]
    names = []
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            problems.append(f"unknown:{name}")
        if spec or conversion:
            problems.append(f"spec:{name}")
        names.append(name)
    if "seq" not in names:
        problems.append("no_seq")
    return problems


def render(pattern, *, jyear, kind, seq, padding=1, branch="", series=""):
    """The indicator number for one letter.

    :param str pattern: a format accepted by :func:`format_problems`
    :param int jyear: Jalali year of the registration
    :param str kind: ``incoming``, ``outgoing`` or ``internal``, or a code
    :param int seq: the counter within series and year
    :param int padding: minimum number of digits of the counter
    """
    return pattern.format(
        jyear=jyear,
        jyy=f"{jyear % 100:02d}",
        kind=KIND_CODES.get(kind, kind),
        branch=branch or "",
        series=series or "",
        seq=str(seq).zfill(max(padding or 1, 1)),
    )
