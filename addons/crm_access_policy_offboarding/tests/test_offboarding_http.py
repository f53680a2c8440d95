import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_access_policy_offboarding")
class TestOffboardingSessions(HttpCase):
    def test_archiving_ends_the_live_session_and_the_api_key(self):
        leaver = new_test_user(
            self.env, login="ap_http_leaver", groups="crm_access_policy.group_crm_agent"
        )
        key = (
            self.env["res.users.apikeys"]
            .with_user(leaver)
            .sudo()
            ._generate(None, "integration", None)
        )
        db = self.env.cr.dbname

        def rpc_login():
            return self.xmlrpc_object.execute_kw(
                db, leaver.id, key, "res.users", "read", [leaver.ids], {"fields": ["login"]}
            )

        self.assertEqual(rpc_login()[0]["login"], "ap_http_leaver")
        # a browser session, with its device recorded as in production
        self.authenticate(
            "ap_http_leaver", "ap_http_leaver", session_extra={"_trace_disable": False}
        )
        self.assertEqual(self.url_open("/odoo", allow_redirects=False).status_code, 200)
        devices = self.env["res.device.log"].search([("user_id", "=", leaver.id)])
        self.assertTrue(devices, "the session has a device")

        leaver.with_user(self.env.ref("base.user_admin")).action_archive()
        self.env.flush_all()

        refused = self.url_open("/odoo", allow_redirects=False)
        self.assertIn(refused.status_code, (302, 303))
        self.assertIn("/web/login", refused.headers["Location"])
        self.assertTrue(all(devices.mapped("revoked")))
        with self.assertRaises(xmlrpc.client.Fault):
            rpc_login()
        # coming back does not revive the old session or the old key
        leaver.with_user(self.env.ref("base.user_admin")).action_unarchive()
        self.env.flush_all()
        with self.assertRaises(xmlrpc.client.Fault):
            rpc_login()
        offboarding = self.env["crm.access.offboarding"].search([("user_id", "=", leaver.id)])
        self.assertEqual((offboarding.sessions_revoked, offboarding.apikeys_revoked), (1, 1))
