from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy_ledger")
class TestCardCautions(AccessPolicyCommon):
    def test_ledger_flags_come_first_on_the_card(self):
        self.south.write(
            {"ledger_is_dissatisfied": True, "ledger_dissatisfied_reason": "Late delivery"}
        )
        caution = self.env["crm.interaction.reason"].create(
            {"name": "Threatens to leave", "code": "apl_leave", "is_caution": True}
        )
        self.interactions["south"].reason_id = caution
        card = self.env["res.partner"].with_user(self.agent).crm_access_limited_card(self.south.id)
        self.assertEqual(
            [(c["code"], c["message"]) for c in card["cautions"]],
            [
                ("dissatisfied", "Dissatisfied: Late delivery"),
                ("interaction_reason", "1 open: Threatens to leave"),
            ],
        )
