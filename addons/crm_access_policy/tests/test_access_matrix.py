from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ROLE_GROUPS, AccessPolicyCommon
from .matrix import ROLES, AccessMatrixMixin

# What each role (in the order of ROLES: agent, lead, manager, auditor,
# clerk, accountant) may do on a record of the agent's portfolio (the North
# team's) / on one of another team's (South). See matrix.py for the notation.
# Logging an interaction (or a document of one) for any customer is open to
# every agent: the "own portfolio" rules do not restrict create.
MATRIX = {
    "crm.interaction": ("rwc/c", "rwc/c", "rwc", "r", "-", "-"),
    "crm.interaction.key": ("rc/c", "rc/c", "rc", "r", "-", "-"),
    "crm.interaction.link": ("rwcu/c", "rwcu/c", "rwcu", "r", "-", "-"),
    "crm.interaction.channel": ("r", "r", "r", "r", "-", "-"),
    "crm.interaction.reason": ("r", "r", "r", "r", "-", "-"),
    "crm.interaction.quarantine": ("-", "-", "r", "r", "-", "-"),
    "crm.interaction.log": ("rwc", "rwc", "rwc", "-", "-", "-"),
    "crm.interaction.link.partner": ("rwc", "rwc", "rwc", "-", "-", "-"),
    # every employee resolves customers by their keys (sensitive key types
    # aside); agents add keys to their portfolio only, checked by cid_add_key
    "crm.cid.key": ("rwc", "rwc", "rwc", "r", "rwc", "rwc"),
    "crm.cid.key.type": ("r", "r", "r", "r", "r", "r"),
    "crm.cid.alias": ("r", "r", "r", "r", "r", "r"),
    "crm.cid.duplicate": ("-", "-", "r", "r", "-", "-"),
    # imports and merges stay with the CID administrators
    "crm.cid.import": ("-", "-", "-", "-", "-", "-"),
    "crm.cid.import.line": ("-", "-", "-", "-", "-", "-"),
    "crm.access.log": ("-", "-", "r", "r", "-", "-"),
    "crm.access.alarm": ("-", "-", "rw", "r", "-", "-"),
    # hashes of the values users searched, counted by the system only
    "crm.access.search.log": ("-", "-", "-", "-", "-", "-"),
    # requests for temporary access: the agent's own / another team's agent's;
    # decisions go through the buttons (tests/test_access_grant.py)
    "crm.access.grant": ("rc/-", "rc/-", "rwc", "r", "-", "-"),
    # a limited card is seen only by whoever opened it (here: the agent)
    "crm.access.card": ("rwc", "-", "-", "-", "-", "-"),
    "crm.access.watch.wizard": ("-", "-", "-", "-", "-", "-"),
}


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAccessMatrix(AccessMatrixMixin, AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        north, south = cls.interactions["north"], cls.interactions["south"]
        cls.north.mobile = "09111230000"
        cls.south.mobile = "09171230000"
        channel = north.channel_id
        reason = env["crm.interaction.reason"].search([], limit=1)
        key_type = env.ref("crm_cid.key_type_mobile")
        quarantine = env["crm.interaction.quarantine"].create(
            {"payload": "{}", "error": "bad", "channel_code": "sms", "external_id": "q-1"}
        )
        cid_import = env["crm.cid.import"].create({"file": b"bmFtZQo=", "filename": "c.csv"})
        alarm = env["crm.access.alarm"].create(
            {"user_id": cls.agent.id, "customer_count": 300, "threshold": 200}
        )
        searched = env["crm.access.search.log"].create(
            {
                "user_id": cls.agent.id,
                "value_key": "0" * 32,
                "day": "2026-01-01",
                "first_at": "2026-01-01 10:00:00",
            }
        )

        leaver = new_test_user(env, login="ap_leaver", groups=ROLE_GROUPS["agent"])
        watch_wizard = env["crm.access.watch.wizard"].create(
            {"user_ids": [Command.set(leaver.ids)], "watch": "on"}
        )

        def per_customer(factory):
            return tuple(
                factory(partner, interaction)
                for partner, interaction in ((cls.north, north), (cls.south, south))
            )

        cls.records = {
            "crm.interaction": (north, south),
            "crm.interaction.key": per_customer(
                lambda partner, interaction: env["crm.interaction.key"].create(
                    {
                        "interaction_id": interaction.id,
                        "type_code": "mobile",
                        "value": partner.mobile,
                    }
                )
            ),
            "crm.interaction.link": per_customer(
                lambda partner, interaction: env["crm.interaction.link"].create(
                    {
                        "interaction_id": interaction.id,
                        "res_model": "res.partner",
                        "res_id": partner.id,
                    }
                )
            ),
            "crm.interaction.channel": (channel, channel),
            "crm.interaction.reason": (reason, reason),
            "crm.interaction.quarantine": (quarantine, quarantine),
            "crm.interaction.log": per_customer(
                lambda partner, interaction: env["crm.interaction.log"].create(
                    {"partner_id": partner.id, "channel_id": channel.id}
                )
            ),
            "crm.interaction.link.partner": per_customer(
                lambda partner, interaction: env["crm.interaction.link.partner"].create(
                    {"interaction_ids": [Command.set(interaction.ids)], "partner_id": partner.id}
                )
            ),
            "crm.cid.key": (cls.north.cid_key_ids[:1], cls.south.cid_key_ids[:1]),
            "crm.cid.key.type": (key_type, key_type),
            "crm.cid.alias": per_customer(
                lambda partner, interaction: env["crm.cid.alias"].create(
                    {"cid": f"OLD-{partner.cid}", "partner_id": partner.id}
                )
            ),
            "crm.cid.duplicate": (
                env["crm.cid.duplicate"].create(
                    {"partner_a_id": cls.north.id, "partner_b_id": cls.own.id, "reason": "name"}
                ),
                env["crm.cid.duplicate"].create(
                    {"partner_a_id": cls.south.id, "partner_b_id": cls.free.id, "reason": "name"}
                ),
            ),
            "crm.cid.import": (cid_import, cid_import),
            "crm.cid.import.line": per_customer(
                lambda partner, interaction: env["crm.cid.import.line"].create(
                    {"import_id": cid_import.id, "row": 1, "partner_id": partner.id}
                )
            ),
            "crm.access.log": per_customer(
                lambda partner, interaction: env["crm.access.log"].create(
                    {
                        "user_id": cls.agent.id,
                        "partner_id": partner.id,
                        "day": "2026-01-01",
                        "kind": "open",
                        "count": 1,
                    }
                )
            ),
            "crm.access.alarm": (alarm, alarm),
            "crm.access.search.log": (searched, searched),
            "crm.access.grant": (
                env["crm.access.grant"]
                .with_user(cls.agent)
                .create({"partner_id": cls.south.id, "reason": "walk-in"}),
                env["crm.access.grant"]
                .with_user(cls.agent2)
                .create({"partner_id": cls.north.id, "reason": "caller"}),
            ),
            "crm.access.watch.wizard": (watch_wizard, watch_wizard),
            "crm.access.card": per_customer(
                lambda partner, interaction: (
                    env["crm.access.card"]
                    .with_user(cls.agent)
                    .create({"partner_id": partner.id})
                    .sudo(False)
                )
            ),
        }

    def test_role_model_operation_matrix(self):
        cases = self.assert_access_matrix(MATRIX, self.records)
        self.assertEqual(cases, len(MATRIX) * len(ROLES) * 2 * 4)

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
