from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.mass_mailing.tests.common import MassMailCommon


@tagged("post_install", "-at_install", "crm_interaction_mass_mailing")
class TestMassMailingCapture(MassMailCommon):
    """Each mass mailing e-mail sent to a customer is one outbound interaction on the CID."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Interaction = cls.env["crm.interaction"]
        cls.agent_north = new_test_user(
            cls.env, "mm_north", groups="crm_interaction.group_interaction_user"
        )
        cls.agent_south = new_test_user(
            cls.env, "mm_south", groups="crm_interaction.group_interaction_user"
        )
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": "مریم رضایی",
                    "email": "maryam.rezaei@example.com",
                    "user_id": cls.agent_north.id,
                },
                {
                    "name": "حسین مرادی",
                    "email": "hossein.moradi@example.com",
                    "user_id": cls.agent_south.id,
                },
                {
                    "name": "نگار احمدی",
                    "email": "negar.ahmadi@example.com",
                    "user_id": cls.agent_south.id,
                },
            ]
        )
        cls.mailing_list = cls.env["mailing.list"].create(
            {
                "name": "مشتریان ویژه",
                "contact_ids": [
                    # typed differently from the customer's key: found all the same
                    fields.Command.create({"name": "Maryam", "email": "Maryam.Rezaei@Example.COM"}),
                    fields.Command.create(
                        {"name": "Hossein", "email": "hossein.moradi@example.com"}
                    ),
                    fields.Command.create(
                        {"name": "Negar", "email": '"Negar A." <negar.ahmadi@example.com>'}
                    ),
                    # a subscriber who is nobody's customer
                    fields.Command.create({"name": "Reader", "email": "reader@elsewhere.example"}),
                ],
            }
        )
        cls.email = cls.env.ref("crm_interaction.crm_interaction_channel_email")
        cls.marketing = cls.env.ref("crm_interaction.crm_interaction_reason_marketing")

    def create_mailing(self, model="mailing.list", **values):
        vals = {
            "name": "Nowruz offer",
            "subject": "تخفیف نوروزی",
            "mailing_type": "mail",
            "body_html": "<p>Happy Nowruz</p>",
            "mailing_model_id": self.env["ir.model"]._get(model).id,
        }
        if model == "mailing.list":
            vals["contact_list_ids"] = [fields.Command.link(self.mailing_list.id)]
        vals.update(values)
        return self.env["mailing.mailing"].with_user(self.user_marketing).create(vals)

    def send(self, mailing, res_ids=None):
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.with_user(self.user_marketing).action_send_mail(res_ids)
        self.env.flush_all()

    def captured(self, mailing):
        return self.Interaction.search(
            [("external_id", "=like", f"mailing.mailing/{mailing.id}/%")], order="id"
        )

    def test_mailing_to_three_customers_and_a_stranger_gives_three_interactions(self):
        mailing = self.create_mailing()
        self.send(mailing)
        self.assertEqual(set(mailing.mailing_trace_ids.mapped("trace_status")), {"sent"})
        self.assertEqual(len(mailing.mailing_trace_ids), 4)
        interactions = self.captured(mailing)
        self.assertEqual(interactions.partner_id, self.customers)
        self.assertEqual(len(interactions), 3)
        for interaction in interactions:
            self.assertRecordValues(
                interaction,
                [
                    {
                        "channel_id": self.email.id,
                        "direction": "outbound",
                        "subject": "تخفیف نوروزی",
                        "reason_id": self.marketing.id,
                        "user_id": self.user_marketing.id,
                        "state": "handled",
                        "is_mass_mailing": True,
                        "cid": interaction.partner_id.cid,
                        "external_id": f"mailing.mailing/{mailing.id}/{interaction.partner_id.id}",
                    }
                ],
            )
            self.assertTrue(interaction.cid)
            self.assertEqual(
                [(link.res_model, link.res_id, link.name) for link in interaction.link_ids],
                [("mailing.mailing", mailing.id, "تخفیف نوروزی")],
            )
            self.assertEqual(interaction.key_ids.type_code, "email")
        self.assertFalse(
            self.Interaction.search(
                [("key_ids.value_normalized", "=", "reader@elsewhere.example")]
            ),
            "a recipient nobody holds as a customer is left out",
        )

    def test_sending_again_adds_nothing(self):
        mailing = self.create_mailing()
        self.send(mailing)
        first = self.captured(mailing)
        # the traces reported sent once more, and the mailing sent again to everyone
        mailing.mailing_trace_ids.set_sent()
        self.send(mailing, res_ids=self.mailing_list.contact_ids.ids)
        self.assertEqual(len(mailing.mailing_trace_ids), 8)
        self.assertEqual(self.captured(mailing), first)
        self.assertEqual(len(first), 3)

    def test_only_sent_traces_of_real_mailings_count(self):
        mailing = self.create_mailing()
        contact = self.mailing_list.contact_ids[0]
        Trace = self.env["mailing.trace"]
        traces = Trace.create(
            [
                {
                    "mass_mailing_id": mailing.id,
                    "model": "mailing.contact",
                    "res_id": contact.id,
                    "email": "maryam.rezaei@example.com",
                },
                {
                    "mass_mailing_id": mailing.id,
                    "model": "mailing.contact",
                    "res_id": contact.id,
                    "email": "maryam.rezaei@example.com",
                    "is_test_trace": True,
                },
            ]
        )
        traces.set_failed(failure_type="mail_smtp")
        traces.set_canceled()
        self.assertFalse(self.captured(mailing))
        traces[1].set_sent()
        self.assertFalse(self.captured(mailing), "a test e-mail reaches no customer")
        traces[0].set_sent()
        self.assertEqual(self.captured(mailing).partner_id, self.customers[0])

    def test_traces_sent_together_are_stored_in_one_batch(self):
        mailing = self.create_mailing()
        traces = self.env["mailing.trace"].create(
            [
                {
                    "mass_mailing_id": mailing.id,
                    "model": "mailing.contact",
                    "res_id": contact.id,
                    "email": contact.email_normalized,
                }
                for contact in self.mailing_list.contact_ids
            ]
        )
        Interaction = self.registry["crm.interaction"]
        with patch.object(
            Interaction,
            "_interaction_store",
            autospec=True,
            side_effect=Interaction._interaction_store,
        ) as store:
            traces.set_sent()
        self.assertEqual(store.call_count, 1)
        self.assertEqual(len(store.call_args.args[1]), 3, "one batch of the three customers")
        self.assertEqual(self.captured(mailing).partner_id, self.customers)

    def test_documents_give_their_customer_and_are_linked(self):
        if "crm.lead" not in self.env:
            self.skipTest("crm is not installed")
        mailing = self.create_mailing()
        leads = self.env["crm.lead"].create(
            [
                {"name": "Lead of a known customer", "partner_id": self.customers[0].id},
                # no customer on the lead: its e-mail finds one
                {"name": "Lead by e-mail", "email_from": "HOSSEIN.moradi@example.com"},
                {"name": "Lead of a prospect", "email_from": "prospect@elsewhere.example"},
            ]
        )
        self.env["mailing.trace"].create(
            [
                {
                    "mass_mailing_id": mailing.id,
                    "model": "crm.lead",
                    "res_id": lead.id,
                    "email": lead.email_normalized,
                }
                for lead in leads
            ]
        ).set_sent()
        interactions = self.captured(mailing)
        self.assertEqual(interactions.partner_id, self.customers[:2])
        for interaction, lead in zip(interactions, leads, strict=False):
            self.assertEqual(
                [(link.res_model, link.res_id) for link in interaction.link_ids],
                [("mailing.mailing", mailing.id), ("crm.lead", lead.id)],
            )

    def test_contacts_are_recipients_employees_and_company_are_not(self):
        employee = new_test_user(
            self.env, "mm_employee", groups="base.group_user", email="employee@example.com"
        )
        recipients = self.customers[0] | employee.partner_id | self.env.company.partner_id
        # archives kept: Odoo also notifies the recipients of each e-mail,
        # which must not record the same e-mail a second time
        mailing = self.create_mailing(
            "res.partner",
            mailing_domain=repr([("id", "in", recipients.ids)]),
            keep_archives=True,
            reply_to_mode="update",
        )
        self.send(mailing)
        self.assertEqual(len(mailing.mailing_trace_ids), 3)
        self.assertEqual(self.captured(mailing).partner_id, self.customers[0])
        self.assertEqual(
            self.Interaction.search_count([("partner_id", "=", self.customers[0].id)]), 1
        )

    def test_a_mailing_is_no_response_to_the_customer(self):
        customer = self.customers[1]
        now = fields.Datetime.now()
        inbound = self.Interaction.create(
            {
                "channel_id": self.email.id,
                "direction": "inbound",
                "partner_id": customer.id,
                "occurred_at": now - timedelta(hours=2),
                "subject": "سفارش من کجاست؟",
            }
        )
        self.send(self.create_mailing())
        self.assertFalse(inbound.first_response_at, "the mailing answers nobody")
        reply_at = now + timedelta(hours=1)
        self.Interaction.create(
            {
                "channel_id": self.email.id,
                "direction": "outbound",
                "partner_id": customer.id,
                "occurred_at": reply_at,
                "subject": "Re: سفارش من کجاست؟",
            }
        )
        self.assertEqual(inbound.first_response_at, reply_at)
        self.assertEqual(inbound.response_seconds, 3 * 3600)

    def test_an_agent_reads_the_mailings_of_their_portfolio_only(self):
        mailing = self.create_mailing()
        self.send(mailing)
        captured = self.captured(mailing)
        north = captured.filtered(lambda i: i.partner_id == self.customers[0])
        south = captured.filtered(lambda i: i.partner_id == self.customers[1])
        self.assertEqual(north.with_user(self.agent_north).read(["subject"])[0]["id"], north.id)
        with self.assertRaises(AccessError):
            south.with_user(self.agent_north).read(["subject"])
        self.assertFalse(
            self.Interaction.with_user(self.agent_north).search([("id", "=", south.id)])
        )

    def test_nobody_marks_an_interaction_as_mass_mailing_by_hand(self):
        reply = (
            self.Interaction.with_user(self.agent_north)
            .create(
                {
                    "channel_id": self.email.id,
                    "direction": "outbound",
                    "partner_id": self.customers[0].id,
                    "subject": "پاسخ شخصی",
                }
            )
            .sudo()
        )
        with self.assertRaises(AccessError):
            reply.with_user(self.agent_north).write({"is_mass_mailing": True})
        with self.assertRaises(AccessError):
            self.Interaction.with_user(self.agent_north).create(
                {
                    "channel_id": self.email.id,
                    "direction": "outbound",
                    "partner_id": self.customers[0].id,
                    "is_mass_mailing": True,
                }
            )
        self.assertFalse(reply.is_mass_mailing)
        self.assertFalse(self.Interaction.search([("is_mass_mailing", "=", True)]))
