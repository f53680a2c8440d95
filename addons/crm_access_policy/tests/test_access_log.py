from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAccessLog(AccessPolicyCommon):
    def log_of(self, user):
        return self.env["crm.access.log"].search([("user_id", "=", user.id)])

    def test_reads_are_counted_per_customer_and_kind(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        customers = self.north | self.own | self.free
        Partner.browse(customers.ids).read(["name"])
        Partner.browse(customers.ids).read(["name"])
        self.env["crm.interaction"].with_user(self.agent).browse(
            self.interactions["north"].id
        ).read(["body"])
        # the second read wrote nothing: it reaches the counters with the next batch
        self.env["crm.access.log"]._flush_reads(force=True)
        log = self.log_of(self.agent)
        lists = log.filtered(lambda row: row.kind == "list")
        self.assertEqual(lists.partner_id, customers)
        self.assertEqual(set(lists.mapped("count")), {2})
        body = log.filtered(lambda row: row.kind == "body")
        self.assertEqual(body.partner_id, self.north)
        # the user's own partner and internal ORM access are not counted
        self.agent.partner_id.with_user(self.agent).read(["name"])
        self.env["res.partner"].browse(self.south.id).read(["name"])
        self.assertEqual(self.log_of(self.agent), log)
        self.assertFalse(self.log_of(self.manager))

    def test_a_page_of_interactions_is_logged_per_customer_and_restricted(self):
        Interaction = self.env["crm.interaction"].with_user(self.agent)
        ids = [self.interactions[name].id for name in ("north", "south", "own", "unknown")]
        rows = Interaction.search_read([("id", "in", ids)], ["subject", "partner_id"])
        # the other team's interaction is not read, nor logged
        self.assertEqual(
            {row["id"] for row in rows},
            {self.interactions[name].id for name in ("north", "own", "unknown")},
        )
        log = self.log_of(self.agent)
        self.assertEqual(log.partner_id, self.north | self.own)
        self.assertEqual(set(log.mapped("kind")), {"body"})
        rows = Interaction.search_read([("id", "in", ids)], ["direction"])
        self.assertEqual(
            self.log_of(self.agent).filtered(lambda row: row.kind == "list").partner_id,
            self.north | self.own,
        )
        with self.assertRaises(AccessError):
            Interaction.browse(self.interactions["south"].id).read(["direction"])
        self.assertNotIn(self.south, self.log_of(self.agent).partner_id)

    def test_a_timeline_page_is_a_read_of_the_customer_content(self):
        Interaction = self.env["crm.interaction"].with_user(self.agent)
        page = Interaction.timeline_page(self.north.id)
        self.assertEqual([item["id"] for item in page["items"]], self.interactions["north"].ids)
        log = self.log_of(self.agent)
        self.assertEqual((log.partner_id, log.kind, log.count), (self.north, "body", 1))
        # another team's customer: an empty page, nothing logged
        self.assertFalse(Interaction.timeline_page(self.south.id)["items"])
        self.assertEqual(self.log_of(self.agent), log)

    def test_alarm_fires_above_the_threshold_and_blocks_when_asked(self):
        self.set_param("threshold", "3")
        self.set_param("block", "True")
        Alarm = self.env["crm.access.alarm"]
        Partner = self.env["res.partner"].with_user(self.agent2)
        customers = self.env["res.partner"].create([{"name": f"Customer {n}"} for n in range(5)])
        Partner.browse(customers[:3].ids).read(["name"])
        self.assertFalse(Alarm.search([("user_id", "=", self.agent2.id)]))
        Partner.browse(customers[3:4].ids).read(["name"])
        alarm = Alarm.search([("user_id", "=", self.agent2.id)])
        self.assertEqual((alarm.state, alarm.customer_count, alarm.is_blocking), ("open", 4, True))
        self.assertIn(self.manager.partner_id, alarm.message_partner_ids)
        with self.assertRaises(AccessError):
            Partner.browse(customers[4:].ids).read(["name"])
        # the agent cannot clear it; a manager can
        with self.assertRaises(AccessError):
            alarm.with_user(self.agent2).action_clear()
        alarm.with_user(self.manager).action_clear()
        self.assertEqual(alarm.state, "cleared")
        Partner.browse(customers[4:].ids).read(["name"])

    def test_watched_users_have_a_lower_threshold(self):
        self.set_param("watch_threshold", "1")
        self.agent.crm_access_watch = True
        Partner = self.env["res.partner"].with_user(self.agent)
        Partner.browse(self.north.id).read(["name"])
        # past the watched threshold the read is refused, and recorded on an
        # alarm in a transaction of its own
        with self.enter_registry_test_mode():
            try:
                Partner.browse(self.own.id).read(["name"])
                refused = False
            except AccessError:
                refused = True
        self.assertTrue(refused)
        self.assertTrue(self.env["crm.access.alarm"].search([("user_id", "=", self.agent.id)]))

    def test_access_report_for_the_auditor(self):
        self.env["res.partner"].with_user(self.agent).browse(self.north.id).read(["name"])
        report = (
            self.env["crm.access.log"].with_user(self.users["auditor"]).access_report(self.agent.id)
        )
        self.assertEqual(
            [(r["partner_id"], r["kinds"]) for r in report], [(self.north.id, {"open": 1})]
        )
        with self.assertRaises(AccessError):
            self.env["crm.access.log"].with_user(self.agent).access_report(self.agent.id)
