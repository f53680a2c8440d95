from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon

from ..models.crm_access_card import CARD_TICKETS


@tagged("post_install", "-at_install", "crm_access_policy_helpdesk")
class TestCardTickets(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Stage = cls.env["helpdesk.ticket.stage"]
        cls.done = Stage.create({"name": "Done here", "closed": True})
        contact = cls.env["res.partner"].create({"name": "South buyer", "parent_id": cls.south.id})
        Ticket = cls.env["helpdesk.ticket"]
        cls.tickets = Ticket.create(
            [
                {"name": f"Ticket {n}", "description": "<p>private words</p>", "partner_id": pid}
                for n, pid in enumerate([cls.south.id] * (CARD_TICKETS + 1) + [contact.id])
            ]
        )
        cls.tickets[0].stage_id = cls.done
        Ticket.create(
            {"name": "Someone else's", "description": "<p>x</p>", "partner_id": cls.north.id}
        )

    def test_card_lists_open_tickets_of_the_commercial_entity(self):
        card = self.env["res.partner"].with_user(self.agent).crm_access_limited_card(self.south.id)
        # the closed one is left out; the contact's ticket counts for the company
        self.assertEqual(card["open_ticket_count"], CARD_TICKETS + 1)
        self.assertEqual(len(card["open_tickets"]), CARD_TICKETS)
        newest = self.tickets[-1]
        self.assertEqual(
            card["open_tickets"][0],
            {
                "id": newest.id,
                "number": newest.number,
                "name": newest.name,
                "stage": newest.stage_id.name,
            },
        )
        self.assertNotIn("Someone else's", repr(card))
        self.assertNotIn("private words", repr(card))

    def test_card_record_shows_the_tickets_as_text(self):
        card = (
            self.env["crm.access.card"].with_user(self.agent).create({"partner_id": self.south.id})
        )
        self.assertEqual(card.open_ticket_count, CARD_TICKETS + 1)
        self.assertIn(self.tickets[-1].name, card.tickets_text)
