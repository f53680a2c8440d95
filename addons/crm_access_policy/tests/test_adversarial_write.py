"""Fields and records that confer access, attacked by an agent of another team.

One row per (model, field) of :data:`ACCESS_FIELDS`: the attack is refused
with an AccessError and the database is left as it was. A check fails when a
field that a record rule or the portfolio reads has no entry there, and when
an entry has no row here. The paths that must keep working (Team Leads
within their teams, Managers, the grant workflow, the capture, the merge and
the import) are tested below the table.
"""

from collections import namedtuple
from contextlib import contextmanager, suppress

from odoo.exceptions import AccessError
from odoo.fields import Command, Domain
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..tools.access_fields import ACCESS_FIELDS

PARTNER_MANAGER = "base.group_partner_manager"
AGENT = "crm_access_policy.group_crm_agent"
LEAD = "crm_access_policy.group_crm_team_lead"
MANAGER = "crm_access_policy.group_crm_manager"

# Fields a rule reads that grant nobody access to another portfolio: the
# multi-company rules (a user writes only records of their companies and the
# companies check each other), and the partner's users, written through
# res.users by user administrators only.
NOT_PORTFOLIO_FIELDS = {
    ("res.partner", "company_id"),
    ("res.partner", "partner_share"),
    ("res.partner", "user_ids"),
    ("crm.interaction", "company_id"),
    ("crm.cid.key", "company_id"),
}

Attack = namedtuple("Attack", "model fields name user run state")


class _RollBack(Exception):
    """Raised to roll a row of the table back."""


def _write(record_name, vals):
    def run(case, user):
        case.records[record_name].with_user(user).write(vals(case) if callable(vals) else vals)

    return run


def _state(record_name, fnames):
    def state(case):
        return case.snapshot(case.records[record_name], fnames)

    return state


def _count(model, domain):
    def state(case):
        case.env.flush_all()
        return case.env[model].sudo().with_context(active_test=False).search_count(domain(case))

    return state


def _create(model, vals):
    def run(case, user):
        case.env[model].with_user(user).create(vals(case))

    return run


def _granted_then(run):
    """``run`` once the agent's request for the South customer was granted."""

    def granted_run(case, user):
        case.grant.with_user(case.lead).action_grant()
        run(case, user)

    return granted_run


PARTNER_STATE = ("user_id", "portfolio_team_id", "crm_access_grantee_ids", "parent_id")
PARTNER_STATE += ("is_company", "commercial_partner_id", "active", "mobile", "phone", "email")
PARTNER_STATE += ("crm_access_is_colleague", "cid")
KEY_STATE = ("partner_id", "active", "value", "key_type_id", "commercial_partner_id")
GRANT_STATE = ("user_id", "partner_id", "state", "decided_by_id", "decided_at", "expires_at")

