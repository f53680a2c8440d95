from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.crm_price_consistency.tests.common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency_tier")
class TestPriceApproval(PriceCommon):
    def _review(self, order, user, verdict, reason):
        action = getattr(order.with_user(user), f"{verdict}_tier")()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": reason})
        )
        wizard.add_comment()

    def test_out_of_tolerance_discount_blocks_until_manager_approves(self):
        order = self._order(discount=20.0)
        self.assertTrue(order.order_line.crm_price_needs_approval)
        self.assertTrue(order.crm_price_needs_approval)
        self.assertEqual(order.crm_price_approval_state, "needed")
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.request_validation()
        self.assertEqual(order.crm_price_approval_state, "pending")
        with self.assertRaises(AccessError):
            order.with_user(self.support_agent).validate_tier()
        with self.assertRaises(AccessError):
            order.with_user(self.support_agent).reject_tier()
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self._review(order, self.pricing_manager, "validate", "مشتری قدیمی، تخفیف ویژه")
        self.assertEqual(order.crm_price_approval_state, "approved")
        self.assertEqual(order.review_ids.comment, "مشتری قدیمی، تخفیف ویژه")
        self.assertEqual(order.review_ids.done_by, self.pricing_manager)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_rejection_with_reason_keeps_order_blocked(self):
        order = self._order(price_unit=50.0)
        order.request_validation()
        self._review(order, self.pricing_manager, "reject", "زیر قیمت تمام‌شده")
        self.assertEqual(order.crm_price_approval_state, "rejected")
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_price_change_after_approval_asks_again(self):
        order = self._order(discount=20.0)
        order.request_validation()
        self._review(order, self.pricing_manager, "validate", "ok")
        order.order_line.with_context(skip_validation_check=True).write({"discount": 40.0})
        self.assertFalse(order.review_ids)
        self.assertEqual(order.crm_price_approval_state, "needed")
        with self.assertRaises(ValidationError):
            order.action_confirm()

    def test_only_pricing_managers_write_price_reviews(self):
        order = self._order(discount=20.0)
        order.request_validation()
        review = order.review_ids
        self.assertEqual(review.requested_by, self.sales_agent)
        self.assertEqual(review.status, "pending")
        approval = {"status": "approved", "done_by": self.support_agent.id}
        for user in (self.support_agent, self.sales_agent):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                review.with_user(user).write(approval)
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.support_agent).create(
                {
                    "model": "sale.order",
                    "res_id": order.id,
                    "definition_id": review.definition_id.id,
                    "status": "approved",
                }
            )
        self.assertEqual(review.status, "pending")
        self.assertEqual(len(order.review_ids), 1)
        self.assertEqual(order.crm_price_approval_state, "pending")
        with self.assertRaises(ValidationError):
            order.action_confirm()
        review.with_user(self.pricing_manager).write({"comment": "بررسی شد"})
        self.assertEqual(review.comment, "بررسی شد")

    def test_other_reviews_stay_open_to_their_reviewers(self):
        definition = self.env["tier.definition"].create(
            {
                "name": "Large orders",
                "model_id": self.env.ref("sale.model_sale_order").id,
                "review_type": "individual",
                "reviewer_id": self.support_agent.id,
                "definition_domain": "[('amount_total', '>', 1000000)]",
            }
        )
        review = (
            self.env["tier.review"]
            .with_user(self.support_agent)
            .create(
                {
                    "model": "sale.order",
                    "res_id": self._order().id,
                    "definition_id": definition.id,
                }
            )
        )
        review.write({"comment": "ok"})
        self.assertEqual(review.comment, "ok")
