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

    def test_count_follows_links_and_clearance(self):
        self._check_count_follows_links_and_clearance()

    def test_action_lists_the_letters_and_links_new_ones(self):
        self._check_action_domain()

    def test_readers_count_only_the_letters_they_may_read(self):
        self._check_readers_count_only_their_letters()
