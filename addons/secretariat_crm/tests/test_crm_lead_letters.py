from odoo.tests import tagged

from odoo.addons.secretariat.tests.common_document import DocumentLettersCase


@tagged("post_install", "-at_install", "secretariat_crm")
class TestCrmLeadLetters(DocumentLettersCase):
    document_model = "crm.lead"
    document_groups = "sales_team.group_sale_salesman_all_leads"

    @classmethod
    def _create_document(cls, partner):
        return cls.env["crm.lead"].create(
            {"name": "خرید عمده", "type": "opportunity", "partner_id": partner.id}
        )
