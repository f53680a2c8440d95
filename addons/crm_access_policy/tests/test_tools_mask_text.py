from unittest.mock import patch

from markupsafe import Markup

from odoo.tests import BaseCase, tagged

from ..tools import mask_text
from ..tools.mask import may_be_identity_value
from ..tools.mask_text import (
    mask_quoted_values,
    quoted_pairs,
    quoted_values,
    unmask_quoted_values,
)

# Bodies quoting values split by markup, as a reader sees them: the values
# found (and, in the masking rows, the values chosen and the body masked).
SPLIT_VALUES = [
    # split by inline tags, nested or not
    ("<p>0912<b>345</b>6789</p>", ["09123456789"]),
    ("<p>0912 345<span>6789</span></p>", ["0912 3456789"]),
    ("<p><b>0912<i>34</i></b><u>5</u>6789</p>", ["09123456789"]),
    ("<p>ali<i>@</i>example.com</p>", ["ali@example.com"]),
    ("<p>South.<b>Buyer</b>@example.<i>com</i></p>", ["South.Buyer@example.com"]),
    # by entities, character references included
    ("<p>0912&nbsp;345&nbsp;6789</p>", ["0912\u00a0345\u00a06789"]),
    ("<p>&#48;9171112233 and &#x30;9121234567</p>", ["09171112233", "09121234567"]),
    (
        "<p>ali&#64;example.com, reza&commat;example.com</p>",
        ["ali@example.com", "reza@example.com"],
    ),
    # by comments
    ("<p>0912<!-- x -->345<!---->6789</p>", ["09123456789"]),
    # Persian and Arabic digits
    ("<p>۰۹۱۲<b>۳۴۵</b>۶۷۸۹</p>", ["۰۹۱۲۳۴۵۶۷۸۹"]),
    ("<p>٠٩١٧&nbsp;<b>١١١</b>-٢٢٣٣</p>", ["٠٩١٧\u00a0١١١-٢٢٣٣"]),
    # by characters a browser does not show, between digits or next to an @
    ("<p>0912&#8203;345\u200c6789</p>", ["09123456789"]),
    ("<p>0912\u200e345\u00ad6789, ali\u200b@example.com</p>", ["ali@example.com", "09123456789"]),
    # a zero-width non-joiner after a Persian word is no part of the number
    ("<p>شماره\u200c09171112233</p>", ["09171112233"]),
    # by hidden characters, even letters; shown ones split the number
    ("<p>0912<span style='display: none'>99</span>3456789</p>", ["09123456789"]),
    (
        "<p>0912<span hidden>x</span>345<font style='font-size:0px'>y<br>z</font>6789</p>",
        ["09123456789"],
    ),
    ("<p>0912<span style='color: red'>99</span>3456789</p>", []),
    # by text a reader does not see: white or transparent, invisible, of no
    # size or no opacity
    ("<p>0912<span style='color:white'>99</span>3456789</p>", ["09123456789"]),
    ("<p>0912<span style='color: #FFF; font-weight: bold'>99</span>3456789</p>", ["09123456789"]),
    ("<p>0912<span style='color:#ffffff !important'>99</span>3456789</p>", ["09123456789"]),
    ("<p>0912<font color='white'>99</font>3456789</p>", ["09123456789"]),
    ("<p>0912<span style='color:transparent'>99</span>3456789</p>", ["09123456789"]),
    ("<p>0912<span style='color: rgba(0, 0, 0, 0)'>99</span>3456789</p>", ["09123456789"]),
    ("<p>0912<span style='opacity:0'>99</span>3456789</p>", ["09123456789"]),
    ("<p>0912<span style='opacity: 0.0'>99</span>3456789</p>", ["09123456789"]),
    ("<p>0912<span style='font-size:0'>99</span>3456789</p>", ["09123456789"]),
    ("<p>0912<span style='visibility:hidden'>99</span>3456789</p>", ["09123456789"]),
    # ... a child of such text shown again is read; a child of text of no
    # opacity, or of a size relative to none, is not shown
    (
        "<p>0912<span style='color:white'>99<b style='color:red'>345</b></span>6789</p>",
        ["09123456789"],
    ),
    ("<p>0912<span style='color:white'>9<b style='color:red'>9</b></span>3456789</p>", []),
    (
        "<p>0912<span style='opacity:0'>9<b style='opacity:1'>9</b></span>3456789</p>",
        ["09123456789"],
    ),
    (
        "<p>0912<span style='font-size:0'>9<b style='font-size:2em'>9</b></span>3456789</p>",
        ["09123456789"],
    ),
    (
        "<p>0912<span style='visibility:hidden'>9<b style='visibility:visible'>9</b></span>"
        "3456789</p>",
        [],
    ),
    # colours and sizes that show the text split the number
    ("<p>0912<span style='background-color:white'>99</span>3456789</p>", []),
    ("<p>0912<span style='color:#fafafa'>99</span>3456789</p>", []),
    ("<p>0912<span style='font-size:medium'>99</span>3456789</p>", []),
    ("<p>0912<span style='opacity:0.5'>99</span>3456789</p>", []),
    # percent-encoded in a link, or in the text
    ('<a href="mailto:ali%40example.com">write</a>', ["ali@example.com"]),
    ("<a href='tel:%2B989171112233'>call</a>", ["+989171112233"]),
    ("<a href='tel:%30%39%31%37%31%31%31%32%32%33%33'>call</a>", ["09171112233"]),
    ("<a href='https://wa.me/989171112233?text=hello%20there'>x</a>", ["989171112233"]),
    ("<a href='https://wa.me/?text=call%200917%20111%202233%20now'>x</a>", ["0917 111 2233"]),
    ("<a href='https://t.me/share?text=ali%2540example.com'>x</a>", ["ali@example.com"]),
    ("<p>write to mailto:ali%40example.com</p>", ["ali@example.com"]),
    ("<a href='https://example.com/?q=50%25%20off'>50% off</a>", []),
    # digits apart by dots, dashes, spaces around a dash
    ("<p>0917.111.2233</p>", ["0917.111.2233"]),
    ("<p>۰۹۱۷ - ۱۱۱ - ۲۲۳۳</p>", ["۰۹۱۷ - ۱۱۱ - ۲۲۳۳"]),
    # a value hidden whole is found too: it is in the source
    ("<p><span style='display:none'>09121234567</span></p>", ["09121234567"]),
    # a line break between two halves reads as one number
    ("<p>0912<br>3456789</p>", ["09123456789"]),
    # white space is read as a browser shows it: one space
    ("<p>0912</p>\n<p>3456789</p>", ["0912 3456789"]),
    ("<p>0912\n345 6789</p>", ["0912 345 6789"]),
    # blocks do not glue two values into one, nor a word to an address
    ("<p>09121234567</p><p>09131234567</p>", ["09121234567", "09131234567"]),
    ("<ul><li>09121234567</li><li>09131234567</li></ul>", ["09121234567", "09131234567"]),
    ("<tr><td>09121234567</td><td>09131234567</td></tr>", ["09121234567", "09131234567"]),
    ("<div>Reza</div><div>ali@example.com</div>", ["ali@example.com"]),
    # nor do two spans side by side
    ("<span>09121234567</span><span>09131234567</span>", ["09121234567", "09131234567"]),
    # in attributes
    ('<a href="tel:09171112233">call</a>', ["09171112233"]),
    ("<a href='mailto:ali&#64;example.com'>write</a>", ["ali@example.com"]),
    ('<img alt="0917 111 2233" src="/web/image/42">', ["0917 111 2233"]),
    # no value
    ("<p>call back <b>tomorrow</b>, order S00012</p>", []),
    ("<p>12 500 000 rial on 1405/09/14</p>", []),
    ("<p>0912</p><p>order 345</p>", []),
    ("<p>0917***2233 a***@example.com</p>", []),
    ("<p>12.500.000 rial, 192.168.100.200, version 19.0.1.2.0</p>", []),
]
SPLIT_MASKS = [
    ("<p>0912<b>345</b>6789</p>", ["09123456789"], "<p>0912***6789<b></b></p>"),
    (
        "<p><b>0912<i>34</i></b><u>5</u>6789</p>",
        ["09123456789"],
        "<p><b>0912***6789<i></i></b><u></u></p>",
    ),
    ("<p>ali<i>@</i>example.com</p>", ["ali@example.com"], "<p>a***@example.com<i></i></p>"),
    ("<p>0912&nbsp;345&nbsp;6789</p>", ["0912\u00a0345\u00a06789"], "<p>0912***6789</p>"),
    ("<p>&#48;9171112233</p>", ["09171112233"], "<p>0917***2233</p>"),
    ("<p>0912<!-- x -->345<!---->6789</p>", ["09123456789"], "<p>0912***6789<!-- x --><!----></p>"),
    ("<p>0912<br>3456789</p>", ["09123456789"], "<p>0912***6789<br></p>"),
    (
        "<p>0912<span hidden>x</span>345<font style='font-size:0'>y</font>6789</p>",
        ["09123456789"],
        "<p>0912***6789<span hidden>x</span><font style='font-size:0'>y</font></p>",
    ),
    ("<p>0912&#8203;345\u200c6789</p>", ["09123456789"], "<p>0912***6789&#8203;\u200c</p>"),
    ("<p>0912\n345 6789</p>", ["0912 345 6789"], "<p>0912***6789</p>"),
    ("<p>۰۹۱۲<b>۳۴۵</b>۶۷۸۹</p>", ["۰۹۱۲۳۴۵۶۷۸۹"], "<p>0912***6789<b></b></p>"),
    (
        "<p>09121234567</p><p>09131234567</p>",
        ["09121234567", "09131234567"],
        "<p>0912***4567</p><p>0913***4567</p>",
    ),
    # attributes: only their values change, escaped
    (
        '<p><a href="tel:09171112233" class="o_link">09171112233</a></p>',
        ["09171112233"],
        '<p><a href="tel:0917***2233" class="o_link">0917***2233</a></p>',
    ),
    (
        "<a href='mailto:ali&#64;example.com?subject=a&amp;b'>ali&#64;example.com</a>",
        ["ali@example.com"],
        "<a href='mailto:a***@example.com?subject=a&amp;b'>a***@example.com</a>",
    ),
    (
        '<a title="&quot;09171112233&quot;">x</a>',
        ["09171112233"],
        '<a title="&#34;0917***2233&#34;">x</a>',
    ),
    # a value in a comment
    ("<p>x<!-- 09171112233 --></p>", ["09171112233"], "<p>x<!-- 0917***2233 --></p>"),
    # only the values chosen
    (
        "<p>0912<b>123</b>4567 or 0913<b>123</b>4567</p>",
        ["09121234567"],
        "<p>0912***4567<b></b> or 0913<b>123</b>4567</p>",
    ),
    # text that looks unsafe stays escaped, the text written anew included
    (
        "<p>&lt;script&gt;0917<b>111</b>2233&lt;/script&gt;</p>",
        ["09171112233"],
        "<p>&lt;script&gt;0917***2233<b></b>&lt;/script&gt;</p>",
    ),
    ("<p>x > 09171112233 & y</p>", ["09171112233"], "<p>x &gt; 0917***2233 &amp; y</p>"),
    # hidden by style: the decoys stay, hidden
    (
        "<p>0912<span style='color:white'>99</span>3456789</p>",
        ["09123456789"],
        "<p>0912***6789<span style='color:white'>99</span></p>",
    ),
    # percent-encoded: the run holding the value is written anew, encoded
    (
        '<a href="mailto:ali%40example.com?subject=a%20b">write</a>',
        ["ali@example.com"],
        '<a href="mailto:a***@example.com?subject=a%20b">write</a>',
    ),
    (
        "<a href='https://wa.me/?text=call%200917%20111%202233'>x</a>",
        ["0917 111 2233"],
        "<a href='https://wa.me/?text=call%200917***2233'>x</a>",
    ),
    (
        "<p>mailto:ali%40example.com, 50% off</p>",
        ["ali@example.com"],
        "<p>mailto:a***@example.com, 50% off</p>",
    ),
    # values chosen but not quoted: the body as it was
    ("<p>call back <b>tomorrow</b> &amp; later</p>", ["09171112233"], None),
]


