"""Pure helpers of the customer timeline: cursors and previews."""

from datetime import datetime

PREVIEW_LENGTH = 280


def parse_cursor(cursor):
    """Return ``(occurred_at, id)`` from a timeline cursor, or None for the first page.

    :param cursor: None/False, or ``[date text, id]`` as returned in ``next_cursor``
    :raises ValueError: for anything else
    """
    if cursor in (None, False, []):
        return None
    if not isinstance(cursor, (list, tuple)) or len(cursor) != 2:
        raise ValueError("cursor must be [date, id]")
    text, rec_id = cursor
    if isinstance(rec_id, bool) or not isinstance(rec_id, int) or not isinstance(text, str):
        raise ValueError("cursor must be [date, id]")
    return datetime.fromisoformat(text).replace(tzinfo=None), rec_id


def preview_text(text, length=PREVIEW_LENGTH):
    """Return the first ``length`` characters of ``text`` on one line."""
    flat = " ".join((text or "").split())
    if len(flat) <= length:
        return flat
    return flat[: length - 1].rstrip() + "…"
