from odoo.tests import Form, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestWizards(InteractionCommon):
    def test_log_interaction_from_the_partner_form(self):
        action = self.customer.with_user(self.agent).action_interaction_log()
        self.assertEqual(action["res_model"], "crm.interaction.log")
        wizard_form = Form(
            self.env["crm.interaction.log"].with_user(self.agent).with_context(action["context"])
        )
        self.assertEqual(wizard_form.partner_id, self.customer)
        self.assertEqual(
            wizard_form.channel_id, self.env.ref("crm_interaction.crm_interaction_channel_phone")
        )
        wizard_form.reason_id = self.reason_complaint
        wizard_form.subject = "Late delivery"
        wizard_form.summary = "Promised a call back tomorrow."
        wizard_form.duration_minutes = 2.5
        wizard_form.state = "needs_reply"
        wizard_form.save().action_log()
        interaction = self.Interaction.search([("partner_id", "=", self.customer.id)])
        self.assertRecordValues(
            interaction,
            [
                {
                    "subject": "Late delivery",
                    "duration": 150,
                    "user_id": self.agent.id,
                    "direction": "inbound",
                    "state": "needs_reply",
                    "reason_id": self.reason_complaint.id,
                }
            ],
        )
        self.assertEqual(self.customer.with_user(self.agent).interaction_count, 1)
        opened = self.customer.with_user(self.agent).action_interaction_open_list()
        self.assertEqual(self.Interaction.search(opened["domain"]), interaction)

    def test_link_unidentified_to_existing_customer_adds_the_key(self):
        results = self.Interaction.ingest(
            [
                self.item("lw-1", mobile="09170000001"),
                self.item("lw-2", channel="sms", mobile="09170000001"),
            ]
        )
        first = self.Interaction.browse(results[0]["id"])
        action = first.action_open_link_partner()
        wizard_form = Form(self.env["crm.interaction.link.partner"].with_context(action["context"]))
        wizard_form.partner_id = self.customer
        wizard_form.save().action_link()
        self.assertEqual(first.partner_id, self.customer)
        # the key went to the customer, which linked the other interaction too
        self.assertEqual(self.Interaction.browse(results[1]["id"]).partner_id, self.customer)
        self.assertIn("+989170000001", self.customer.cid_key_ids.mapped("value_normalized"))

    def test_link_unidentified_by_creating_the_customer(self):
        [result] = self.Interaction.ingest(
            [self.item("lw-3", mobile="09170000002", email="new.person@example.org")]
        )
        interaction = self.Interaction.browse(result["id"])
        wizard_form = Form(
            self.env["crm.interaction.link.partner"].with_context(
                active_model="crm.interaction", active_ids=interaction.ids
            )
        )
        wizard_form.mode = "create"
        wizard_form.name = "رضا نوری"
        wizard_form.save().action_link()
        self.assertEqual(interaction.partner_id.name, "رضا نوری")
        self.assertEqual(interaction.partner_id.email, "new.person@example.org")
        self.assertTrue(interaction.cid)
