from odoo.fields import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "crm_ledger_sale")
class TestSaleApprovalTour(HttpCase):
    def test_manager_approves_and_confirms_in_the_browser(self):
        admin = self.env.ref("base.user_admin")
        admin.group_ids += self.env.ref("sales_team.group_sale_manager")
        self.env.company.ledger_sale_approval = True
        self.env.company.ledger_sale_block_dissatisfied = True
        customer = self.env["res.partner"].create(
            {
                "name": "Tour customer",
                "ledger_is_dissatisfied": True,
                "ledger_dissatisfied_reason": "Late delivery",
            }
        )
        product = self.env["product.product"].create(
            {"name": "Tour service", "type": "service", "list_price": 100.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        self.assertTrue(order.ledger_needs_approval)
        self.start_tour(f"/odoo/sale.order/{order.id}", "crm_ledger_sale_approval", login="admin")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.ledger_approved_by_id, admin)
        self.assertIn("Late delivery", " ".join(order.message_ids.mapped("body")))
