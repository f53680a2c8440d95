from odoo.tests import tagged

from odoo.addons.secretariat.tests.common_document import DocumentLettersCase


@tagged("post_install", "-at_install", "secretariat_helpdesk")
class TestHelpdeskTicketLetters(DocumentLettersCase):
    document_model = "helpdesk.ticket"
    document_groups = "helpdesk_mgmt.group_helpdesk_user"

    @classmethod
    def _create_document(cls, partner):
        return cls.env["helpdesk.ticket"].create(
            {"name": "دستگاه خراب است", "description": "<p>خراب</p>", "partner_id": partner.id}
        )
