from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccessPolicyCommon


@tagged("post_install", "-at_install", "crm_access_policy")
class TestLayoffWindow(AccessPolicyCommon):
    """Layoff mode counts distinct customers per window, not per call."""

    def test_paging_through_customers_is_refused_past_the_threshold(self):
        self.set_param("watch_threshold", "100")
        self.set_param("watch_bulk_limit", "20")
        self.set_param("window", "60")
        customers = self.env["res.partner"].create(
            [{"name": f"Paged customer {n:03}"} for n in range(200)]
        )
        self.agent.crm_access_watch = True
        Partner = self.env["res.partner"].with_user(self.agent)
        domain = [("id", "in", customers.ids)]
        served, refusal = [], None
        # the refusal is recorded in a transaction of its own
        with self.enter_registry_test_mode():
            for offset in range(0, 200, 20):
                try:
                    rows = Partner.search_read(
                        domain, ["name"], offset=offset, limit=20, order="id"
                    )
                except AccessError as error:
                    refusal = (offset, str(error))
                    break
                served += [row["id"] for row in rows]
        self.assertEqual(len(served), 100)
        self.assertEqual(refusal[0], 100)
        self.assertIn("at most 100 customers within 60 minutes", refusal[1])
        # what was refused was not logged; what was served was
        logged = self.env["crm.access.log"].search([("user_id", "=", self.agent.id)])
        self.assertEqual(set(logged.partner_id.ids), set(served))
        # pages already read may be read again; one more customer may not
        Partner.search_read(domain, ["name"], limit=20, order="id")
        with self.enter_registry_test_mode():
            try:
                Partner.browse(customers[150].id).read(["name"])
                refused = False
            except AccessError:
                refused = True
        self.assertTrue(refused)
        alarm = self.env["crm.access.alarm"].search([("user_id", "=", self.agent.id)])
        self.assertEqual(alarm.state, "open")
        self.assertEqual(
            len([body for body in alarm.message_ids.mapped("body") if "within 60 minutes" in body]),
            2,
        )

    def test_one_page_over_the_per_call_limit_is_still_refused(self):
        self.set_param("watch_threshold", "100")
        self.set_param("watch_bulk_limit", "20")
        customers = self.env["res.partner"].create([{"name": f"Bulk {n}"} for n in range(21)])
        self.agent.crm_access_watch = True
        with self.enter_registry_test_mode():
            try:
                self.env["res.partner"].with_user(self.agent).browse(customers.ids).read(["name"])
                refused = False
            except AccessError:
                refused = True
        self.assertTrue(refused)
        self.assertFalse(self.env["crm.access.log"].search([("user_id", "=", self.agent.id)]))
