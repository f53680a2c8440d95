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


@tagged("post_install", "-at_install", "crm_interaction_helpdesk")
class TestTicketCid(TransactionCase):
    def test_ticket_carries_the_cid_of_its_contact_or_of_its_email(self):
        customer = self.env["res.partner"].create(
            {"name": "حسین رضایی", "email": "hossein@example.com"}
        )
        team_values = {"name": "پشتیبانی", "description": "تیکت"}
        by_contact, by_email, unknown = self.env["helpdesk.ticket"].create(
            [
                dict(team_values, partner_id=customer.id),
                dict(team_values, partner_email="Hossein@Example.com"),
                dict(team_values, partner_email="stranger@example.com"),
            ]
        )
        self.assertEqual(by_contact.cid, customer.cid)
        self.assertEqual(by_email.cid, customer.cid)
        self.assertFalse(unknown.cid)
        self.assertEqual(
            self.env["helpdesk.ticket"].search([("cid", "=", customer.cid)]), by_contact | by_email
        )
