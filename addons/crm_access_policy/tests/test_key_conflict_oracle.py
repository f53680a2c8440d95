from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy")
class TestKeyConflictOracle(AccessPolicyCommon):
    """A uniqueness error names the other customer only to who sees it in full."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.cid_add_key("telegram", "south_shop")

    def conflict_message(self, user):
        with self.assertRaises(ValidationError) as caught:
            self.north.with_user(user).cid_add_key("telegram", "south_shop")
        return str(caught.exception)

    def test_an_agent_is_not_told_whose_key_it_is(self):
        message = self.conflict_message(self.agent)
        self.assertIn("another customer", message)
        self.assertNotIn(self.south.name, message)
        self.assertNotIn(self.south.cid, message)
        self.assertFalse(self.north.cid_key_ids.filtered(lambda k: k.type_code == "telegram"))

    def test_a_manager_is_told_whose_key_it_is(self):
        message = self.conflict_message(self.manager)
        self.assertIn(self.south.cid, message)
        self.assertIn(self.south.name, message)
