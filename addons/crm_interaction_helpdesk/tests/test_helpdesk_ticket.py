from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_interaction.tests.common_document import DocumentInteractionChecks


@tagged("post_install", "-at_install", "crm_interaction_helpdesk")
class TestInteractions(DocumentInteractionChecks, TransactionCase):
    document_model = "helpdesk.ticket"
    short_name = "helpdesk"
    document_groups = "helpdesk_mgmt.group_helpdesk_user"

    @classmethod
    def _create_document(cls, customer):
        return cls.env["helpdesk.ticket"].create(
            {"name": "Broken blue model", "description": "It is broken", "partner_id": customer.id}
        )
