import io
import unicodedata

from PyPDF2 import PdfReader

from odoo.tests import HttpCase, freeze_time, tagged

from .common import PriceCommon

REPORT = "crm_price_consistency.crm_price_quote_report"


@tagged("post_install", "-at_install", "crm_price_consistency")
class TestPriceQuoteReport(PriceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2025-05-10 08:00:00"):
            result = cls.Quote.with_user(cls.sales_agent).get_price(
                cls.contact.id, cls.product.id, 3.0, "support", channel="phone"
            )
        cls.quote = cls.Quote.browse(result["quote_id"])

    def _pdf_text(self, quote):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, quote.ids)
        )
        self.assertEqual(kind, "pdf")
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        # Arabic-script glyphs come back as presentation forms, runs split by
        # line breaks and spaces: compare without any whitespace
        return "".join(unicodedata.normalize("NFKC", text).split())

    def _html(self, quote):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(REPORT, quote.ids)
        return html.decode()

    def test_printed_quote_shows_the_price_for_the_customer(self):
        self.customer.write({"lang": "en_US", "tz": "Asia/Tehran"})
        self.contact.write({"lang": "en_US", "tz": "Asia/Tehran"})
        text = self._pdf_text(self.quote)
        for expected in (
            self.quote.name,
            self.customer.cid,
            "100.00",
            "3.00",
            self.quote.uom_id.name,
            self.company.currency_id.name,
            "2025-05-17",
            "".join(self.sales_agent.name.split()),
            "Support",
            "Pricequote",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        self.assertNotIn('dir="rtl"', self._html(self.quote))

    def test_persian_reader_gets_a_right_to_left_quote_with_a_jalali_date(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_price_consistency"], ["fa_IR"])
        self.contact.write({"lang": "fa_IR", "tz": "Asia/Tehran"})
        html = self._html(self.quote)
        self.assertIn('dir="rtl"', html)
        self.assertIn("o_crm_price_quote_rtl", html)
        self.assertIn("قیمت اعلام‌شده", html)
        self.assertIn("۱۴۰۴/۰۲/۲۷", html)
        text = self._pdf_text(self.quote)
        # the PDF's text layer does not give Persian digits back in order: the
        # date is checked in the HTML above, the PDF has no Gregorian date
        self.assertIn(self.quote.name, text)
        self.assertIn(self.customer.cid, text)
        self.assertNotIn("2025-05-17", text)
