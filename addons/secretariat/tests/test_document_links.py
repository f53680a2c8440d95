from odoo.tests import tagged

from odoo.addons.crm_cid.tests.common_document_link import DocumentLinkChecks

from .common import SecretariatCommon


@tagged("post_install", "-at_install", "secretariat")
class TestLetterDocumentLinks(DocumentLinkChecks, SecretariatCommon):
    link_model = "secretariat.letter.link"
    holder_field = "letter_id"

    def _link_holder(self):
        return self.make_letter()

    def _link_user(self):
        return self.clerk
