from odoo.tests import tagged

from odoo.addons.secretariat.tests.common_document import DocumentLettersCase


@tagged("post_install", "-at_install", "secretariat_sale")
class TestSaleOrderLetters(DocumentLettersCase):
    document_model = "sale.order"
    document_groups = "sales_team.group_sale_salesman_all_leads"

    @classmethod
    def _create_document(cls, partner):
        return cls.env["sale.order"].create({"partner_id": partner.id})
