"""Identity values quoted in free text: a message that gives a mobile, an
e-mail or a national ID in its body.

A body is shown as written, except the identity values it quotes that the
reader may not see: those are masked in place, as on the customer's card.
These functions find the values and mask the chosen ones; which ones are
chosen is the caller's decision (the customers the reader sees masked).

An HTML body (``Markup``) is read as its reader sees it: tags left out,
entities decoded, white space collapsed, characters not shown (zero-width,
direction marks) left out between two digits, a block (paragraph, line
break, list item, cell) ending a value, though two halves of a number on two
lines are read as one too. A value split by markup (``0912<b>345</b>6789``,
a ``&nbsp;``, a comment between two digits) is one value there, and is
masked across the tags; values in attributes (``href="tel:..."``) and
comments are found and masked as in plain text. Text hidden from the reader
(``display: none``, ``visibility: hidden``, an opacity or font size of 0,
white or transparent text) splits no value.

A value percent-encoded (``mailto:ali%40example.com``, ``tel:%2B98...``,
``?text=...%20...``), in HTML or in plain text, is found and masked in the
text it is encoded in; a text holding no ``%`` is never decoded. Digits are
read in any script (Persian, Arabic-Indic), with one space, dash or dot
(or a dash or dot between two spaces) between two of them. Otherwise a plain
``str`` is read as written; values spelled out in words are not found.

Pure functions on plain values: no environment, no records.
"""

import html
import re
from bisect import bisect_right
from urllib.parse import quote, unquote

from markupsafe import Markup, escape

from odoo.tools.mail import email_normalize

from odoo.addons.crm_cid.tools.keys import guess_key_types

from .mask import MASK, mask_email, mask_national_id, mask_phone

# Key types a quoted value is compared with (crm_cid codes).
QUOTED_TYPES = frozenset({"email", "mobile", "phone", "whatsapp", "national_id", "legal_id"})
_NUMBER_TYPES = frozenset({"national_id", "legal_id"})

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# What people write between the digits of a number: a space, a dash or a
# dot, or a dash or dot between two spaces.
_DASHES = "\u2010-\u2015\u2212"
_OTHER_DASH = re.compile(f"[{_DASHES}]")
_SEPARATOR = rf"[ \u00a0]?[.{_DASHES}-]?[ \u00a0]?"
# A run of at least seven digits (any script), separators between them, not
# glued to a word or to a mask's stars.
_NUMBER = re.compile(rf"(?<![\w*+])\+?\d(?:{_SEPARATOR}\d){{6,}}(?![\w*])")
# The groups of digits of a run, tried together when the run as a whole is
# no value (two numbers side by side); a run of more groups is tried in its
# first ones only, which bounds the tries.
_DIGIT_GROUP = re.compile(r"\+?\d+")
_MAX_GROUPS = 12
# Digits of a value: a local landline number has 7, an international
# number 15 at most.
_MIN_DIGITS = 7
_MAX_DIGITS = 15
# A percent-encoded run (a link, a query): decoded, it may quote a value;
# written anew, the characters of a URL stay as they are.
_ENCODED_RUN = re.compile(r"[^\s\"'<>]*%[0-9A-Fa-f]{2}[^\s\"'<>]*")
_URL_SAFE = "!#$&'()*+,/:;=?@[]~"

