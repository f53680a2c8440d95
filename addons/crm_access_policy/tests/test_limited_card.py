from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy")
class TestLimitedCard(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.write({"mobile": "09171112233", "email": "south.buyer@example.com"})
        cls.south_contact = cls.env["res.partner"].create(
            {"name": "South buyer", "parent_id": cls.south.id}
        )
        caution = cls.env["crm.interaction.reason"].create(
            {"name": "Threatens to leave", "code": "ap_leave", "is_caution": True}
        )
        cls.interactions["south"].write({"reason_id": caution.id, "body": "<p>secret words</p>"})

    def card_log(self, user, partner):
        return self.env["crm.access.log"].search(
            [("user_id", "=", user.id), ("partner_id", "=", partner.id), ("kind", "=", "card")]
        )

    def test_card_of_a_customer_outside_the_portfolio(self):
        card = (
            self.env["res.partner"]
            .with_user(self.agent)
            .crm_access_limited_card(self.south_contact.id)
        )
        self.assertEqual(card["partner_id"], self.south.id)
        self.assertEqual((card["name"], card["cid"]), ("South customer", self.south.cid))
        self.assertFalse(card["in_portfolio"])
        keys = {key["type"]: key["value"] for key in card["keys"]}
        self.assertEqual(keys["mobile"], "+98917***2233")
        self.assertEqual(keys["email"], "s***@example.com")
        self.assertNotIn("cid", keys)
        self.assertEqual(card["cautions"][-1]["message"], "1 open: Threatens to leave")
        self.assertEqual(card["grant"], False)
        # no body, no subject, no full key
        for secret in ("secret words", "call of south", "09171112233", "+989171112233"):
            self.assertNotIn(secret, repr(card))
        log = self.card_log(self.agent, self.south)
        self.assertEqual(log.count, 1)

    def test_every_opening_is_logged(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        Partner.crm_access_limited_card(self.south.id)
        Partner.crm_access_limited_card(self.south.id)
        # the second opening reaches the counter with the next batch
        self.env["crm.access.log"]._flush_reads(force=True)
        self.assertEqual(self.card_log(self.agent, self.south).count, 2)

    def test_card_inside_the_portfolio_shows_full_keys(self):
        self.north.mobile = "09111112233"
        card = self.env["res.partner"].with_user(self.agent).crm_access_limited_card(self.north.id)
        self.assertTrue(card["in_portfolio"])
        self.assertIn("+989111112233", [key["value"] for key in card["keys"]])

    def test_card_dialog_from_the_directory(self):
        action = self.south.with_user(self.agent).action_crm_access_limited_card()
        card = self.env["crm.access.card"].with_user(self.agent).browse(action["res_id"])
        self.assertEqual(action["target"], "new")
        self.assertEqual(card.partner_id, self.south)
        self.assertIn("Mobile: +98917***2233", card.keys_text)
        self.assertFalse(card.is_in_portfolio)
        request = card.action_request_access()
        self.assertEqual(request["res_model"], "crm.access.grant")
        self.assertEqual(request["context"], {"default_partner_id": self.south.id})
        # the card is its opener's own
        with self.assertRaises(AccessError):
            card.with_user(self.agent2).action_request_access()
        self.assertEqual(self.card_log(self.agent, self.south).count, 1)

    def test_bad_input_and_portal_users(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        for bad in ("12", None, True, 0, 10**9):
            with self.subTest(bad=bad), self.assertRaises(UserError):
                Partner.crm_access_limited_card(bad)
        portal = self.env["res.users"].create(
            {
                "name": "Portal",
                "login": "ap_portal",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(portal).crm_access_limited_card(self.south.id)
        self.assertFalse(
            self.env["crm.access.log"].search(
                [("kind", "=", "card"), ("user_id", "in", (self.agent | portal).ids)]
            )
        )

    def test_suspended_user_opens_no_card(self):
        self.env["crm.access.alarm"].create(
            {"user_id": self.agent.id, "customer_count": 300, "threshold": 200, "is_blocking": True}
        )
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.agent).crm_access_limited_card(self.south.id)