ATTACKS = [
    # res.partner: the portfolio
    Attack(
        "res.partner",
        ("user_id",),
        "agent names themselves salesperson of another team's customer",
        "agent",
        _write("south", lambda c: {"user_id": c.agent.id}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("portfolio_team_id",),
        "agent moves another team's customer to their team",
        "agent",
        _write("south", lambda c: {"portfolio_team_id": c.team_north.id}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("portfolio_team_id",),
        "agent moves their team's customer to another team",
        "agent",
        _write("north", lambda c: {"portfolio_team_id": c.team_south.id}),
        _state("north", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("user_id",),
        "agent hands their customer to an agent of another team",
        "agent",
        _write("own", lambda c: {"user_id": c.agent_south.id}),
        _state("own", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("portfolio_team_id",),
        "Team Lead moves another team's customer into their team",
        "lead",
        _write("south", lambda c: {"portfolio_team_id": c.team_north.id}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("user_id",),
        "Team Lead names an agent of another team salesperson",
        "lead",
        _write("north", lambda c: {"user_id": c.agent_south.id}),
        _state("north", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("portfolio_team_id",),
        "agent creates a customer in another team's portfolio",
        "agent",
        _create("res.partner", lambda c: {"name": "Planted", "portfolio_team_id": c.team_south.id}),
        _count("res.partner", lambda c: [("name", "=", "Planted")]),
    ),
    Attack(
        "res.partner",
        ("user_id",),
        "agent creates a customer of an agent of another team",
        "agent",
        _create("res.partner", lambda c: {"name": "Planted", "user_id": c.agent_south.id}),
        _count("res.partner", lambda c: [("name", "=", "Planted")]),
    ),
    # res.partner: the grantee list (grants only, Managers included)
    Attack(
        "res.partner",
        ("crm_access_grantee_ids",),
        "agent grants themselves temporary access",
        "agent",
        _write("south", lambda c: {"crm_access_grantee_ids": [Command.link(c.agent.id)]}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("crm_access_grantee_ids",),
        "Manager sets grantees without a grant",
        "manager",
        _write("south", lambda c: {"crm_access_grantee_ids": [Command.set(c.agent.ids)]}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("crm_access_grantee_ids",),
        "agent creates a customer with grantees",
        "agent",
        _create(
            "res.partner",
            lambda c: {"name": "Planted", "crm_access_grantee_ids": [Command.set(c.agent.ids)]},
        ),
        _count("res.partner", lambda c: [("name", "=", "Planted")]),
    ),
    # res.partner: a colleague is neither masked nor counted (computed only)
    Attack(
        "res.partner",
        ("crm_access_is_colleague",),
        "agent passes another team's customer off as a colleague",
        "agent",
        _write("south", {"crm_access_is_colleague": True}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("crm_access_is_colleague",),
        "Manager passes a customer off as a colleague",
        "manager",
        _write("north", {"crm_access_is_colleague": True}),
        _state("north", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("crm_access_is_colleague",),
        "agent creates a customer passed off as a colleague",
        "agent",
        _create("res.partner", lambda c: {"name": "Planted", "crm_access_is_colleague": True}),
        _count("res.partner", lambda c: [("name", "=", "Planted")]),
    ),
    # res.partner: the commercial entity and its CID, computed only
    Attack(
        "res.partner",
        ("commercial_partner_id",),
        "agent files another team's customer under a customer of their own",
        "agent",
        _write("south", lambda c: {"commercial_partner_id": c.own.id}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("cid",),
        "agent gives another team's customer the CID of a customer of their own",
        "agent",
        _write("south", lambda c: {"cid": c.own.cid}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("commercial_partner_id", "cid"),
        "agent creates a contact filed under another team's customer",
        "agent",
        _create(
            "res.partner",
            lambda c: {"name": "Planted", "commercial_partner_id": c.south.id, "cid": c.south.cid},
        ),
        _count("res.partner", lambda c: [("name", "=", "Planted")]),
    ),
    # res.partner: the commercial entity
    Attack(
        "res.partner",
        ("parent_id", "is_company"),
        "agent turns another team's customer into a contact of their own",
        "agent",
        _write("south", lambda c: {"is_company": False, "parent_id": c.own.id}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("company_type",),
        "agent does the same through the company type",
        "agent",
        _write("south", lambda c: {"company_type": "person", "parent_id": c.own.id}),
        _state("south", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("parent_id",),
        "agent moves another team's contact under their customer",
        "agent",
        _write("south_contact", lambda c: {"parent_id": c.own.id}),
        _state("south_contact", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("parent_id",),
        "agent holding a temporary grant moves the contact under their customer for good",
        "agent",
        _granted_then(_write("south_contact", lambda c: {"parent_id": c.own.id})),
        _state("south_contact", PARTNER_STATE),
    ),
    Attack(
        "res.partner",
        ("parent_id",),
        "Team Lead moves another team's contact under their team's customer",
        "lead",
        _write("south_contact", lambda c: {"parent_id": c.north.id}),
        _state("south_contact", PARTNER_STATE),
    ),
    # res.partner: fields mirrored by identity keys
    *(
        Attack(
            "res.partner",
            (fname,),
            f"agent writes the {fname} of another team's customer (its key)",
            "agent",
            _write("south", {fname: value}),
            _state("south", PARTNER_STATE),
        )
        for fname, value in (
            ("mobile", "09121110000"),
            ("phone", "02188880000"),
            ("email", "taken@example.com"),
            ("national_id", "0499370899"),
            ("active", False),
        )
    ),
    Attack(
        "res.partner",
        ("mobile", "email"),
        "agent copies another team's contact, with its mobile, under their customer",
        "agent",
        lambda c, user: c.south_contact.with_user(user).copy({"parent_id": c.own.id}),
        _count("res.partner", lambda c: [("mobile", "=", c.south_contact.mobile)]),
    ),
    # crm.cid.key
    Attack(
        "crm.cid.key",
        ("value",),
        "agent copies another customer's key to their own customer",
        "agent",
        lambda c, user: c.south_key.with_user(user).copy({"partner_id": c.own.id}),
        _count("crm.cid.key", lambda c: [("value_normalized", "=", "aw_south")]),
    ),
    Attack(
        "crm.cid.key",
        ("partner_id",),
        "agent moves another customer's key to their own customer",
        "agent",
        _write("south_key", lambda c: {"partner_id": c.own.id}),
        _state("south_key", KEY_STATE),
    ),
    Attack(
        "crm.cid.key",
        ("partner_id",),
        "agent moves their own customer's key to another customer",
        "agent",
        _write("own_key", lambda c: {"partner_id": c.north.id}),
        _state("own_key", KEY_STATE),
    ),
    Attack(
        "crm.cid.key",
        ("partner_id",),
        "Manager moves a key by hand (only the merge and the import do)",
        "manager",
        _write("south_key", lambda c: {"partner_id": c.north.id}),
        _state("south_key", KEY_STATE),
    ),
    Attack(
        "crm.cid.key",
        ("active",),
        "agent archives another customer's key",
        "agent",
        _write("south_key", {"active": False}),
        _state("south_key", KEY_STATE),
    ),
    Attack(
        "crm.cid.key",
        ("value",),
        "agent changes the value of another customer's key",
        "agent",
        _write("south_key", {"value": "@hijacked"}),
        _state("south_key", KEY_STATE),
    ),
    Attack(
        "crm.cid.key",
        ("key_type_id",),
        "agent changes the type of another customer's key",
        "agent",
        _write("south_key", lambda c: {"key_type_id": c.env.ref("crm_cid.key_type_instagram").id}),
        _state("south_key", KEY_STATE),
    ),
    Attack(
        "crm.cid.key",
        ("partner_id",),
        "agent adds a key to another team's customer",
        "agent",
        _create(
            "crm.cid.key",
            lambda c: {
                "partner_id": c.south.id,
                "key_type_id": c.env.ref("crm_cid.key_type_telegram").id,
                "value": "@planted",
            },
        ),
        _count("crm.cid.key", lambda c: [("value_normalized", "=", "planted")]),
    ),
    # crm.interaction
    Attack(
        "crm.interaction",
        ("message_id",),
        "agent creates an interaction pointing at a message they may not read",
        "agent",
        _create(
            "crm.interaction",
            lambda c: {
                "channel_id": c.phone.id,
                "partner_id": c.own.id,
                "subject": "Planted",
                "message_id": c.south_note.id,
            },
        ),
        _count("crm.interaction", lambda c: [("subject", "=", "Planted")]),
    ),
    Attack(
        "crm.interaction",
        ("message_id",),
        "agent points their interaction at a message they may not read",
        "agent",
        _write("own_call", lambda c: {"message_id": c.south_note.id}),
        _state("own_call", ("message_id", "sms_id", "partner_id", "user_id")),
    ),
    Attack(
        "crm.interaction",
        ("sms_id",),
        "agent points their interaction at a text message they may not read",
        "agent",
        _write("own_call", lambda c: {"sms_id": c.south_sms.id}),
        _state("own_call", ("message_id", "sms_id", "partner_id", "user_id")),
    ),
    Attack(
        "crm.interaction",
        ("sms_id",),
        "agent creates an interaction pointing at a text message",
        "agent",
        _create(
            "crm.interaction",
            lambda c: {"channel_id": c.phone.id, "subject": "Planted", "sms_id": c.south_sms.id},
        ),
        _count("crm.interaction", lambda c: [("subject", "=", "Planted")]),
    ),
    Attack(
        "crm.interaction",
        ("partner_id",),
        "agent moves another team's interaction to their customer",
        "agent",
        _write("south_call", lambda c: {"partner_id": c.own.id}),
        _state("south_call", ("message_id", "sms_id", "partner_id", "user_id")),
    ),
    Attack(
        "crm.interaction",
        ("user_id",),
        "agent makes themselves responsible for another team's interaction",
        "agent",
        _write("south_call", lambda c: {"user_id": c.agent.id}),
        _state("south_call", ("message_id", "sms_id", "partner_id", "user_id")),
    ),
    Attack(
        "crm.interaction",
        ("user_id",),
        "agent holding a temporary grant makes themselves responsible for good",
        "agent",
        _granted_then(_write("south_call", lambda c: {"user_id": c.agent.id})),
        _state("south_call", ("message_id", "sms_id", "partner_id", "user_id")),
    ),
    Attack(
        "crm.interaction",
        ("partner_id",),
        "agent holding a temporary grant moves the interaction to their customer",
        "agent",
        _granted_then(_write("south_call", lambda c: {"partner_id": c.own.id})),
        _state("south_call", ("message_id", "sms_id", "partner_id", "user_id")),
    ),
    # interaction links and received keys
    Attack(
        "crm.interaction.link",
        ("interaction_id",),
        "agent links a document to another team's interaction",
        "agent",
        _create(
            "crm.interaction.link",
            lambda c: {
                "interaction_id": c.south_call.id,
                "res_model": "res.partner",
                "res_id": c.own.id,
            },
        ),
        _count("crm.interaction.link", lambda c: [("interaction_id", "=", c.south_call.id)]),
    ),
    Attack(
        "crm.interaction.link",
        ("interaction_id",),
        "agent moves their link to another team's interaction",
        "agent",
        _write("own_link", lambda c: {"interaction_id": c.south_call.id}),
        _state("own_link", ("interaction_id", "res_model", "res_id")),
    ),
    Attack(
        "crm.interaction.key",
        ("interaction_id",),
        "agent adds a received key to another team's interaction",
        "agent",
        _create(
            "crm.interaction.key",
            lambda c: {"interaction_id": c.south_call.id, "type_code": "mobile", "value": "x"},
        ),
        _count("crm.interaction.key", lambda c: [("interaction_id", "=", c.south_call.id)]),
    ),
    Attack(
        "crm.interaction.key",
        ("interaction_id",),
        "interaction manager moves a received key to another interaction",
        "interaction_manager",
        _write("own_received_key", lambda c: {"interaction_id": c.south_call.id}),
        _state("own_received_key", ("interaction_id", "value")),
    ),
    # crm.access.grant: only its buttons decide
    *(
        Attack(
            "crm.access.grant",
            (fname,),
            f"Manager writes the {fname} of a request by hand",
            "manager",
            _write("grant", value),
            _state("grant", GRANT_STATE),
        )
        for fname, value in (
            ("user_id", lambda c: {"user_id": c.manager.id}),
            ("partner_id", lambda c: {"partner_id": c.north.id}),
            ("state", {"state": "granted"}),
            ("decided_by_id", lambda c: {"decided_by_id": c.manager.id}),
            ("decided_at", {"decided_at": "2030-01-01 00:00:00"}),
            ("expires_at", {"expires_at": "2030-01-01 00:00:00"}),
        )
    ),
]


class AdversarialWriteCommon(TransactionCase):
    """Team North (lead, agent, colleague) against team South (lead, agent)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))

        def user(login, *groups):
            return new_test_user(
                cls.env, login=login, groups=",".join(groups), lang="en_US", name=login
            )

        cls.agent = user("aw_agent", AGENT, PARTNER_MANAGER)
        cls.colleague = user("aw_colleague", AGENT, PARTNER_MANAGER)
        cls.agent_south = user("aw_agent_south", AGENT, PARTNER_MANAGER)
        cls.lead = user("aw_lead", LEAD, PARTNER_MANAGER)
        cls.lead_south = user("aw_lead_south", LEAD, PARTNER_MANAGER)
        cls.manager = user("aw_manager", MANAGER, PARTNER_MANAGER)
        cls.interaction_manager = user(
            "aw_interaction_manager", AGENT, "crm_interaction.group_interaction_manager"
        )
        cls.cid_admin = user("aw_cid_admin", AGENT, PARTNER_MANAGER, "crm_cid.group_cid_manager")
        Team = cls.env["crm.team"]
        cls.team_north = Team.create({"name": "AW North", "user_id": cls.lead.id})
        cls.team_south = Team.create({"name": "AW South", "user_id": cls.lead_south.id})
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.team_north.id, "user_id": cls.agent.id},
                {"crm_team_id": cls.team_north.id, "user_id": cls.colleague.id},
                {"crm_team_id": cls.team_south.id, "user_id": cls.agent_south.id},
            ]
        )
        Partner = cls.env["res.partner"]
        cls.north = Partner.create(
            {
                "name": "AW North customer",
                "is_company": True,
                "portfolio_team_id": cls.team_north.id,
            }
        )
        cls.south = Partner.create(
            {
                "name": "AW South customer",
                "is_company": True,
                "portfolio_team_id": cls.team_south.id,
                "mobile": "09121234567",
            }
        )
        cls.south_contact = Partner.create(
            {"name": "AW South contact", "parent_id": cls.south.id, "mobile": "09127654321"}
        )
        cls.own = Partner.create({"name": "AW own customer", "user_id": cls.agent.id})
        cls.free = Partner.create({"name": "AW customer of nobody"})
        Key = cls.env["crm.cid.key"]
        cls.south_key = Key.browse(cls.south.cid_add_key("telegram", "@aw_south"))
        cls.own_key = Key.browse(cls.own.cid_add_key("telegram", "@aw_own"))
        cls.phone = cls.env.ref("crm_interaction.crm_interaction_channel_phone")
        Interaction = cls.env["crm.interaction"]
        cls.south_call, cls.own_call = Interaction.create(
            [
                {"channel_id": cls.phone.id, "partner_id": cls.south.id, "subject": "AW south"},
                {"channel_id": cls.phone.id, "partner_id": cls.own.id, "subject": "AW own"},
            ]
        )
        cls.south_note = cls.south_call.message_post(
            body="what the South customer confided", subtype_xmlid="mail.mt_note"
        )
        cls.own_note = cls.own_call.message_post(
            body="a note of mine", subtype_xmlid="mail.mt_note"
        )
        cls.south_sms = (
            cls.env["sms.sms"]
            .with_context(crm_interaction_skip_capture=True)
            .create({"number": "+989121234567", "body": "South's one-time code 4242"})
        )
        cls.own_link = cls.env["crm.interaction.link"].create(
            {"interaction_id": cls.own_call.id, "res_model": "res.partner", "res_id": cls.own.id}
        )
        cls.own_received_key = cls.env["crm.interaction.key"].create(
            {"interaction_id": cls.own_call.id, "type_code": "mobile", "value": "09120000001"}
        )
        cls.grant = (
            cls.env["crm.access.grant"]
            .with_user(cls.agent)
            .create({"partner_id": cls.south.id, "reason": "covering a colleague"})
        )
        cls.records = {
            name: getattr(cls, name)
            for name in (
                "north",
                "south",
                "south_contact",
                "own",
                "south_key",
                "own_key",
                "south_call",
                "own_call",
                "own_link",
                "own_received_key",
                "grant",
            )
        }

    def snapshot(self, record, fnames):
        """The stored values of ``record``, as the database holds them."""
        self.env.flush_all()
        self.env.invalidate_all()
        record = record.sudo().with_context(active_test=False)
        return record.read(list(fnames), load=None)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialWrite(AdversarialWriteCommon):
    def test_each_attack_is_refused_and_changes_nothing(self):
        for attack in ATTACKS:
            with self.subTest(attack=attack.name), self.rolled_back():
                before = attack.state(self)
                user = getattr(self, attack.user)
                # no savepoint around the attack itself: whatever it wrote
                # before being refused shows in the state read after it
                refused = False
                try:
                    attack.run(self, user)
                except AccessError:
                    refused = True
                if not refused:
                    self.fail(f"not refused: {attack.name}")
                self.assertEqual(attack.state(self), before, attack.name)

    @contextmanager
    def rolled_back(self):
        """Undo what a row did, refused or not, so that each row starts from the fixtures."""
        try:
            with suppress(_RollBack), self.env.cr.savepoint():
                yield
                raise _RollBack
        finally:
            self.env.invalidate_all()

    def test_every_access_field_has_an_attack(self):
        attacked = {(attack.model, fname) for attack in ATTACKS for fname in attack.fields}
        listed = {(model, fname) for model, fnames in ACCESS_FIELDS.items() for fname in fnames}
        self.assertFalse(sorted(listed - attacked), "access fields without an attack")
        self.assertFalse(sorted(attacked - listed), "attacks on fields that are not listed")
        for model, fname in listed:
            self.assertIn(fname, self.env[model]._fields, f"{model}.{fname} does not exist")

    def test_every_field_a_rule_reads_is_listed(self):
        found = set()
        for model in ACCESS_FIELDS:
            for domain in self.rule_domains(model, self.agent):
                self.walk_domain(self.env[model], domain, found)
        portfolio = self.env["res.partner"].with_user(self.agent)._crm_access_portfolio_domain()
        self.walk_domain(self.env["res.partner"], Domain(portfolio), found)
        listed = {(model, fname) for model, fnames in ACCESS_FIELDS.items() for fname in fnames}
        # computed fields that nobody writes are followed to the fields they depend on
        in_scope = {
            (model, fname)
            for model, fname in found
            if model in ACCESS_FIELDS and self.is_writable(self.env[model]._fields[fname])
        }
        missing = sorted(in_scope - listed - NOT_PORTFOLIO_FIELDS)
        self.assertFalse(missing, f"fields read by a rule or the portfolio, not guarded: {missing}")
        # the check is worth something only if it sees the portfolio
        for field in (("res.partner", "portfolio_team_id"), ("crm.interaction", "partner_id")):
            self.assertIn(field, found)
        # the fields of the other models (teams, memberships, users, key
        # types) are written by their administrators only
        for model in sorted({model for model, _fname in found} - set(ACCESS_FIELDS)):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(self.agent).has_access("write"))
                self.assertFalse(self.env[model].with_user(self.lead).has_access("write"))

    # ------------------------------------------------------------------
    # Tools of the coverage check
    # ------------------------------------------------------------------

    def is_writable(self, field):
        # Odoo stores a value written to a stored computed field as it is,
        # readonly or not; a related field writes its target, guarded there
        if field.related:
            return False
        return field.store or not field.compute or bool(field.inverse)

    def rule_domains(self, model, user):
        """The domains of the record rules that apply to ``user`` on ``model``."""
        Rule = self.env["ir.rule"].with_user(user)
        context = Rule._eval_context()
        rules = self.env["ir.rule"].sudo().search([("model_id.model", "=", model)])
        for rule in rules:
            if rule.domain_force and (not rule.groups or rule.groups & user.all_group_ids):
                yield Domain(safe_eval(rule.domain_force, context))

    def walk_domain(self, model, domain, found):
        for condition in domain.iter_conditions():
            self.walk_path(model, condition.field_expr.split("."), condition, found)

    def walk_path(self, model, path, condition, found):
        fname, rest = path[0], path[1:]
        if fname == "id":
            return
        field = model._fields[fname]
        self.note_field(model, field, found)
        if not field.comodel_name:
            return
        comodel = self.env[field.comodel_name]
        if rest:
            self.walk_path(comodel, rest, condition, found)
        elif condition is not None and condition.operator.startswith(("any", "not any")):
            if isinstance(condition.value, Domain | list | tuple):
                self.walk_domain(comodel, Domain(condition.value), found)

    def note_field(self, model, field, found):
        """Note ``field`` and, for a stored computed field, the fields it follows."""
        if (model._name, field.name) in found:
            return
        found.add((model._name, field.name))
        if field.related:
            self.walk_path(model, field.related.split("."), None, found)
        elif field.compute and field.store:
            for dependency in model.pool.field_depends[field]:
                self.walk_path(model, dependency.split("."), None, found)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAllowedWrites(AdversarialWriteCommon):
    """The paths that move customers, keys and messages the right way still work."""

    def tracked_fields(self, record):
        self.env.flush_all()
        self.env.cr.precommit.run()
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", record._name),
                ("mail_message_id.res_id", "=", record.id),
            ]
        )
        return set(values.field_id.mapped("name"))

    def test_team_lead_moves_customers_within_their_teams(self):
        # mail tracks no record created in the same transaction: the fixtures
        # stand for customers created long ago
        self.env.cr.precommit.data.pop("mail.tracking.res.partner", None)
        lead_env = self.env(user=self.lead, context=dict(self.env.context, tracking_disable=False))
        free, north = self.free.with_env(lead_env), self.north.with_env(lead_env)
        free.write({"portfolio_team_id": self.team_north.id, "user_id": self.agent.id})
        # to an agent, to the lead themselves, to a colleague of the agent
        north.user_id = self.agent
        north.write({"user_id": self.lead.id})
        north.write({"user_id": self.colleague.id})
        self.assertEqual(
            (self.free.portfolio_team_id, self.free.user_id), (self.team_north, self.agent)
        )
        self.assertIn("user_id", self.tracked_fields(self.north))
        self.assertTrue({"user_id", "portfolio_team_id"} <= self.tracked_fields(self.free))
        # writing the values a customer already has is no move
        self.south.with_user(self.agent).write({"portfolio_team_id": self.team_south.id})

    def test_manager_moves_any_customer(self):
        self.south.with_user(self.manager).write(
            {"portfolio_team_id": self.team_north.id, "user_id": self.agent.id}
        )
        self.assertEqual(self.south.portfolio_team_id, self.team_north)
        self.south_contact.with_user(self.manager).parent_id = self.north
        self.assertEqual(self.south_contact.commercial_partner_id, self.north)

    def test_agent_creates_customers_in_their_own_portfolio(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        mine = Partner.create({"name": "AW mine", "user_id": self.agent.id})
        team = Partner.create({"name": "AW team's", "portfolio_team_id": self.team_north.id})
        nobody = Partner.create({"name": "AW nobody's", "mobile": "09121118888"})
        # a contact follows the company it is created under, whoever's it is
        contact = Partner.create({"name": "AW contact", "parent_id": self.south.id})
        self.assertEqual(mine.user_id, self.agent)
        self.assertEqual(team.portfolio_team_id, self.team_north)
        self.assertTrue(nobody.cid_key_ids)
        self.assertEqual(contact.commercial_partner_id, self.south)
        # a contact moves between customers of the agent's portfolio
        contact_of_mine = Partner.create({"name": "AW contact 2", "parent_id": mine.id})
        contact_of_mine.parent_id = team
        self.assertEqual(contact_of_mine.commercial_partner_id, team)
        # copies their customers and their keys
        self.assertEqual(self.own.with_user(self.agent).copy().user_id, self.agent)
        self.own_key.with_user(self.agent).copy({"value": "@aw_own_copy"})
        # and the agent edits the identity fields of their customers
        self.own.with_user(self.agent).mobile = "09121117777"
        self.assertIn("+989121117777", self.own.cid_key_ids.mapped("value_normalized"))

    def test_sales_administrator_places_new_customers_but_moves_none(self):
        admin = new_test_user(
            self.env,
            login="aw_sales_admin",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        Partner = self.env["res.partner"].with_user(admin)
        placed = Partner.create(
            {"name": "AW placed", "user_id": self.agent.id, "portfolio_team_id": self.team_south.id}
        )
        self.assertEqual((placed.user_id, placed.portfolio_team_id), (self.agent, self.team_south))
        # an existing customer stays where it is
        with self.assertRaises(AccessError):
            self.south.with_user(admin).write({"user_id": admin.id})
        self.assertNotEqual(self.south.user_id, admin)

    def test_grant_workflow_sets_and_clears_grantees(self):
        self.grant.with_user(self.lead).action_grant()
        self.assertEqual(self.south.crm_access_grantee_ids, self.agent)
        self.assertEqual(
            self.env["crm.interaction"]
            .with_user(self.agent)
            .search([("id", "=", self.south_call.id)]),
            self.south_call,
        )
        self.grant.with_user(self.lead).action_revoke()
        self.assertFalse(self.south.crm_access_grantee_ids)

    def test_agent_works_the_interactions_they_may_change(self):
        self.own_call.with_user(self.agent).user_id = self.agent
        # an unidentified call is anybody's to identify, whoever's customer it is
        unknown = self.env["crm.interaction"].create({"channel_id": self.phone.id})
        unknown.with_user(self.agent).partner_id = self.south
        self.assertEqual(unknown.commercial_partner_id, self.south)
        # with a grant, the agent works another team's interactions
        self.grant.with_user(self.lead).action_grant()
        self.south_call.with_user(self.agent).write({"state": "handled"})
        self.assertEqual(self.south_call.state, "handled")

    def test_keys_change_within_the_portfolio(self):
        Key = self.env["crm.cid.key"].with_user(self.agent)
        key = Key.browse(self.own.with_user(self.agent).cid_add_key("telegram", "@aw_own_2"))
        key.value = "@aw_own_3"
        key.active = False
        self.assertEqual((key.value_normalized, key.active), ("aw_own_3", False))
        Key.create(
            {
                "partner_id": self.north.id,
                "key_type_id": self.env.ref("crm_cid.key_type_telegram").id,
                "value": "@aw_north",
            }
        )
        # a Manager adds and archives keys of any customer
        self.south_key.with_user(self.manager).active = False
        self.assertFalse(self.south_key.active)

    def test_merge_service_moves_the_keys(self):
        free_key = self.env["crm.cid.key"].browse(self.free.cid_add_key("telegram", "@aw_free"))
        wizard = (
            # the administrator (a Manager) reads every model the merge touches
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create(
                {
                    "state": "selection",
                    "partner_ids": [Command.set((self.own | self.free).ids)],
                    "dst_partner_id": self.own.id,
                }
            )
        )
        wizard.action_merge()
        self.assertFalse(self.free.exists())
        self.assertEqual(free_key.partner_id, self.own)

    def test_import_service_adds_keys(self):
        result = (
            self.env["crm.cid.import"]
            .with_user(self.cid_admin)
            .import_rows(
                [
                    {"name": "AW imported", "mobile": "09121239999"},
                    # matched by its mobile: the South customer gets a new e-mail key
                    {"name": "AW South customer", "mobile": "09121234567", "email": "s@aw.example"},
                ]
            )
        )
        self.assertEqual(
            [row["status"] for row in result["results"]], ["created", "matched"], result
        )
        self.assertIn("s@aw.example", self.south.cid_key_ids.mapped("value_normalized"))

    def test_capture_points_at_messages_the_caller_may_not_read(self):
        # an e-mail from the South customer reaches their team; the capture
        # records it although the poster (the mail gateway) reads nothing
        message = self.own.with_user(self.agent).message_post(
            body="Please call me back",
            message_type="email",
            author_id=self.own.id,
            email_from="own@aw.example",
        )
        captured = self.env["crm.interaction"].search([("message_id", "=", message.id)])
        self.assertEqual(captured.partner_id, self.own)

    def test_agent_links_what_they_may_read(self):
        Interaction = self.env["crm.interaction"].with_user(self.agent)
        call = Interaction.create(
            {"channel_id": self.phone.id, "partner_id": self.own.id, "message_id": self.own_note.id}
        )
        self.assertEqual(call.message_body, self.own_note.body)
        self.env["crm.interaction.link"].with_user(self.agent).create(
            {"interaction_id": call.id, "res_model": "res.partner", "res_id": self.north.id}
        )
        self.env["crm.interaction.key"].with_user(self.agent).create(
            {"interaction_id": call.id, "type_code": "mobile", "value": "09120000002"}
        )
        self.assertEqual(len(call.link_ids), 1)
        self.assertEqual(len(call.key_ids), 1)
