from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_access_policy.tests.common import AccessPolicyCommon
from odoo.addons.crm_access_policy.tests.matrix import ROLES, AccessMatrixMixin

# Roles in the order of ROLES (agent, lead, manager, auditor, clerk,
# accountant); each cell: on the request that brought an interaction of the
# agent's portfolio / of another team's (notation in
# crm_access_policy/tests/matrix.py). The requests hold what providers sent,
# for every customer: those who handle every interaction (the manager) read
# them, the auditor too; nobody changes them.
MATRIX = {
    "crm.interaction.webhook.log": ("-", "-", "r", "r", "-", "-"),
    # the provider routes keys are bound to: reference data, changed by
    # administrators only
    "crm.interaction.webhook.provider": ("r", "r", "r", "r", "r", "r"),
}


@tagged("post_install", "-at_install", "crm_access_policy_webhook")
class TestAccessMatrixWebhook(AccessMatrixMixin, AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requests = tuple(
            cls.env["crm.interaction.webhook.log"].create(
                {
                    "provider": cls.env["crm.interaction.webhook.log"]
                    ._fields["provider"]
                    .get_values(cls.env)[0],
                    "outcome": "created",
                    "status_code": 200,
                    "payload": '{"from": "09111230000"}',
                    "external_id": f"wh-{name}",
                    "interaction_id": cls.interactions[name].id,
                }
            )
            for name in ("north", "south")
        )
        cls.records = {
            "crm.interaction.webhook.log": cls.requests,
            "crm.interaction.webhook.provider": tuple(
                cls.env["crm.interaction.webhook.provider"].search([], limit=2)
            ),
        }

    def test_role_model_operation_matrix(self):
        cases = self.assert_access_matrix(MATRIX, self.records)
        self.assertEqual(cases, len(MATRIX) * len(ROLES) * 2 * 4)

    def test_auditor_reads_the_payload_and_changes_nothing(self):
        request = self.requests[1].with_user(self.users["auditor"])
        self.assertEqual(request.read(["payload"])[0]["payload"], '{"from": "09111230000"}')
        with self.assertRaises(AccessError):
            request.unlink()
