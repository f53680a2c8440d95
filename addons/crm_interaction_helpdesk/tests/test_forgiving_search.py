from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "crm_interaction_helpdesk")
class TestTicketForgivingSearch(TransactionCase):
    def test_ticket_title_typed_with_persian_letters_and_digits_is_found(self):
        Ticket = self.env["helpdesk.ticket"].with_context(tracking_disable=True)
        tickets = Ticket.create(
            [
                {"name": "خرابي كارتخوان 3", "description": "<p>-</p>"},
                {"name": "تمدید قرارداد", "description": "<p>-</p>"},
            ]
        )
        domain = [("id", "in", tickets.ids)]
        self.assertEqual(
            Ticket.search([*domain, ("name", "ilike", "خرابی کارتخوان ۳")]), tickets[0]
        )
        self.assertEqual(Ticket.search([*domain, ("name", "not ilike", "کارتخوان")]), tickets[1])
        found = Ticket.name_search("کارتخوان", domain)
        self.assertEqual([row[0] for row in found], tickets[0].ids)
