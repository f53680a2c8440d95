from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestInteractionTargets(InteractionCommon):
    """An interaction shows only messages its author may read, and grows only where they write."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Interaction = cls.Interaction
        cls.theirs = Interaction.create(
            {"channel_id": cls.channel_mobile.id, "partner_id": cls.company.id}
        )
        cls.mine = Interaction.create(
            {"channel_id": cls.channel_mobile.id, "partner_id": cls.customer.id}
        )
        cls.their_note = cls.theirs.message_post(body="their secret", subtype_xmlid="mail.mt_note")
        cls.my_note = cls.mine.message_post(body="my note", subtype_xmlid="mail.mt_note")
        cls.sms = (
            cls.env["sms.sms"]
            .with_context(crm_interaction_skip_capture=True)
            .create({"number": "+989351112233", "body": "code 1234"})
        )

    def count(self, model, domain):
        return self.env[model].sudo().search_count(domain)

    def test_no_interaction_points_at_an_unreadable_message(self):
        Interaction = self.Interaction.with_user(self.agent)
        # the agent cannot read the other agent's interaction, hence its notes
        self.assertFalse(self.their_note.with_user(self.agent).has_access("read"))
        for target in (
            {"message_id": self.their_note.id},
            {"sms_id": self.sms.id},
            {"message_id": 10**9},
        ):
            with self.subTest(target=target):
                with self.assertRaises(AccessError):
                    Interaction.create(
                        dict(target, channel_id=self.channel_mobile.id, subject="planted")
                    )
                with self.assertRaises(AccessError):
                    self.mine.with_user(self.agent).write(target)
        self.assertFalse(self.count("crm.interaction", [("subject", "=", "planted")]))
        self.assertFalse(self.mine.message_id or self.mine.sms_id)
        # what the agent may read is fine, and a supervisor reads every note
        call = Interaction.create(
            {"channel_id": self.channel_mobile.id, "message_id": self.my_note.id}
        )
        self.assertEqual(call.message_body, self.my_note.body)
        self.mine.with_user(self.supervisor).message_id = self.their_note

    def test_links_and_keys_only_on_writable_interactions(self):
        Link = self.env["crm.interaction.link"].with_user(self.agent)
        Key = self.env["crm.interaction.key"].with_user(self.agent)
        link_vals = {"res_model": "res.partner", "res_id": self.customer.id}
        key_vals = {"type_code": "mobile", "value": "09120000000"}
        with self.assertRaises(AccessError):
            Link.create(dict(link_vals, interaction_id=self.theirs.id))
        with self.assertRaises(AccessError):
            Key.create(dict(key_vals, interaction_id=self.theirs.id))
        domain = [("interaction_id", "=", self.theirs.id)]
        self.assertFalse(self.count("crm.interaction.link", domain))
        self.assertFalse(self.count("crm.interaction.key", domain))
        link = Link.create(dict(link_vals, interaction_id=self.mine.id))
        key = Key.create(dict(key_vals, interaction_id=self.mine.id))
        # a line never moves to another interaction, whoever asks
        with self.assertRaises(AccessError):
            link.write({"interaction_id": self.theirs.id})
        with self.assertRaises(AccessError):
            key.with_user(self.manager).write({"interaction_id": self.theirs.id})
        self.assertEqual((link.interaction_id, key.interaction_id), (self.mine, self.mine))
