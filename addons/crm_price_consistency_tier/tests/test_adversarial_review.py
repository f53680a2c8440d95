from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_price_consistency.tests.common import PriceCommon


@tagged("post_install", "-at_install", "crm_price_consistency_tier")
class TestAdversarialReview(PriceCommon):
    """Price reviews are decided by their methods only: every way around them, as the wrong user.

    Each row of ``ATTACKS`` is ``(name, user, attempt)``: the attempt must
    raise ``AccessError`` and leave the reviews and the order's verdict
    exactly as they were.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an order whose price waits for review
        cls.reviewed = cls._order(discount=20.0)
        cls.reviewed.with_user(cls.sales_agent).request_validation()
        cls.review = cls.reviewed.review_ids
        cls.other_definition = cls.env["tier.definition"].create(
            {
                "name": "Large orders",
                "model_id": cls.env.ref("sale.model_sale_order").id,
                "review_type": "individual",
                "reviewer_id": cls.sales_agent.id,
                "definition_domain": "[('amount_total', '>', 1000000)]",
            }
        )
        cls.other_review = cls.env["tier.review"].create(
            {
                "model": "sale.order",
                "res_id": cls.reviewed.id,
                "definition_id": cls.other_definition.id,
            }
        )

    # (name, user attribute, attempt(test, user))
    ATTACKS = (
        (
            "salesperson clears the verdict of an order under review",
            "sales_agent",
            lambda t, u: t.reviewed.with_user(u).write({"crm_price_needs_approval": False}),
        ),
        (
            "Pricing Manager approves a price review without the approval method",
            "pricing_manager",
            lambda t, u: t.review.with_user(u).write(
                {"status": "approved", "done_by": u.id, "reviewed_date": fields.Datetime.now()}
            ),
        ),
        (
            "Pricing Manager creates an approved price review",
            "pricing_manager",
            lambda t, u: (
                t.env["tier.review"]
                .with_user(u)
                .create(
                    {
                        "model": "sale.order",
                        "res_id": t.reviewed.id,
                        "definition_id": t.review.definition_id.id,
                        "status": "approved",
                    }
                )
            ),
        ),
        (
            "salesperson turns their own review into the price review",
            "sales_agent",
            lambda t, u: t.other_review.with_user(u).write(
                {"definition_id": t.review.definition_id.id, "status": "approved"}
            ),
        ),
        (
            "salesperson approves the price review",
            "sales_agent",
            lambda t, u: t.review.with_user(u).write({"status": "approved"}),
        ),
    )

    def snapshot(self):
        reviews = (
            self.env["tier.review"]
            .search([], order="id")
            .read(["status", "definition_id", "done_by"])
        )
        return reviews, self.reviewed.read(["crm_price_needs_approval"])

    def test_attacks_are_refused_and_write_nothing(self):
        for name, login, attempt in self.ATTACKS:
            with self.subTest(attack=name):
                before = self.snapshot()
                with self.assertRaises(AccessError):
                    attempt(self, getattr(self, login))
                self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.review.status, "pending")

    def test_a_forged_service_flag_does_not_skip_the_review(self):
        # the flag the service writes under is no key for users: a new price
        # is logged and asks for the review again
        logs = len(self.Log.search([]))
        self.reviewed.order_line.with_user(self.sales_agent).with_context(
            crm_price_attaching=True, skip_validation_check=True
        ).write({"discount": 30.0})
        self.assertFalse(self.reviewed.review_ids)
        self.assertEqual(self.reviewed.crm_price_approval_state, "needed")
        self.assertEqual(len(self.Log.search([])), logs + 1)

    def test_reviews_are_decided_by_their_methods(self):
        self.review.with_user(self.pricing_manager).write({"comment": "بررسی می‌شود"})
        action = self.reviewed.with_user(self.pricing_manager).validate_tier()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.pricing_manager)
            .with_context(**action["context"])
            .create({"comment": "تخفیف مشتری قدیمی"})
        )
        wizard.add_comment()
        self.assertEqual(self.review.status, "approved")
        self.assertEqual(self.review.done_by, self.pricing_manager)
        # the other tier's reviewer still acts on their own review
        self.other_review.with_user(self.sales_agent).write({"comment": "ok"})
        self.assertEqual(self.other_review.comment, "ok")
