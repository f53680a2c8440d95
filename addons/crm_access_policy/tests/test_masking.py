from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import AccessPolicyCommon

SOUTH_MOBILE = "09171112233"
SOUTH_EMAIL = "south.buyer@example.com"
NORTH_MOBILE = "09111112233"


@tagged("post_install", "-at_install", "crm_access_policy")
class TestMasking(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.write({"mobile": SOUTH_MOBILE, "email": SOUTH_EMAIL})
        cls.north.write({"mobile": NORTH_MOBILE, "email": "north.buyer@example.com"})
        cls.south_key = cls.south.cid_key_ids.filtered(lambda key: key.type_code == "mobile")
        cls.north_key = cls.north.cid_key_ids.filtered(lambda key: key.type_code == "mobile")

    def test_agent_reads_another_portfolio_masked(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        [south, north] = Partner.browse([self.south.id, self.north.id]).read(["mobile", "email"])
        self.assertEqual((south["mobile"], south["email"]), ("0917***2233", "s***@example.com"))
        self.assertEqual(north["mobile"], NORTH_MOBILE)
        self.assertEqual(north["email"], "north.buyer@example.com")

    def test_every_read_path_is_masked(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        domain = [("id", "=", self.south.id)]
        rows = {
            "search_read": Partner.search_read(domain, ["mobile", "email_formatted"])[0],
            "web_read": Partner.browse(self.south.id).web_read(
                {"mobile": {}, "email_formatted": {}}
            )[0],
            "web_search_read": Partner.web_search_read(
                domain, {"mobile": {}, "email_formatted": {}}
            )["records"][0],
        }
        for path, row in rows.items():
            with self.subTest(path=path):
                self.assertEqual(row["mobile"], "0917***2233")
                self.assertEqual(row["email_formatted"], '"South customer" <s***@example.com>')

    def test_search_by_the_full_value_finds_the_customer(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        self.assertEqual(Partner.search([("mobile", "=", SOUTH_MOBILE)]), self.south)
        self.assertIn(self.south, Partner.search([("cid_search", "ilike", SOUTH_MOBILE)]))

    def test_internal_access_reads_real_values(self):
        # composers (SMS, e-mail) read the record, not a client's copy
        self.assertEqual(self.south.with_user(self.agent).mobile, SOUTH_MOBILE)

    def test_entitled_users_see_full_values(self):
        sensitive = new_test_user(
            self.env,
            login="ap_sensitive",
            groups="crm_access_policy.group_crm_agent,crm_cid.group_cid_sensitive",
        )
        for user in (self.manager, sensitive):
            with self.subTest(user=user.login):
                row = self.south.with_user(user).read(["mobile"])[0]
                self.assertEqual(row["mobile"], SOUTH_MOBILE)
        # agent2 serves the south customer: full values
        self.assertEqual(
            self.south.with_user(self.agent2).read(["mobile"])[0]["mobile"], SOUTH_MOBILE
        )

    def test_colleagues_and_own_contact_are_not_masked(self):
        self.agent2.partner_id.email = "agent2@example.com"
        Partner = self.env["res.partner"].with_user(self.agent)
        row = Partner.browse(self.agent2.partner_id.id).read(["email"])[0]
        self.assertEqual(row["email"], "agent2@example.com")

    def test_identity_keys_are_masked(self):
        Key = self.env["crm.cid.key"].with_user(self.agent)
        [south] = Key.browse(self.south_key.id).read(["value", "value_normalized", "display_name"])
        self.assertEqual(south["value"], "0917***2233")
        self.assertEqual(south["value_normalized"], "+98917***2233")
        self.assertEqual(south["display_name"], "Mobile: +98917***2233")
        [north] = Key.browse(self.north_key.id).read(["value"])
        self.assertEqual(north["value"], NORTH_MOBILE)
        # search on the stored value still works
        self.assertEqual(Key.search([("value_normalized", "=", "+989171112233")]), self.south_key)
        # the keys shown on the customer form are read the same way
        form = (
            self.env["res.partner"]
            .with_user(self.agent)
            .browse(self.south.id)
            .web_read({"cid_key_ids": {"fields": {"value": {}, "display_name": {}}}})
        )
        values = {row["value"] for row in form[0]["cid_key_ids"]}
        self.assertIn("0917***2233", values)
        self.assertNotIn(SOUTH_MOBILE, repr(form))

    def test_masked_values_are_never_written_back(self):
        editor = new_test_user(
            self.env,
            login="ap_editor",
            groups="crm_access_policy.group_crm_agent,base.group_partner_manager",
        )
        south = self.south.with_user(editor)
        with self.assertRaises(UserError):
            south.write({"mobile": "0917***2233"})
        with self.assertRaises(UserError):
            self.south_key.with_user(editor).write({"value": "0917***2233"})
        with self.assertRaises(UserError):
            south.create({"name": "Copy", "email": "s***@example.com"})
        self.assertEqual(self.south.mobile, SOUTH_MOBILE)
        self.assertEqual(self.south_key.value, SOUTH_MOBILE)
        # nor by the keys written without create(), from contact fields
        Key = self.env["crm.cid.key"].sudo()
        with self.assertRaises(UserError):
            Key._cid_insert_synced(
                [
                    {
                        "partner_id": self.free.id,
                        "key_type_id": self.south_key.key_type_id.id,
                        "value": "0917***2233",
                        "value_normalized": "+98917***2233",
                        "source": "partner",
                    }
                ]
            )
        self.assertFalse(self.free.cid_key_ids.filtered(lambda key: key.type_code == "mobile"))
        # a form that does not send the unchanged masked value saves fine
        south.write({"name": "South customer renamed"})
        self.assertEqual(self.south.mobile, SOUTH_MOBILE)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestMaskingCache(AccessPolicyCommon):
    """What is kept between reads (the SQL of the portfolio, the users under
    watch) never keeps a decision: a change counts at the next read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.write({"mobile": SOUTH_MOBILE, "email": SOUTH_EMAIL})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Buyer of the south", "parent_id": cls.south.id, "email": "buyer@example.com"}
        )

    def read_mobile(self, partner, user=None):
        return partner.with_user(user or self.agent).read(["mobile"])[0]["mobile"]

    def test_a_customer_moved_into_the_portfolio_is_shown_at_the_next_read(self):
        self.assertEqual(self.read_mobile(self.south), "0917***2233")
        self.south.portfolio_team_id = self.team_north
        self.assertEqual(self.read_mobile(self.south), SOUTH_MOBILE)
        self.south.portfolio_team_id = self.team_south
        self.assertEqual(self.read_mobile(self.south), "0917***2233")

    def test_a_new_team_member_sees_the_team_customers_at_the_next_read(self):
        self.assertEqual(self.read_mobile(self.south), "0917***2233")
        membership = self.env["crm.team.member"].create(
            {"crm_team_id": self.team_south.id, "user_id": self.agent.id}
        )
        self.assertEqual(self.read_mobile(self.south), SOUTH_MOBILE)
        membership.active = False
        self.assertEqual(self.read_mobile(self.south), "0917***2233")

    def test_a_contact_is_masked_as_its_company_in_a_list(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        rows = Partner.search_read(
            [("id", "in", [self.contact.id, self.north.id])], ["email"], order="id"
        )
        emails = {row["id"]: row["email"] for row in rows}
        self.assertEqual(emails[self.contact.id], "b***@example.com")
        self.assertIs(emails[self.north.id], False)
        # the contact's customer is counted, as the company's
        logged = self.env["crm.access.log"].search([("user_id", "=", self.agent.id)])
        self.assertIn(self.south, logged.partner_id)

    def test_a_pattern_on_a_masked_field_keeps_its_meaning_negated(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        ids = [self.south.id, self.contact.id, self.north.id]
        # outside the portfolio a pattern matches only a whole value
        self.assertFalse(Partner.search([("id", "in", ids), ("email", "ilike", "south.buy")]))
        self.assertEqual(
            Partner.search([("id", "in", ids), ("email", "ilike", SOUTH_EMAIL)]), self.south
        )
        # its negation matches in the portfolio only (north, whose e-mail is empty)
        for value in ("south.buy", SOUTH_EMAIL):
            with self.subTest(value=value):
                self.assertEqual(
                    Partner.search([("id", "in", ids), "!", ("email", "ilike", value)]),
                    self.north,
                )

    def test_watch_mode_counts_at_the_next_read(self):
        self.agent.sudo().crm_access_watch = True
        self.assertTrue(self.agent._crm_access_is_watched())
        self.agent.sudo().crm_access_watch = False
        self.assertFalse(self.agent._crm_access_is_watched())

    def test_masking_and_audit_of_a_read_cost_one_query(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        Partner.browse(self.south.id).read(["name", "email"])
        self.env.invalidate_all()
        # the companies of the record rule, the read itself, then one query
        # for the masking and the audit (the customer is counted already
        # today: nothing written)
        with self.assertQueryCount(3):
            Partner.browse(self.south.id).read(["name", "email"])
