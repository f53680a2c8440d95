import json
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import InteractionCommon
from .stand_in_server import StandInServer


class StandInPbx(StandInServer):
    """A PBX answering originate requests with a given status."""

    def __init__(self, status=200):
        super().__init__()
        self.status = status

    @property
    def paths(self):
        return [request["path"] for request in self.requests]

    def answer(self, path, headers, body):
        return self.status, {}


@tagged("post_install", "-at_install", "crm_interaction")
class TestRinging(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent.crm_phone_extension = "201"
        cls.other_agent.crm_phone_extension = "202"

    def ringing_notifications(self, user):
        # notifications are written to the bus when the transaction commits
        self.env.cr.precommit.run()
        messages = self.env["bus.bus"].search([("message", "like", "crm_interaction/ringing")])
        return [
            json.loads(m.message)["payload"]
            for m in messages.sorted("id")
            if json.loads(m.channel)[1:] == ["res.partner", user.partner_id.id]
        ]

    def test_the_ringing_extensions_user_gets_the_callers_card(self):
        self.assertEqual(self.Interaction._interaction_ring("201", "۰۹۱۲ ۳۴۵ ۶۷۸۹"), 1)
        [payload] = self.ringing_notifications(self.agent)
        self.assertEqual(payload["extension"], "201")
        self.assertTrue(payload["card"]["found"])
        self.assertEqual(payload["card"]["partner_id"], self.customer.id)
        self.assertEqual(payload["card"]["cid"], self.customer.cid)
        self.assertFalse(self.ringing_notifications(self.other_agent))

    def test_unknown_caller_and_unknown_extension(self):
        self.Interaction._interaction_ring("202", "09359998877")
        [payload] = self.ringing_notifications(self.other_agent)
        self.assertFalse(payload["card"]["found"])
        self.assertEqual(self.Interaction._interaction_ring("999", "09359998877"), 0)
        self.assertEqual(self.Interaction._interaction_ring("", "09359998877"), 0)

    def test_extension_is_the_users_own_preference(self):
        agent = self.agent.with_user(self.agent)
        agent.write({"crm_phone_extension": "205"})
        self.assertEqual(self.agent.crm_phone_extension, "205")


@tagged("post_install", "-at_install", "crm_interaction")
class TestDial(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pbx = cls.enterClassContext(StandInPbx())
        cls.env["ir.config_parameter"].set_param(
            "crm_interaction.pbx_originate_url",
            cls.pbx.url + "/ari/channels?endpoint=PJSIP/{extension}&extension={number}",
        )
        cls.agent.crm_phone_extension = "201"

    def test_dial_sends_the_originate_request_from_the_users_extension(self):
        result = self.Interaction.with_user(self.agent).dial("+98 912 345 6789")
        self.assertEqual(result, {"ok": True, "number": "+989123456789"})
        self.assertEqual(
            self.pbx.paths[-1], "/ari/channels?endpoint=PJSIP/201&extension=%2B989123456789"
        )

    def test_dial_refusals_are_clear(self):
        cases = [
            (self.other_agent, "09123456789", "extension"),
            (self.agent, "not a number", "not a phone number"),
            (self.agent, None, "not a phone number"),
        ]
        for user, number, words in cases:
            with self.subTest(number=number), self.assertRaisesRegex(UserError, words):
                self.Interaction.with_user(user).dial(number)
        self.pbx.status = 403
        try:
            with self.assertRaisesRegex(UserError, "403"):
                self.Interaction.with_user(self.agent).dial("09123456789")
        finally:
            self.pbx.status = 200

    def test_without_pbx_or_without_interaction_rights(self):
        with self.assertRaises(AccessError):
            self.Interaction.with_user(self.outsider).dial("09123456789")
        self.env["ir.config_parameter"].set_param("crm_interaction.pbx_originate_url", False)
        with self.assertRaisesRegex(UserError, "PBX"):
            self.Interaction.with_user(self.agent).dial("09123456789")


@tagged("post_install", "-at_install", "crm_interaction")
class TestRingingTour(HttpCase):
    """The caller's card pops in an agent's open web client when their extension rings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "ring_agent",
            groups="base.group_user,base.group_partner_manager,"
            "crm_interaction.group_interaction_user",
            crm_phone_extension="201",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Caller", "mobile": "09127770011", "user_id": cls.agent.id}
        )

    def test_the_card_pops_for_a_customer_and_for_an_unknown_caller(self):
        IrWebsocket = self.registry["ir.websocket"]
        subscribe_done = IrWebsocket._after_subscribe_data
        rung = []

        def ring_once_listening(websocket, data):
            subscribe_done(websocket, data)
            # the PBX reports the calls once the agent's web client listens to
            # the bus: the card must pop in a client that is already open
            if websocket.env.uid == self.agent.id and not rung:
                rung.append(websocket.env.uid)
                Interaction = websocket.env["crm.interaction"]
                Interaction._interaction_ring("201", "۰۹۱۲ ۷۷۷ ۰۰۱۱")
                Interaction._interaction_ring("201", "09359998877")

        with patch.object(IrWebsocket, "_after_subscribe_data", ring_once_listening):
            self.start_tour(
                "/odoo",
                "crm_interaction_ringing",
                login="ring_agent",
                cookies={"crm_interaction_tour_cid": self.customer.cid},
            )
        self.assertEqual(rung, [self.agent.id])
        created = self.env["res.partner"].search([("mobile", "=like", "%9359998877")])
        self.assertEqual(len(created), 1, "one click, one new customer")
        self.assertEqual(created.name, "09359998877")
        self.assertTrue(created.cid)
        self.assertEqual(
            self.env["res.partner"].cid_find_or_create({"mobile": "+98 935 999 8877"})[
                "partner_id"
            ],
            created.id,
            "the new customer holds the caller's number as a key",
        )
