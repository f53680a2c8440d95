import io
import zipfile

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import AccessPolicyCommon, new_exporter

SOUTH_MOBILE = "09121234567"
SOUTH_PHONE = "02144556677"
SOUTH_EMAIL = "south.vcard@example.com"
NORTH_PHONE = "02133445566"


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialVcard(HttpCase, AccessPolicyCommon):
    """vCards of contacts: masked as the card, one a read, several an export."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.write({"mobile": SOUTH_MOBILE, "phone": SOUTH_PHONE, "email": SOUTH_EMAIL})
        cls.north.write({"phone": NORTH_PHONE})
        cls.exporter = new_exporter(cls.env, "ap_vcard_exporter")
        cls.env["crm.team.member"].create(
            {"crm_team_id": cls.team_north.id, "user_id": cls.exporter.id}
        )

    def log_of(self, user):
        self.env["crm.access.log"]._flush_reads(force=True)
        return self.env["crm.access.log"].search([("user_id", "=", user.id)])

    def download(self, user, partners):
        self.authenticate(user.login, user.login)
        ids = ",".join(str(partner_id) for partner_id in partners.ids)
        return self.url_open(f"/web/partner/vcard?partner_ids={ids}")

    def test_vcard_of_one_contact_is_masked_as_its_card(self):
        rows = [
            # (reader, values in the vCard as written, values masked)
            ("agent", [], [SOUTH_PHONE, SOUTH_EMAIL]),
            ("agent2", [SOUTH_PHONE, SOUTH_EMAIL], []),
            ("manager", [SOUTH_PHONE, SOUTH_EMAIL], []),
        ]
        for reader, shown, hidden in rows:
            with self.subTest(reader=reader, path="orm"):
                content = self.south.with_user(getattr(self, reader))._get_vcard_file().decode()
                for value in shown:
                    self.assertIn(value, content)
                for value in hidden:
                    self.assertNotIn(value, content)
            with self.subTest(reader=reader, path="http"):
                response = self.download(getattr(self, reader), self.south)
                self.assertEqual(response.status_code, 200)
                for value in shown:
                    self.assertIn(value, response.text)
                for value in hidden:
                    self.assertNotIn(value, response.text)
        self.assertEqual(self.log_of(self.agent).mapped("kind"), ["open"])
        self.assertEqual(self.log_of(self.agent).partner_id, self.south)

    def test_the_route_with_the_contact_in_the_path_is_masked(self):
        self.authenticate(self.agent.login, self.agent.login)
        response = self.url_open(f"/web_enterprise/partner/{self.south.id}/vcard")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(SOUTH_EMAIL, response.text)

    def test_several_vcards_are_an_export(self):
        partners = self.south | self.north
        # an agent outside the export group gets none of them
        response = self.download(self.agent, partners)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(SOUTH_EMAIL.encode(), response.content)
        self.assertFalse(self.log_of(self.agent))
        # an exporter gets them, masked as on the cards, counted as an export
        response = self.download(self.exporter, partners)
        self.assertEqual(response.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            content = "".join(archive.read(name).decode() for name in archive.namelist())
        self.assertIn(NORTH_PHONE, content)
        self.assertNotIn(SOUTH_EMAIL, content)
        self.assertNotIn(SOUTH_PHONE, content)
        log = self.log_of(self.exporter)
        self.assertEqual(set(log.mapped("kind")), {"export"})
        self.assertEqual(log.partner_id, partners)

    def test_no_vcard_while_suspended_or_frozen(self):
        self.env["crm.access.alarm"].create(
            {"user_id": self.agent.id, "customer_count": 500, "threshold": 200, "is_blocking": True}
        )
        with self.assertRaises(AccessError):
            self.south.with_user(self.agent)._crm_access_vcard_download()
        self.assertEqual(self.download(self.agent, self.south).status_code, 403)
        self.exporter.crm_access_watch = True
        self.assertEqual(self.download(self.exporter, self.south | self.north).status_code, 403)
