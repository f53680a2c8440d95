from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccessPolicyCommon

ROLES = ("agent", "lead", "manager", "auditor", "clerk", "accountant")
# What each role may do on a record of the agent's portfolio: r(ead),
# w(rite), c(reate), u(nlink). One line per model, one letter set per role,
# in the order of ROLES.
MATRIX = {
    "crm.interaction": ("rwc", "rwc", "rwc", "r", "", ""),
    "crm.interaction.key": ("rc", "rc", "rc", "r", "", ""),
    "crm.interaction.link": ("rwcu", "rwcu", "rwcu", "r", "", ""),
    "crm.interaction.channel": ("r", "r", "r", "r", "", ""),
    "crm.interaction.reason": ("r", "r", "r", "r", "", ""),
    "crm.interaction.quarantine": ("", "", "r", "r", "", ""),
    "crm.cid.key": ("rwc", "rwc", "rwc", "r", "rwc", "rwc"),
    "crm.cid.key.type": ("r", "r", "r", "r", "r", "r"),
    "crm.access.log": ("", "", "r", "r", "", ""),
    "crm.access.alarm": ("", "", "rw", "r", "", ""),
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAccessMatrix(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        north = cls.interactions["north"]
        cls.north.mobile = "09111230000"
        env = cls.env
        cls.records = {
            "crm.interaction": north,
            "crm.interaction.key": env["crm.interaction.key"].create(
                {"interaction_id": north.id, "type_code": "mobile", "value": "09111230000"}
            ),
            "crm.interaction.link": env["crm.interaction.link"].create(
                {"interaction_id": north.id, "res_model": "res.partner", "res_id": cls.north.id}
            ),
            "crm.interaction.channel": north.channel_id,
            "crm.interaction.reason": env["crm.interaction.reason"].search([], limit=1),
            "crm.interaction.quarantine": env["crm.interaction.quarantine"].create(
                {"payload": "{}", "error": "bad", "channel_code": "sms", "external_id": "q-1"}
            ),
            "crm.cid.key": cls.north.cid_key_ids[:1],
            "crm.cid.key.type": env.ref("crm_cid.key_type_mobile"),
            "crm.access.log": env["crm.access.log"].create(
                {
                    "user_id": cls.agent.id,
                    "partner_id": cls.north.id,
                    "day": "2026-01-01",
                    "kind": "open",
                    "count": 1,
                }
            ),
            "crm.access.alarm": env["crm.access.alarm"].create(
                {"user_id": cls.agent.id, "customer_count": 300, "threshold": 200}
            ),
        }

    def test_role_model_operation_matrix(self):
        cases = 0
        for model, allowed_by_role in MATRIX.items():
            record = self.records[model]
            self.assertTrue(record, model)
            for role, allowed in zip(ROLES, allowed_by_role, strict=True):
                user = self.users[role]
                for letter, operation in OPERATIONS.items():
                    # on the record itself, create included: the model
                    # rights and the record rules of that operation apply
                    target = record.with_user(user)
                    with self.subTest(model=model, role=role, operation=operation):
                        cases += 1
                        if letter in allowed:
                            target.check_access(operation)
                        else:
                            with self.assertRaises(AccessError):
                                target.check_access(operation)
        self.assertEqual(cases, len(MATRIX) * len(ROLES) * len(OPERATIONS))

    def test_sensitive_partner_fields(self):
        self.north.national_id = "0499370899"
        for role, allowed in zip(ROLES, (False, False, True, False, False, False), strict=True):
            partner = self.north.with_user(self.users[role])
            with self.subTest(role=role):
                if allowed:
                    partner.read(["national_id"])
                else:
                    with self.assertRaises(AccessError):
                        partner.read(["national_id"])
                # the name and the CID are for everyone
                self.assertEqual(partner.read(["cid"])[0]["cid"], self.north.cid)
