from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_interaction.tests.common_document import DocumentInteractionChecks


@tagged("post_install", "-at_install", "crm_interaction_sale")
class TestInteractions(DocumentInteractionChecks, TransactionCase):
    document_model = "sale.order"
    short_name = "sale"
    document_groups = "sales_team.group_sale_salesman_all_leads"
    # orders have no mail alias of their own: the e-mail answers the order
    email_opens_document = False

    @classmethod
    def _create_document(cls, customer):
        return cls.env["sale.order"].create({"partner_id": customer.id})
