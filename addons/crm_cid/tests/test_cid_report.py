from markupsafe import Markup

from odoo.tests import tagged

from .common import CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidOnPrintedDocuments(CidCommon):
    def _render_address_block(self, document):
        return str(
            self.env["ir.qweb"]._render(
                "web.address_layout",
                {
                    "o": document,
                    "address": Markup("<address>recipient</address>"),
                    "report_type": "pdf",
                    "custom_layout_address": False,
                    "information_block": False,
                },
            )
        )

    def test_document_addressed_to_a_contact_prints_the_company_cid(self):
        # any document with a partner_id prints its CID; a key record is one
        document = self.Key.sudo().search(
            [("partner_id", "=", self.contact.id), ("type_code", "=", "mobile")]
        )
        html = self._render_address_block(document)
        self.assertIn("CID:", html)
        self.assertIn(self.company.cid, html)
        self.assertEqual(self.contact.cid, self.company.cid)

    def test_document_without_customer_prints_no_cid(self):
        html = self._render_address_block(self.type_mobile)
        self.assertIn("recipient", html)
        self.assertNotIn("CID:", html)
