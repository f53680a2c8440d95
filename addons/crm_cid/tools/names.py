"""Name folding: one comparable spelling for names typed on any keyboard."""

import unicodedata

from .digits import strip_invisible, to_ascii_digits

_YEH = "\u06cc"  # ی Persian yeh
_KAF = "\u06a9"  # ک Persian kaf
_HEH = "\u0647"  # ه
_ALEF = "\u0627"  # ا
_WAW = "\u0648"  # و

_FOLD = {
    # Arabic keyboards and older software type Arabic yeh and kaf.
    "\u064a": _YEH,  # ي Arabic yeh
    "\u0649": _YEH,  # ى alef maksura
    "\u0626": _YEH,  # ئ yeh with hamza (پائیز / پاییز)
    "\u0643": _KAF,  # ك Arabic kaf
    "\u06aa": _KAF,  # ڪ swash kaf
    "\u0629": _HEH,  # ة teh marbuta
    "\u06c0": _HEH,  # ۀ heh with yeh above (خانهٔ)
    "\u06be": _HEH,  # ھ heh doachashmee
    "\u06c1": _HEH,  # ہ heh goal
    "\u06c2": _HEH,  # ۂ heh goal with hamza
    "\u06d5": _HEH,  # ە ae
    # Alef with madda or hamza is written inconsistently (آرش / ارش, أحمد / احمد).
    "\u0622": _ALEF,  # آ
    "\u0623": _ALEF,  # أ
    "\u0625": _ALEF,  # إ
    "\u0671": _ALEF,  # ٱ alef wasla
    "\u0672": _ALEF,  # ٲ
    "\u0673": _ALEF,  # ٳ
    "\u0624": _WAW,  # ؤ
    "\u0640": None,  # ـ tatweel (kashida)
}
# Arabic combining marks: harakat, tanwin, shadda, sukun, hamza/madda above
# and below, superscript alef, small high signs and Quranic annotations.
_MARK_RANGES = (
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
)


def _build_fold_table():
    """Return the ``str.translate`` table: letter folds plus marks removed."""
    table = dict(_FOLD)
    for start, end in _MARK_RANGES:
        table.update(dict.fromkeys(map(chr, range(start, end + 1)), None))
    return str.maketrans(table)


_FOLD_TABLE = _build_fold_table()


def fold_name(text):
    """Return a folded form of a name for fuzzy comparison.

    Applies NFKC (Arabic presentation forms, fullwidth Latin), folds Arabic
    letters to their Persian forms (ي/ى/ئ -> ی, ك -> ک, ة/ۀ -> ه, أ/إ/آ -> ا,
    ؤ -> و), removes ZWNJ and every other invisible formatting character,
    tatweel and Arabic diacritics, turns digits into ASCII, lower-cases and
    collapses runs of whitespace into one space. «می‌خواهم» and «ميخواهم»
    both give «میخواهم». Folding a folded value changes nothing.

    The result is for matching only; never store it in place of the name.

    :param text: a name; ``None`` and other falsy values give ``""``
    :return: the folded name
    :raises TypeError: if ``text`` is neither a string nor falsy
    """
    if not text:
        return ""
    if not isinstance(text, str):
        raise TypeError(f"expected a string, got {type(text).__name__}")
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE)
    folded = to_ascii_digits(strip_invisible(folded)).lower()
    # Removing characters can bring a base letter next to a combining mark it
    # was separated from; normalising again keeps the result idempotent.
    folded = unicodedata.normalize("NFKC", folded)
    return " ".join(folded.split())
