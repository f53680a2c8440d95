from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

ROLE_GROUPS = {
    "agent": "crm_access_policy.group_crm_agent",
    "lead": "crm_access_policy.group_crm_team_lead",
    "manager": "crm_access_policy.group_crm_manager",
    "auditor": "crm_access_policy.group_crm_auditor",
    "clerk": "crm_access_policy.group_secretariat_clerk",
    "accountant": "crm_access_policy.group_crm_accountant",
}
EXPORT_GROUP = "crm_access_policy.group_crm_export"
USER_ADMIN_GROUPS = "base.group_user,base.group_erp_manager"


def refused(call):
    """Whether ``call()`` raises an AccessError."""
    try:
        call()
    except AccessError:
        return True
    return False


def new_user_admin(env, login, *groups):
    """A user administrator who holds none of the roles, with ``groups`` besides."""
    return new_test_user(env, login=login, groups=",".join((USER_ADMIN_GROUPS, *groups)))


def new_exporter(env, login, role="agent", *groups):
    """A user of ``role`` (see :data:`ROLE_GROUPS`) who may export customers,
    with ``groups`` besides."""
    return new_test_user(
        env, login=login, groups=",".join((ROLE_GROUPS[role], EXPORT_GROUP, *groups))
    )


class AccessPolicyCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.users = {
            role: new_test_user(cls.env, login=f"ap_{role}", groups=group, lang="en_US")
            for role, group in ROLE_GROUPS.items()
        }
        cls.agent = cls.users["agent"]
        cls.agent2 = new_test_user(
            cls.env, login="ap_agent2", groups=ROLE_GROUPS["agent"], lang="en_US"
        )
        cls.lead = cls.users["lead"]
        cls.manager = cls.users["manager"]
        Team = cls.env["crm.team"]
        cls.team_north = Team.create({"name": "North", "user_id": cls.lead.id})
        cls.team_south = Team.create({"name": "South"})
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.team_north.id, "user_id": cls.agent.id},
                {"crm_team_id": cls.team_south.id, "user_id": cls.agent2.id},
            ]
        )
        Partner = cls.env["res.partner"]
        cls.north = Partner.create(
            {"name": "North customer", "is_company": True, "portfolio_team_id": cls.team_north.id}
        )
        cls.south = Partner.create(
            {"name": "South customer", "is_company": True, "portfolio_team_id": cls.team_south.id}
        )
        cls.own = Partner.create({"name": "Own customer", "user_id": cls.agent.id})
        cls.free = Partner.create({"name": "Customer of nobody"})
        channel = cls.env.ref("crm_interaction.crm_interaction_channel_phone")
        Interaction = cls.env["crm.interaction"]
        cls.interactions = {
            name: Interaction.create(
                {
                    "channel_id": channel.id,
                    "subject": f"call of {name}",
                    "body": "<p>what was said</p>",
                    "partner_id": partner.id if partner else False,
                }
            )
            for name, partner in (
                ("north", cls.north),
                ("south", cls.south),
                ("own", cls.own),
                ("free", cls.free),
                ("unknown", None),
            )
        }

    def set_param(self, name, value):
        self.env["ir.config_parameter"].set_param(f"crm_access_policy.{name}", value)
