from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestAutolink(InteractionCommon):
    def test_adding_a_mobile_to_a_partner_links_its_interactions(self):
        results = self.Interaction.ingest(
            [
                self.item("al-1", mobile="09191234567"),
                self.item("al-2", channel="sms", mobile="+98 919 123 4567"),
                self.item("al-3", mobile="09190000000"),
            ]
        )
        self.assertEqual({r["status"] for r in results}, {"unmatched"})
        partner = self.Partner.create({"name": "Newcomer"})
        partner.mobile = "0919 123 4567"
        linked = self.Interaction.browse([r["id"] for r in results[:2]])
        self.assertEqual(linked.partner_id, partner)
        self.assertEqual(set(linked.mapped("match_state")), {"matched"})
        self.assertEqual(linked.mapped("cid"), [partner.cid] * 2)
        self.assertFalse(self.Interaction.browse(results[2]["id"]).partner_id)

    def test_new_customers_created_with_the_mobile_link_their_interactions(self):
        results = self.Interaction.ingest(
            [
                self.item("al-new", mobile="09198887766"),
                self.item("al-other", mobile="0919 888 7700"),
            ]
        )
        self.assertEqual({r["status"] for r in results}, {"unmatched"})
        # created in one batch: their keys are written at once, not by create()
        first, second = self.Partner.create(
            [
                {"name": "تازه‌وارد", "mobile": "۰۹۱۹ ۸۸۸ ۷۷۶۶"},
                {"name": "Second newcomer", "mobile": "+98 919 888 7700"},
            ]
        )
        interactions = self.Interaction.browse([r["id"] for r in results])
        self.assertEqual(interactions.partner_id, first | second)
        self.assertEqual(interactions.mapped("cid"), [first.cid, second.cid])

    def test_new_key_record_links_in_batch(self):
        [result] = self.Interaction.ingest([self.item("al-4", telegram="@late_user")])
        self.env["crm.cid.key"].create(
            {
                "partner_id": self.customer.id,
                "key_type_id": self.env.ref("crm_cid.key_type_telegram").id,
                "value": "https://t.me/Late_User",
            }
        )
        self.assertEqual(self.Interaction.browse(result["id"]).partner_id, self.customer)

    def test_customers_of_a_bulk_import_link_their_interactions(self):
        [result] = self.Interaction.ingest([self.item("al-imp", mobile="09196543210")])
        imported = self.env["crm.cid.import"].import_rows(
            [{"name": "مشتری واردشده", "mobile": "۰۹۱۹ ۶۵۴ ۳۲۱۰"}]
        )
        self.assertEqual(imported["results"][0]["status"], "created", imported)
        interaction = self.Interaction.browse(result["id"])
        self.assertEqual(interaction.partner_id.id, imported["results"][0]["partner_id"])

    def test_keys_given_to_two_customers_at_once_make_a_conflict(self):
        [result] = self.Interaction.ingest(
            [self.item("al-5", mobile="09197777777", telegram="@two_faces")]
        )
        interaction = self.Interaction.browse(result["id"])
        self.assertEqual(interaction.match_state, "unmatched")
        self.env["crm.cid.key"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "key_type_id": self.env.ref("crm_cid.key_type_mobile").id,
                    "value": "09197777777",
                },
                {
                    "partner_id": self.company_contact.id,
                    "key_type_id": self.env.ref("crm_cid.key_type_telegram").id,
                    "value": "two_faces",
                },
            ]
        )
        self.assertFalse(interaction.partner_id, "the keys point at two customers")
        self.assertEqual(interaction.match_state, "conflict")

    def test_linking_does_not_touch_identified_interactions(self):
        [result] = self.Interaction.ingest(
            [self.item("al-6", mobile="09123456789", telegram="@mine")]
        )
        interaction = self.Interaction.browse(result["id"])
        self.company_contact.cid_add_key("telegram", "mine")
        self.assertEqual(interaction.partner_id, self.customer)
