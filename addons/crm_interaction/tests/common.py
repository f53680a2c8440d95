from odoo.tests import TransactionCase, new_test_user


def record_sent_emails(env):
    """Record the e-mails sent so far, as the commit of the transaction does."""
    return env["mail.notification"]._crm_interaction_capture_outbox()


class InteractionCommon(TransactionCase):
    """Users per access rung, a few customers and a payload factory."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Interaction = cls.env["crm.interaction"]
        cls.Quarantine = cls.env["crm.interaction.quarantine"]
        cls.Partner = cls.env["res.partner"]
        cls.agent = new_test_user(
            cls.env,
            "int_agent",
            groups="crm_interaction.group_interaction_user",
            email="int.agent@example.com",
        )
        cls.other_agent = new_test_user(
            cls.env,
            "int_other",
            groups="crm_interaction.group_interaction_user",
            email="int.other@example.com",
        )
        cls.supervisor = new_test_user(
            cls.env,
            "int_all",
            groups="crm_interaction.group_interaction_all",
            email="int.all@example.com",
        )
        cls.manager = new_test_user(
            cls.env,
            "int_manager",
            groups="crm_interaction.group_interaction_manager,base.group_partner_manager",
            email="int.manager@example.com",
        )
        cls.outsider = new_test_user(
            cls.env, "int_outsider", groups="base.group_user", email="int.outsider@example.com"
        )
        cls.customer = cls.Partner.create(
            {
                "name": "علی کریمی",
                "mobile": "09123456789",
                "email": "ali.karimi@example.com",
                "user_id": cls.agent.id,
            }
        )
        cls.company = cls.Partner.create(
            {"name": "شرکت بتا", "is_company": True, "user_id": cls.other_agent.id}
        )
        cls.company_contact = cls.Partner.create(
            {
                "name": "Sara Ahmadi",
                "parent_id": cls.company.id,
                "mobile": "09351112233",
                "email": "sara@beta.example.com",
            }
        )
        cls.channel_mobile = cls.env.ref("crm_interaction.crm_interaction_channel_mobile")
        cls.channel_email = cls.env.ref("crm_interaction.crm_interaction_channel_email")
        cls.channel_telegram = cls.env.ref("crm_interaction.crm_interaction_channel_telegram")
        cls.reason_complaint = cls.env.ref("crm_interaction.crm_interaction_reason_complaint")

    def record_sent_emails(self):
        """Record the e-mails sent so far, as the commit of the transaction does."""
        return record_sent_emails(self.env)

    @staticmethod
    def item(external_id, **values):
        """Return a valid inbound mobile-call payload item, updated with ``values``."""
        item = {
            "channel": "mobile",
            "direction": "inbound",
            "external_id": external_id,
            "occurred_at": "2025-03-21T09:30:00+03:30",
        }
        item.update(values)
        return item
