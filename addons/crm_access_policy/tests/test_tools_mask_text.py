from markupsafe import Markup

from odoo.tests import BaseCase, tagged

from ..tools.mask_text import mask_quoted_values, quoted_pairs, quoted_values


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
            ("", ["09171112233"], ""),
        ]
        for text, hidden, expected in rows:
            with self.subTest(text=text):
                self.assertEqual(mask_quoted_values(text, hidden), expected)

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
