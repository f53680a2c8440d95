"""crm's query budget of tracked stage durations, counted with the suite installed.

The class is at_install: in the test command it runs when crm is installed,
before this addon makes leads interaction documents with a CID. Its budget
test runs here again once everything is installed (the mass conversion and
assignment budgets are post_install: see scripts/upstream_tags).
"""

from odoo.tests import tagged

from odoo.addons.crm.tests import test_crm_lead as crm_lead_tests

Tracking = crm_lead_tests.TestCrmLeadMailTrackingDuration


@tagged("post_install", "-at_install", "crm_interaction_crm")
class TestLeadTrackingDurationBudget(Tracking):
    test_crm_lead_queries_batch_mail_tracking_duration = (
        Tracking.test_crm_lead_queries_batch_mail_tracking_duration
    )