@tagged("crm_access_policy")
class TestToolsMaskText(BaseCase):
    def test_quoted_values(self):
        rows = [
            ("", []),
            ("no number here", []),
            ("mobile 09171112233.", ["09171112233"]),
            ("mobile ۰۹۱۷ ۱۱۱ ۲۲۳۳", ["۰۹۱۷ ۱۱۱ ۲۲۳۳"]),
            ("mobile ٠٩١٧-١١١-٢٢٣٣", ["٠٩١٧-١١١-٢٢٣٣"]),
            ("+98 917 111 2233 at home", ["+98 917 111 2233"]),
            ("tel 021-8877-6655", ["021-8877-6655"]),
            ("id 0012345679", ["0012345679"]),
            # a number of ten digits that is no valid national ID nor phone
            ("ref 1234567890", []),
            ("write to South.Buyer@Example.com", ["South.Buyer@Example.com"]),
            ("a@b", []),
            # amounts, dates and references are no identity values
            ("12 500 000 rial on 1405/09/14, order S00012", []),
            # a run that is no number as a whole is read piece by piece
            ("09171112233 2", ["09171112233"]),
            # glued to a word or already masked: not a value
            ("x09171112233", []),
            ("0917***2233", []),
            ("a***@example.com", []),
            ("09171112233 and 09171112233", ["09171112233"]),
            ("<p>ali@example.com, 09171112233</p>", ["ali@example.com", "09171112233"]),
            # digits apart by dots and dashes, in any script
            ("mobile 0917.111.2233", ["0917.111.2233"]),
            ("mobile ۰۹۱۷.۱۱۱.۲۲۳۳", ["۰۹۱۷.۱۱۱.۲۲۳۳"]),
            ("mobile 0917 - 111 - 2233", ["0917 - 111 - 2233"]),
            ("mobile 0917\u2013111\u20132233", ["0917\u2013111\u20132233"]),
            ("mobile ٠٩١٧.١١١.٢٢٣٣.", ["٠٩١٧.١١١.٢٢٣٣"]),
            ("tel ۰۲۱-۸۸۷۷-۶۶۵۵", ["۰۲۱-۸۸۷۷-۶۶۵۵"]),
            ("id ۰۰۱۲۳۴۵۶۷۹", ["۰۰۱۲۳۴۵۶۷۹"]),
            # two numbers side by side
            ("0917 111 2233 0912 123 4567", ["0917 111 2233", "0912 123 4567"]),
            ("09171112233-09121234567", ["09171112233", "09121234567"]),
            ("call 0917 111 2233. 0912 123 4567 is his wife", ["0917 111 2233", "0912 123 4567"]),
            # amounts, addresses and versions with dots are no values
            ("12.500.000 rial from 192.168.100.200, version 19.0.1.2.0", []),
            # percent-encoded in a link
            ("write to mailto:ali%40example.com", ["ali@example.com"]),
            ("tel:%2B989171112233", ["+989171112233"]),
            ("https://wa.me/?text=my%20mobile%3A%2009171112233", ["09171112233"]),
            ("50% off, call 09171112233", ["09171112233"]),
            ("100%25 sure", []),
        ]
        for text, expected in rows:
            with self.subTest(text=text):
                self.assertEqual(quoted_values(text), expected)

    def test_quoted_pairs(self):
        rows = [
            ("09171112233", {("mobile", "+989171112233"), ("phone", "+989171112233")}),
            ("۰۹۱۷ ۱۱۱ ۲۲۳۳", {("mobile", "+989171112233"), ("phone", "+989171112233")}),
            ("0012345679", {("national_id", "0012345679")}),
            ("South.Buyer@Example.com", {("email", "south.buyer@example.com")}),
            ("hello", set()),
        ]
        for value, expected in rows:
            with self.subTest(value=value):
                self.assertEqual(set(quoted_pairs(value)), expected)

    def test_mask_quoted_values(self):
        rows = [
            ("call 09171112233", ["09171112233"], "call 0917***2233"),
            ("call ۰۹۱۷ ۱۱۱ ۲۲۳۳", ["۰۹۱۷ ۱۱۱ ۲۲۳۳"], "call 0917***2233"),
            ("id 0012345679", ["0012345679"], "id 001****679"),
            ("mail ali@example.com", ["ali@example.com"], "mail a***@example.com"),
            # only the values chosen
            ("09171112233 or 09121234567", ["09171112233"], "0917***2233 or 09121234567"),
            ("nothing", [], "nothing"),
            ("call 0917.111.2233.", ["0917.111.2233"], "call 0917***2233."),
            (
                "https://wa.me/?text=my%20mobile%3A%2009171112233&x=1",
                ["09171112233"],
                "https://wa.me/?text=my%20mobile%3A%200917***2233&x=1",
            ),
            ("mailto:ali%40example.com", ["ali@example.com"], "mailto:a***@example.com"),
            ("", ["09171112233"], ""),
        ]
        for text, hidden, expected in rows:
            with self.subTest(text=text):
                self.assertEqual(mask_quoted_values(text, hidden), expected)

    def test_unmask_quoted_values(self):
        values = ["09171112233", "south.buyer@example.com", "0012345679"]
        rows = [
            ("call 0917***2233", "call 09171112233"),
            ("s***@example.com, id 001****679.", "south.buyer@example.com, id 0012345679."),
            # as sent back, edited around the masks
            ("Hi! 0917***2233 (mobile)", "Hi! 09171112233 (mobile)"),
            # glued to a word, the value would be read as no value: the mask stays
            ("x0917***2233", "x0917***2233"),
            ("0917***22334", "0917***22334"),
            # ... unless the value is read elsewhere in the text
            ("0917***2233 or x0917***2233", "09171112233 or x09171112233"),
            # masks of other values stay
            ("0912***4567", "0912***4567"),
            ("no mask", "no mask"),
            ("", ""),
        ]
        for text, expected in rows:
            with self.subTest(text=text):
                self.assertEqual(unmask_quoted_values(text, values), expected)
        with patch.object(mask_text, "quoted_values", side_effect=AssertionError("read")):
            self.assertEqual(unmask_quoted_values("no mask", values), "no mask")

    def test_markup_stays_markup(self):
        body = Markup(
            "<p>call <b>09171112233</b> &amp; mail <a href='mailto:ali@example.com'>x</a></p>"
        )
        masked = mask_quoted_values(body, quoted_values(str(body)))
        self.assertIsInstance(masked, Markup)
        self.assertEqual(
            str(masked),
            "<p>call <b>0917***2233</b> &amp; mail <a href='mailto:a***@example.com'>x</a></p>",
        )

    def test_quoted_values_split_by_markup(self):
        for text, expected in SPLIT_VALUES:
            with self.subTest(text=text):
                self.assertEqual(quoted_values(Markup(text)), expected)

    def test_plain_text_is_read_as_written(self):
        # a plain string is no HTML: its tags and entities are text
        rows = [
            ("0912<b>345</b>6789", []),
            ("0912&nbsp;345&nbsp;6789", []),
            ("<p>09171112233</p>", ["09171112233"]),
        ]
        for text, expected in rows:
            with self.subTest(text=text):
                self.assertEqual(quoted_values(text), expected)
        self.assertEqual(
            mask_quoted_values("0912<b>345</b>6789", ["09123456789"]), "0912<b>345</b>6789"
        )

    def test_mask_values_split_by_markup(self):
        for text, hidden, expected in SPLIT_MASKS:
            with self.subTest(text=text):
                masked = mask_quoted_values(Markup(text), hidden)
                self.assertIsInstance(masked, Markup)
                self.assertEqual(str(masked), text if expected is None else expected)

    def test_every_value_found_is_masked(self):
        for text, expected in SPLIT_VALUES:
            with self.subTest(text=text):
                masked = mask_quoted_values(Markup(text), quoted_values(Markup(text)))
                self.assertEqual(quoted_values(masked), [])
                self.assertEqual(masked.count("***") - text.count("***"), len(expected))

    def test_a_body_without_values_is_not_parsed(self):
        body = Markup(
            '<p class="o_1">call back <b>tomorrow</b> at 10:30,</p>'
            "<p>order S00012 of 1405/09/14</p>"
        )
        with patch.object(mask_text, "_HtmlText", side_effect=AssertionError("parsed")):
            self.assertEqual(quoted_values(body), [])
            self.assertIs(mask_quoted_values(body, []), body)
        # digits split by markup still pass the check
        with patch.object(mask_text, "_HtmlText", wraps=mask_text._HtmlText) as parse:
            self.assertEqual(quoted_values(Markup("<p>0912<b>345</b>6789</p>")), ["09123456789"])
        parse.assert_called_once()

    def test_a_text_without_percent_is_not_decoded(self):
        with patch.object(mask_text, "unquote", side_effect=AssertionError("decoded")):
            for text in (
                "call 09171112233 or ali@example.com",
                Markup("<p>0912<b>345</b>6789</p>"),
            ):
                with self.subTest(text=text):
                    values = quoted_values(text)
                    self.assertTrue(values)
                    self.assertNotEqual(mask_quoted_values(text, values), text)
        # a body with a percent sign, or coloured text, and no value is not
        # parsed either
        bodies = (
            Markup("<p>50% off until <b>1405/09/14</b></p>"),
            Markup("<p style='color: #333'>order S00012 of <b>1405/09/14</b></p>"),
        )
        with patch.object(mask_text, "_HtmlText", side_effect=AssertionError("parsed")):
            for body in bodies:
                with self.subTest(body=body):
                    self.assertEqual(quoted_values(body), [])

    def test_a_search_for_a_split_value_is_counted(self):
        for term in ("0912<b>345</b>6789", "ali<i>@</i>example.com", "0912&nbsp;345&nbsp;6789"):
            with self.subTest(term=term):
                self.assertTrue(may_be_identity_value(term))
