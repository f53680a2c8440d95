from odoo.tests import tagged

from odoo.addons.crm_cid.tests.common_document_link import DocumentLinkChecks

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestInteractionDocumentLinks(DocumentLinkChecks, InteractionCommon):
    link_model = "crm.interaction.link"
    holder_field = "interaction_id"

    def _link_holder(self):
        return self.Interaction.create(
            {"channel_id": self.channel_mobile.id, "partner_id": self.customer.id}
        )

    def _link_user(self):
        return self.agent