# White space a browser shows as one space (a no-break space is shown as
# is), and characters it does not show (soft hyphen, zero-width and
# direction marks).
_SHOWN_SPACE = " \t\n\r\f"
_NOT_SHOWN = "\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
# What a value in an HTML body needs in its source: an ``@`` (or a
# reference to it), or seven digits (or numeric references) with nothing but
# spaces, dashes, invisible characters, named references, tags and comments
# between them.
_SOURCE_DIGIT = r"(?:\d|&#[xX]?[0-9A-Fa-f]+;?|%(?:25)*3\d)"
_SOURCE_GAP = (
    rf"(?:[\s\u00a0{_NOT_SHOWN}.{_DASHES}-]|%[0-9A-Fa-f]{{2}}"
    r"|&[A-Za-z]+;?|<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)*"
)
_MAY_QUOTE_HTML = re.compile(
    rf"@|&commat;|&#0*64|&#[xX]0*40|%(?:25)*40|{_SOURCE_DIGIT}(?:{_SOURCE_GAP}{_SOURCE_DIGIT}){{6}}",
    re.S,
)
# ... or, when an element may be hidden (its text then splits no value),
# seven digits anywhere.
_MAY_HIDE = re.compile(
    r"hidden|none|font-size|opacity|color\s*[:=]\s*[\"']?\s*(?:white|transparent|#f|rgb|hsl|&)",
    re.I,
)
_SEVEN_DIGITS = re.compile(r"(?:\d\D*){7}")
# The tokens of an HTML body besides its text: comments and declarations,
# tags (name, then attributes), character references.
_HTML_TOKEN = re.compile(
    r"(?P<other><!--.*?(?:-->|\Z)|<![^>]*>?|<\?[^>]*>?)"
    r"|<(?P<tag>/?[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|(?P<ref>&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?)",
    re.S,
)
_ATTRIBUTE_VALUE = re.compile(
    r"""(?P<name>[^\s=/>]+)\s*=\s*"""
    r"""(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+))"""
)
_VALUE_GROUPS = ("double", "single", "bare")
# What hides an element and its content from its reader: characters hidden
# between the digits of a value do not split it. The ``hidden`` attribute,
# ``display: none`` and an opacity of 0 hide the content whatever it
# declares; white or transparent text, ``visibility: hidden`` and a font
# size of 0 hide it until a child declares a colour, a visibility or a size
# of its own (a size relative to its parent's stays 0).
_HIDDEN_ATTRIBUTE = re.compile(r"(?:^|\s)hidden(?:[\s=/]|$)", re.I)
_DECLARATION = re.compile(r"\s*([A-Za-z-]+)\s*:\s*([^;]*?)\s*(?:!important\s*)?(?:;|$)")
_ZERO = re.compile(r"[+-]?(?:0+\.?0*|\.0+)(?:[a-z]+|%)?$", re.I)
_HIDING_VALUES = {
    "display": re.compile(r"none$", re.I),
    "opacity": _ZERO,
}
# property: (a value hiding the text, a value keeping the parent's state)
_SOFT_HIDING = {
    "color": (
        re.compile(
            r"(?:white|transparent|#f{3,4}|#f{6}|#f{8}|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*\)"
            r"|(?:rgba|hsla)\([^)]*[,/]\s*0*\.?0*%?\s*\))$",
            re.I,
        ),
        re.compile(r"(?:inherit|currentcolor|unset|revert)$", re.I),
    ),
    "visibility": (
        re.compile(r"(?:hidden|collapse)$", re.I),
        re.compile(r"(?:inherit|unset|revert)$", re.I),
    ),
    "font-size": (
        _ZERO,
        re.compile(r"(?:inherit|unset|revert|smaller|larger|.*(?:(?<!r)em|ex|ch|%))$", re.I),
    ),
}
# Elements without content (no end tag).
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements a browser shows apart from the text around them: a value never
# runs across one.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog
    div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header
    hgroup hr html iframe legend li main menu nav ol option p pre section select
    summary table tbody td textarea tfoot th thead title tr ul""".split()
)
_BLOCK = "\n"
# The text of a body cut into white space, characters not shown, and the
# rest (words and single spaces).
_READ_CHUNK = re.compile(
    rf"(?P<space>[{_SHOWN_SPACE}]+)|(?P<invisible>[{_NOT_SHOWN}]+)"
    rf"|[^{_SHOWN_SPACE}{_NOT_SHOWN}](?:[^{_SHOWN_SPACE}{_NOT_SHOWN}]| (?=[^{_SHOWN_SPACE}]))*"
)


def quoted_pairs(value):
    """Return the ``(type_code, value_normalized)`` pairs a quoted ``value``
    may be, among :data:`QUOTED_TYPES`; empty when it is none of them."""
    if "@" in value:
        address = email_normalize(value)
        return [("email", address)] if address else []
    value = _OTHER_DASH.sub("-", value)
    return [(code, found) for code, found in guess_key_types(value) if code in QUOTED_TYPES]


def quoted_values(text):
    """Return the identity values quoted in ``text``, each once: the e-mail
    addresses, then the numbers, each in the order of the text.

    A value is an e-mail address, or a run of digits that reads as a phone
    number or a valid national or legal ID (Persian and Arabic digits, spaces,
    dashes and dots as people write them). A run that reads as none of them
    as a whole is tried by its groups of digits (two numbers side by side).
    A percent-encoded run (a link) is read decoded too.

    In ``Markup``, values are read in the text as shown (tags left out,
    entities decoded, blocks apart), then between every two tags (two values
    in two adjacent spans), then in attributes and comments; the values are
    returned as read there (``0912<b>345</b>6789`` gives ``09123456789``), for
    :func:`mask_quoted_values` to find them again in the same ``Markup``.

    >>> quoted_values("call ۰۹۱۷ ۱۱۱ ۲۲۳۳ or mail ali@example.com")
    ['ali@example.com', '۰۹۱۷ ۱۱۱ ۲۲۳۳']
    """
    if not text or not isinstance(text, str):
        return []
    if _is_html(text):
        if not _may_quote_html(text):
            return []
        return list(dict.fromkeys(_HtmlText(text).values()))
    return _plain_values(text)


def _is_html(text):
    """Whether ``text`` is to be read as HTML: ``Markup`` holding a tag or an entity."""
    return isinstance(text, Markup) and ("<" in text or "&" in text)


def _may_quote_html(text):
    """Whether the HTML source ``text`` may quote a value: when not, it is not
    read (the common case, as cheap as a plain text)."""
    if _MAY_QUOTE_HTML.search(text):
        return True
    return bool(_MAY_HIDE.search(text) and _SEVEN_DIGITS.search(text))


def _plain_values(text, known=None):
    """Return the values quoted in plain ``text``.

    :param dict known: ``{candidate: whether it is a value}``, filled as
        candidates are tried: a text read several ways tries each once
    """
    known = {} if known is None else known

    def is_value(candidate):
        if candidate not in known:
            known[candidate] = bool(quoted_pairs(candidate))
        return known[candidate]

    found = [match.group() for match in _EMAIL.finditer(text) if is_value(match.group())]
    for match in _NUMBER.finditer(text):
        found.extend(_run_values(match.group(), is_value))
    if "%" in text:
        # a link's query or address, percent-encoded: read decoded too
        for match in _ENCODED_RUN.finditer(text):
            found.extend(_plain_values(unquote(match.group()), known))
    return list(dict.fromkeys(found))


def _run_values(run, is_value):
    """Return the values in a ``run`` of digits: the run, or else the
    longest runs of its groups of digits that are values, from the left (two
    numbers written side by side)."""
    if is_value(run):
        return [run]
    groups = [match.span() for match in _DIGIT_GROUP.finditer(run)][:_MAX_GROUPS]
    found = []
    first = 0
    while first < len(groups):
        for last in range(len(groups) - 1, first - 1, -1):
            candidate = run[groups[first][0] : groups[last][1]]
            digits = sum(char.isdigit() for char in candidate)
            if _MIN_DIGITS <= digits <= _MAX_DIGITS and is_value(candidate):
                found.append(candidate)
                first = last
                break
        first += 1
    return found


def mask_quoted(value):
    """Mask one quoted value as the card masks its kind."""
    if "@" in value:
        return mask_email(value)
    if {code for code, _found in quoted_pairs(value)} <= _NUMBER_TYPES:
        return mask_national_id(value)
    return mask_phone(value)


def mask_quoted_values(text, hidden):
    """Return ``text`` with the quoted values in ``hidden`` masked in place.

    In ``Markup``, a value is masked where the text shown holds it, across
    the tags that split it: its masked form takes the place of its first
    character, its other characters are removed, the tags stay (empty ones
    included). Attribute values and comments are masked as plain text. Only
    text that held a value is written anew, escaped: no text is ever turned
    into markup.

    A search of a body for a whole value split by markup finds nothing (the
    database holds the markup): it answers no question about the value, and is
    bounded and counted all the same (``may_be_identity_value`` counts the
    digits of the term whatever markup it holds).

    :param text: a body (``Markup`` stays ``Markup``: the masks hold no markup)
    :param hidden: values as :func:`quoted_values` returned them
    """
    if not text or not hidden:
        return text
    # the longest first: a value may hold a shorter one
    hidden = sorted(hidden, key=len, reverse=True)
    if _is_html(text):
        return _HtmlText(text).masked(hidden)
    masked = _mask_plain(str(text), hidden)
    return Markup(masked) if isinstance(text, Markup) else masked


def unmask_quoted_values(text, values):
    """Return the plain ``text`` with the masks of ``values`` put back as
    the values they mask: a text shown masked, then sent back, stands for
    the text it was shown for.

    A mask is put back only where its value is then quoted as a value
    (:func:`quoted_values`), so that whoever sees the text masked sees it
    as sent back (a mask glued to a word stays a mask). When two values
    share one mask, the longer is put back.

    :param str text: a plain text, as sent back
    :param values: the values the text was masked for
    """
    if not text or MASK not in text:
        return text
    for value in sorted(values, key=len, reverse=True):
        mask = mask_quoted(value)
        if mask in text:
            restored = text.replace(mask, value)
            if value in quoted_values(restored):
                text = restored
    return text


def _mask_plain(text, hidden):
    for value in hidden:
        text = text.replace(value, mask_quoted(value))
    return _mask_encoded(text, hidden)


def _mask_encoded(text, hidden):
    """Return ``text`` with the ``hidden`` values its percent-encoded runs
    quote masked; a run holding one is written anew, decoded, masked and
    encoded again as a URL."""
    if "%" not in text:
        return text

    def mask_run(match):
        decoded = unquote(match.group())
        masked = _mask_plain(decoded, hidden)
        return match.group() if masked == decoded else quote(masked, safe=_URL_SAFE)

    return _ENCODED_RUN.sub(mask_run, text)


class _HtmlText:
    """An HTML source read as its reader sees it.

    The source is cut into tokens: text (a text node, or one decoded
    character reference), tags, and comments or declarations. The text can be
    read several ways (:meth:`reading`): as shown, a block tag ending a value;
    with every tag ending a value; all glued, as a reader may read two lines
    as one number; all glued but the text of hidden elements (``hidden``,
    ``display: none``, ``visibility: hidden``, a font size or opacity of 0,
    white or transparent text), which a reader does not see between two
    digits. Every value found in the first two is a part of
    the third, where the values are masked, as in the fourth.
    """

    def __init__(self, source):
        self.source = str(source)
        # (source start, source end, kind, data), in source order: kind is
        # "text" (data: the text shown), "tag" (data: the match) or "other"
        self.tokens = []
        # for each text token: its token index, what lies before it since
        # the previous text ("" nothing, "inline" tags or comments, "block"),
        # and whether it is hidden
        self.texts = []
        # the open elements: (tag name, whether hidden, whether hidden
        # whatever a child declares, {property: whether it hides})
        self.open = []
        position = 0
        gap = ""
        for match in _HTML_TOKEN.finditer(self.source):
            if match.start() > position:
                self._add_text(position, match.start(), self.source[position : match.start()], gap)
                gap = ""
            if match["ref"]:
                self._add_text(match.start(), match.end(), html.unescape(match["ref"]), gap)
                gap = ""
            elif match["tag"]:
                self.tokens.append((match.start(), match.end(), "tag", match))
                name = match["tag"].lstrip("/").lower()
                self._open_or_close(name, match)
                gap = "block" if name in _BLOCK_TAGS or gap == "block" else "inline"
            else:
                self.tokens.append((match.start(), match.end(), "other", None))
                gap = gap or "inline"
            position = match.end()
        if position < len(self.source):
            self._add_text(position, len(self.source), self.source[position:], gap)

    def _add_text(self, start, end, decoded, gap):
        hidden = bool(self.open) and self.open[-1][1]
        self.texts.append((len(self.tokens), gap, hidden))
        self.tokens.append((start, end, "text", decoded))

    def _open_or_close(self, name, match):
        """Follow the open elements, and whether they are hidden."""
        if match["tag"].startswith("/"):
            for depth in range(len(self.open) - 1, -1, -1):
                if self.open[depth][0] == name:
                    del self.open[depth:]
                    break
            return
        if name in _VOID_TAGS or match["attrs"].rstrip().endswith("/"):
            return
        parent = self.open[-1] if self.open else (name, False, False, {})
        hard, soft = _hiding(match["attrs"], parent[3])
        hard = hard or parent[2]
        self.open.append((name, hard or any(soft.values()), hard, soft))

    @property
    def has_hidden(self):
        """Whether some text of the source is hidden."""
        return any(hidden for _index, _gap, hidden in self.texts)

    def reading(self, apart=(), shown=False):
        """Return the text as read and where it comes from.

        A line break stands where ``apart`` holds what lies between two texts
        (``"block"``, ``"inline"``); white space is shown as one space; an
        invisible character between two digits, or next to an ``@``, is left
        out (as tags are); so is the text of hidden elements when ``shown``.

        :return: ``(text, starts, sources)``: the text, where each of its
            parts starts in it, and the ``(token index, offset)`` each part is
            read from (``None`` for a line break added)
        """
        parts = []
        starts = []
        sources = []
        size = 0
        # invisible characters held until what follows them is known
        held = None
        for index, gap, hidden in self.texts:
            if hidden and shown:
                continue
            if gap in apart and parts and parts[-1] != _BLOCK:
                held = None
                starts.append(size)
                sources.append(None)
                parts.append(_BLOCK)
                size += 1
            for chunk in _READ_CHUNK.finditer(self.tokens[index][3]):
                text = chunk.group()
                if chunk.lastgroup == "invisible":
                    held = (text, (index, chunk.start()))
                    continue
                if held is not None:
                    last = parts[-1][-1] if parts else ""
                    glued = last.isdecimal() and text[0].isdecimal()
                    if not glued and "@" not in (last, text[0]):
                        starts.append(size)
                        sources.append(held[1])
                        parts.append(held[0])
                        size += len(held[0])
                    held = None
                if chunk.lastgroup == "space":
                    if not parts or parts[-1][-1] in (" ", _BLOCK):
                        continue
                    text = " "
                starts.append(size)
                sources.append((index, chunk.start()))
                parts.append(text)
                size += len(text)
        return "".join(parts), starts, sources

    def text(self, apart=(), shown=False):
        """Return the text as read (:meth:`reading`)."""
        return self.reading(apart, shown)[0]

    def values(self):
        """Return the values found in the text as shown, with every tag
        ending a value, in the attribute values and the comments, then all
        glued, with and without the hidden text: there, only the values
        holding none of the others (a line before an address is no part of
        it)."""
        known = {}
        found = _plain_values(self.text(("block",)), known)
        found += _plain_values(self.text(("block", "inline")), known)
        for fragment in self._fragments():
            found += _plain_values(fragment, known)
        for shown in (False, True) if self.has_hidden else (False,):
            found += [
                value
                for value in _plain_values(self.text(shown=shown), known)
                if not any(other in value for other in found)
            ]
        return found

    def _fragments(self):
        """Yield the decoded attribute values and the comments of the source."""
        for start, end, kind, match in self.tokens:
            if kind == "tag":
                for attribute in _ATTRIBUTE_VALUE.finditer(match["attrs"]):
                    yield html.unescape(_attribute_value(attribute)[1])
            elif kind == "other":
                yield self.source[start:end]

    def masked(self, hidden):
        """Return the source, as ``Markup``, with the ``hidden`` values
        (longest first) masked."""
        edits = self._edits(hidden)
        output = []
        for index, (start, end, kind, data) in enumerate(self.tokens):
            raw = self.source[start:end]
            if kind == "text" and (index in edits or "%" in data):
                chars = list(data)
                for offset, replacement in edits.get(index, {}).items():
                    chars[offset] = replacement
                text = _mask_encoded("".join(chars), hidden)
                output.append(str(escape(text)) if text != data else raw)
            elif kind == "tag":
                output.append(self._masked_tag(raw, start, data, hidden))
            elif kind == "other":
                output.append(_mask_plain(raw, hidden))
            else:
                output.append(raw)
        return Markup("".join(output))

    def _edits(self, hidden):
        """Return ``{token index: {offset: replacement}}``: where the values
        ``hidden`` sit in the text all glued (with and without the hidden
        text), each masked in its first character."""
        readings = [self.reading()]
        if self.has_hidden:
            readings.append(self.reading(shown=True))
        taken = set()
        edits = {}
        for value in hidden:
            mask = mask_quoted(value)
            for text, starts, sources in readings:
                start = text.find(value)
                while start >= 0:
                    chars = []
                    for position in range(start, start + len(value)):
                        part = bisect_right(starts, position) - 1
                        index, offset = sources[part]
                        chars.append((index, offset + position - starts[part]))
                    if taken.isdisjoint(chars):
                        taken.update(chars)
                        for number, (index, offset) in enumerate(chars):
                            edits.setdefault(index, {})[offset] = "" if number else mask
                    start = text.find(value, start + len(value))
        return edits

    def _masked_tag(self, raw, start, match, hidden):
        attrs_start = match.start("attrs") - start
        parts = [raw[:attrs_start]]
        position = attrs_start
        for attribute in _ATTRIBUTE_VALUE.finditer(match["attrs"]):
            group, value = _attribute_value(attribute)
            masked = _mask_plain(html.unescape(value), hidden)
            if masked != html.unescape(value):
                value_start = attrs_start + attribute.start(group)
                parts.append(raw[position:value_start])
                parts.append(str(escape(masked)))
                position = value_start + len(value)
        parts.append(raw[position:])
        return "".join(parts)


def _attribute_value(attribute):
    """Return the group and the value (as written) of an attribute match."""
    group = next(group for group in _VALUE_GROUPS if attribute[group] is not None)
    return group, attribute[group]


def _hiding(attrs, inherited):
    """Return how the attributes of a tag hide its element.

    :param str attrs: the attributes, as written
    :param dict inherited: ``{property: whether it hides}`` of the parent
        element, for the properties a child may declare otherwise
    :return: ``(hidden whatever the children declare, {property: whether it
        hides}`` for the others)
    """
    declared = {}
    hard = bool(_HIDDEN_ATTRIBUTE.search(attrs))
    for attribute in _ATTRIBUTE_VALUE.finditer(attrs):
        name = attribute["name"].lower()
        value = html.unescape(_attribute_value(attribute)[1])
        if name == "color":
            # <font color="...">: a style declared too wins
            declared.setdefault("color", value.strip())
        elif name == "style":
            declared.update((match[1].lower(), match[2]) for match in _DECLARATION.finditer(value))
    hard = hard or any(
        pattern.match(declared[prop])
        for prop, pattern in _HIDING_VALUES.items()
        if prop in declared
    )
    soft = dict(inherited)
    for prop, (hides, inherits) in _SOFT_HIDING.items():
        if prop in declared and not inherits.match(declared[prop]):
            soft[prop] = bool(hides.match(declared[prop]))
    return hard, soft
