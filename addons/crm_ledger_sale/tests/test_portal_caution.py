from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.account_payment.tests.common import AccountPaymentCommon
from odoo.addons.base.tests.common import HttpCaseWithUserPortal
from odoo.addons.sale.tests.common import SaleCommon


def _enable_caution(company):
    company.write(
        {
            "ledger_sale_approval": True,
            "ledger_sale_block_dissatisfied": True,
            "ledger_sale_block_overdue": True,
        }
    )


def _dissatisfy(partner, flag=True):
    partner.commercial_partner_id.write(
        {
            "ledger_is_dissatisfied": flag,
            "ledger_dissatisfied_reason": "تأخیر در نصب" if flag else False,
        }
    )


@tagged("post_install", "-at_install", "crm_ledger_sale")
class TestCautionPortalSignature(HttpCaseWithUserPortal):
    def test_flagged_customer_signing_online_waits_for_the_manager(self):
        _enable_caution(self.env.company)
        _dissatisfy(self.partner_portal)
        product = self.env["product.product"].create(
            {"name": "Portal service", "type": "service", "list_price": 100.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_portal.id,
                "require_signature": True,
                "require_payment": False,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_quotation_sent()
        self.assertTrue(order.ledger_needs_approval)
        url = order.get_portal_url()
        self.start_tour(url, "crm_ledger_sale_portal_sign", login="portal")
        self.assertTrue(order.signature, "the signature is kept")
        self.assertEqual(order.state, "sent", "the order waits for the manager")
        self.assertTrue(order.ledger_review_requested)
        self.assertIn(
            "waits for a sales manager's approval", " ".join(order.message_ids.mapped("body"))
        )

    def test_the_review_message_shows_on_the_portal_page(self):
        _enable_caution(self.env.company)
        _dissatisfy(self.partner_portal)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_portal.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.env["product.product"]
                            .create({"name": "Portal item", "list_price": 10.0})
                            .id
                        }
                    )
                ],
            }
        )
        order.action_quotation_sent()
        page = self.url_open(order.get_portal_url())
        self.assertNotIn('name="ledger_review"', page.text)
        # the customer confirms online (as the portal routes do: as superuser)
        order.sudo().action_confirm()
        self.assertEqual(order.state, "sent")
        page = self.url_open(order.get_portal_url())
        self.assertIn('name="ledger_review"', page.text)


@tagged("post_install", "-at_install", "crm_ledger_sale")
class TestCautionOnlinePayment(AccountPaymentCommon, SaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency = cls.sale_order.currency_id
        cls.partner = cls.sale_order.partner_invoice_id
        cls.provider.journal_id.inbound_payment_method_line_ids.filtered(
            lambda line: line.payment_provider_id == cls.provider
        ).payment_account_id = cls.inbound_payment_method_line.payment_account_id
        cls.sale_order.require_payment = True
        _enable_caution(cls.env.company)

    def _pay(self):
        self.amount = self.sale_order.amount_total
        tx = self._create_transaction(
            flow="redirect", sale_order_ids=[self.sale_order.id], state="done"
        )
        tx._post_process()
        return tx

    def test_paying_a_flagged_quotation_keeps_it_waiting_and_the_payment(self):
        self.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", "True")
        _dissatisfy(self.sale_order.partner_id)
        self.assertTrue(self.sale_order.ledger_needs_approval)
        tx = self._pay()
        self.assertEqual(tx.state, "done", "the payment is kept")
        self.assertIn(tx, self.sale_order.transaction_ids)
        self.assertIn(self.sale_order.state, ("draft", "sent"))
        self.assertTrue(self.sale_order.ledger_review_requested)
        self.assertFalse(self.sale_order.invoice_ids, "no invoice before the approval")
        # the manager approves, then confirms
        self.sale_order.action_ledger_approve()
        self.sale_order.action_confirm()
        self.assertEqual(self.sale_order.state, "sale")

    def test_paying_a_clean_quotation_confirms_it(self):
        self._pay()
        self.assertEqual(self.sale_order.state, "sale")
        self.assertFalse(self.sale_order.ledger_review_requested)

    def test_an_approval_covers_the_flags_it_was_given_for(self):
        order = self.sale_order
        _dissatisfy(order.partner_id)
        order.action_ledger_approve()
        self.assertFalse(order.ledger_needs_approval)
        # clearing the flag re-opens nothing
        _dissatisfy(order.partner_id, flag=False)
        self.assertFalse(order.ledger_needs_approval)
        # raising it again needs a new approval, also for the customer paying online
        _dissatisfy(order.partner_id)
        self.assertTrue(order.ledger_needs_approval)
        self._pay()
        self.assertIn(order.state, ("draft", "sent"))
        order.action_ledger_approve()
        self.assertFalse(order.ledger_needs_approval)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_a_web_shop_cart_paid_by_a_flagged_customer_waits(self):
        if "website" not in self.env:
            self.skipTest("the web shop is not installed")
        website = self.env["website"].create({"name": "فروشگاه"})
        self.sale_order.website_id = website
        _dissatisfy(self.sale_order.partner_id)
        tx = self._pay()
        self.assertEqual(tx.state, "done")
        self.assertIn(self.sale_order.state, ("draft", "sent"))
        self.assertTrue(self.sale_order.ledger_review_requested)
