import io
import unicodedata

from PyPDF2 import PdfReader

from odoo.tests import HttpCase, freeze_time, tagged

from .common import SecretariatCommon


def pdf_text(pdf):
    """The text of a PDF, without the blanks the extraction puts between runs."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    # glyphs of Arabic script come back in their presentation forms
    return "".join(unicodedata.normalize("NFKC", text).split())


class ReportCase(SecretariatCommon, HttpCase):
    """Renders the reports (wkhtmltopdf fetches the assets over HTTP)."""

    def _pdf_text(self, report, letters, data=None):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, letters.ids, data=data)
        )
        self.assertEqual(kind, "pdf")
        return pdf_text(pdf)


@tagged("post_install", "-at_install", "secretariat")
class TestLetterReport(ReportCase):
    def test_printed_letter_shows_number_and_jalali_date(self):
        with freeze_time("2025-05-10 08:00:00"):
            letter = self.make_letter("outgoing", subject="Refund", body="<p>Refund approved</p>")
            letter.action_register()
        self.env["ir.attachment"].create(
            {
                "name": "invoice-copy.pdf",
                "raw": b"%PDF-1.4",
                "res_model": "secretariat.letter",
                "res_id": letter.id,
            }
        )
        text = self._pdf_text("secretariat.secretariat_letter_report", letter)
        self.assertIn("1404/02/20", text)
        self.assertIn("Refundapproved", text)
        self.assertIn("invoice-copy.pdf", text)
        # right-to-left runs may be extracted in visual order
        self.assertTrue("1404/ص/1" in text or "1/ص/1404" in text, text)

    def test_register_report_lists_void_letters(self):
        with freeze_time("2025-05-10 08:00:00"):
            letters = self.make_letter() | self.make_letter(subject="Duplicate")
            letters.action_register()
            letters[1].action_cancel()
        text = self._pdf_text("secretariat.secretariat_letter_register_report", letters)
        self.assertIn("1404/02/20", text)
        self.assertIn("Duplicate", text)
