from odoo.tests import new_test_user, tagged

from odoo.addons.crm_access_policy.tests.common import ROLE_GROUPS, AccessPolicyCommon
from odoo.addons.crm_access_policy.tests.matrix import ROLES, AccessMatrixMixin

# Roles in the order of ROLES (agent, lead, manager, auditor, clerk,
# accountant); notation in crm_access_policy/tests/matrix.py. Offboardings
# are the user administrators'; auditors (and so managers) read them and
# their access reports, whichever customer a report line names.
MATRIX = {
    "crm.access.offboarding": ("-", "-", "r", "r", "-", "-"),
    "crm.access.offboarding.line": ("-", "-", "r", "r", "-", "-"),
}


@tagged("post_install", "-at_install", "crm_access_policy_offboarding")
class TestAccessMatrixOffboarding(AccessMatrixMixin, AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        leaver = new_test_user(cls.env, login="ap_leaver", groups=ROLE_GROUPS["agent"])
        offboarding = cls.env["crm.access.offboarding"].create(
            {"user_id": leaver.id, "successor_id": cls.agent.id}
        )
        cls.records = {
            "crm.access.offboarding": (offboarding, offboarding),
            "crm.access.offboarding.line": tuple(
                cls.env["crm.access.offboarding.line"].create(
                    {
                        "offboarding_id": offboarding.id,
                        "partner_id": partner.id,
                        "kind": "open",
                        "count": 1,
                    }
                )
                for partner in (cls.north, cls.south)
            ),
        }

    def test_role_model_operation_matrix(self):
        cases = self.assert_access_matrix(MATRIX, self.records)
        self.assertEqual(cases, len(MATRIX) * len(ROLES) * 2 * 4)
