"""Colleagues and customers in mail's Store, decided from the contacts' rows.

Mail adds the recipients of a message to its Store one entry at a time; the
policy tells colleagues (``crm_access_is_colleague``) from customers, and
finds the customers to count, from the rows mail has just fetched. These
tests check that what is decided from memory is what the database says:
customers outside the portfolio stay masked and every customer read is
counted, colleagues (archived ones included) are neither.
"""

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tools.discuss import Store

from .test_adversarial_mail_export import (
    NORTH_EMAIL,
    SOUTH_EMAIL,
    SOUTH_MASKED_EMAIL,
    AdversarialMailExportCommon,
)

COLLEAGUE_EMAIL = "agent2@example.com"
FORMER_EMAIL = "former.colleague@example.com"
OWN_EMAIL = "own.customer@example.com"


@tagged("post_install", "-at_install", "crm_access_policy")
class TestStoreColleagues(AdversarialMailExportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent2.partner_id.email = COLLEAGUE_EMAIL
        # an archived colleague whose contact sits in another team's portfolio:
        # masked and counted if it were taken for a customer
        cls.former = new_test_user(
            cls.env, login="ap_store_former", groups="base.group_user", email=FORMER_EMAIL
        )
        cls.former.partner_id.portfolio_team_id = cls.team_south
        cls.former.active = False

    def test_colleague_flag_follows_the_users_of_the_contact(self):
        portal = new_test_user(self.env, login="ap_store_portal", groups="base.group_portal")
        demoted = new_test_user(self.env, login="ap_store_demoted", groups="base.group_user")
        demoted.group_ids = [Command.set([self.env.ref("base.group_portal").id])]
        hired = self.env["res.partner"].create({"name": "Hired customer"})
        new_test_user(
            self.env, login="ap_store_hired", groups="base.group_user", partner_id=hired.id
        )
        rows = [
            ("internal user", self.agent2.partner_id, True),
            ("archived internal user", self.former.partner_id, True),
            ("OdooBot, whose user is archived", self.env.ref("base.partner_root"), True),
            ("customer who became a user", hired, True),
            ("portal user", portal.partner_id, False),
            ("internal user made portal", demoted.partner_id, False),
            ("customer", self.south, False),
        ]
        self.env.flush_all()
        self.env.invalidate_all()
        for label, partner, expected in rows:
            with self.subTest(label):
                self.assertEqual(partner.crm_access_is_colleague, expected)

    def test_recipients_of_a_message_are_masked_and_counted_entry_by_entry(self):
        recipients = self.south | self.north | self.agent2.partner_id | self.former.partner_id
        message = self.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": self.north.id,
                "message_type": "comment",
                "body": "<p>hello</p>",
                "author_id": self.agent2.partner_id.id,
                # failed notifications are shown to internal users, with the
                # recipient's name and e-mail
                "notification_ids": [
                    Command.create(
                        {
                            "res_partner_id": partner.id,
                            "notification_type": "email",
                            "notification_status": "exception",
                        }
                    )
                    for partner in recipients
                ],
            }
        )
        self.env.flush_all()
        for attempt in ("first read", "read again, counted already"):
            with self.subTest(attempt):
                result = Store().add(message.with_user(self.agent)).get_result()
                emails = {row["id"]: row.get("email") for row in result["res.partner"]}
                self.assertEqual(emails[self.south.id], SOUTH_MASKED_EMAIL)
                self.assertNotIn(SOUTH_EMAIL, repr(result))
                self.assertEqual(emails[self.north.id], NORTH_EMAIL)
                self.assertEqual(emails[self.agent2.partner_id.id], COLLEAGUE_EMAIL)
                self.assertEqual(emails[self.former.partner_id.id], FORMER_EMAIL)
                self.assertEqual(len(self.log_of(self.agent, self.south)), 1)
                self.assertEqual(len(self.log_of(self.agent, self.north)), 1)
                self.assertFalse(self.log_of(self.agent, self.agent2.partner_id))
                self.assertFalse(self.log_of(self.agent, self.former.partner_id))

    def test_customers_from_memory_are_those_of_the_database(self):
        Partner = self.env["res.partner"]
        contact = Partner.create({"name": "South buyer", "parent_id": self.south.id})
        partners = contact | self.south | self.north | self.agent2.partner_id
        self.env.flush_all()
        self.env.invalidate_all()
        # nothing in memory: the query
        from_database = partners._crm_access_customers()
        self.assertEqual(from_database, self.south | self.north | self.agent2.partner_id)
        # the rows in memory, as mail fetched them: no query
        partners.fetch(["commercial_partner_id", "cid"])
        with self.assertQueryCount(0):
            self.assertEqual(partners._crm_access_customers(), from_database)
        # a contact moved to another company, not written yet: its new
        # customer, as the query would find it once written
        contact.parent_id = self.north
        self.assertEqual(contact._crm_access_customers(), self.north)
        # a customer whose CID is not in memory: the query
        self.north.invalidate_recordset(["cid"])
        self.assertEqual(contact._crm_access_customers(), self.north)

    def test_store_of_a_counted_customer_in_the_portfolio_costs_no_query(self):
        self.own.email = OWN_EMAIL
        own = self.env["res.partner"].with_user(self.agent).browse(self.own.id)
        Store().add(own, ["name", "email"])
        self.assertEqual(len(self.log_of(self.agent, self.own)), 1)
        own.fetch(["name", "email"])
        # in the portfolio or not, a customer or not, counted already or
        # not: decided from the row in memory and the log's keys known to
        # be written
        with self.assertQueryCount(0):
            result = Store().add(own, ["name", "email"]).get_result()
        self.assertEqual(result["res.partner"][0]["email"], OWN_EMAIL)
        self.assertEqual(self.log_of(self.agent, self.own).count, 2)
