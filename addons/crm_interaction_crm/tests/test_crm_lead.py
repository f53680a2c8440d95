from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_interaction.tests.common_document import DocumentInteractionChecks


@tagged("post_install", "-at_install", "crm_interaction_crm")
class TestInteractions(DocumentInteractionChecks, TransactionCase):
    document_model = "crm.lead"
    short_name = "crm"
    document_groups = "sales_team.group_sale_salesman_all_leads"

    @classmethod
    def _create_document(cls, customer):
        return cls.env["crm.lead"].create(
            {"name": "Blue model offer", "partner_id": customer.id, "type": "opportunity"}
        )
