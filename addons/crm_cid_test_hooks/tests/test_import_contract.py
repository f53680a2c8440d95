from odoo.tests import TransactionCase, tagged

from ..models.res_partner import TAG_NAME, TRACK_CONTEXT_KEY


@tagged("post_install", "-at_install", "crm_cid_test_hooks")
class TestImportContract(TransactionCase):
    """The bulk import skips create(); an addon reaches its customers through the hooks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **{TRACK_CONTEXT_KEY: True}))
        cls.Partner = cls.env["res.partner"]

    def test_imported_customers_get_the_values_create_would_add(self):
        result = self.env["crm.cid.import"].import_rows(
            [
                {"name": "مینا رستمی", "mobile": "09135550001"},
                {"name": "Omid Saberi", "email": "omid.saberi@example.com"},
            ]
        )
        self.assertEqual([line["status"] for line in result["results"]], ["created"] * 2)
        imported = self.Partner.browse([line["partner_id"] for line in result["results"]])
        self.assertEqual(
            imported.mapped("cid_test_hooks_stamp"), ["stamp:مینا رستمی", "stamp:Omid Saberi"]
        )

    def test_imported_customers_get_the_side_effects_create_would_have(self):
        result = self.env["crm.cid.import"].import_rows(
            [{"name": "Kian Amini", "mobile": "09135550002"}]
        )
        imported = self.Partner.browse(result["results"][0]["partner_id"])
        created = self.Partner.create({"name": "Kian Amini 2"})
        self.assertEqual(imported.category_id.mapped("name"), [TAG_NAME])
        self.assertEqual(imported.category_id, created.category_id)

    def test_an_imported_customer_and_a_created_one_are_alike(self):
        result = self.env["crm.cid.import"].import_rows(
            [{"name": "Sara Navid", "mobile": "09135550003"}]
        )
        imported = self.Partner.browse(result["results"][0]["partner_id"])
        created = self.Partner.create({"name": "Sara Navid"})
        self.assertEqual(imported.cid_test_hooks_stamp, created.cid_test_hooks_stamp)

    def test_a_matched_row_creates_nothing_and_runs_no_hook(self):
        existing = self.Partner.with_context(**{TRACK_CONTEXT_KEY: False}).create(
            {"name": "Existing", "mobile": "09135550004"}
        )
        result = self.env["crm.cid.import"].import_rows(
            [{"name": "Other name", "mobile": "۰۹۱۳۵۵۵۰۰۰۴"}]
        )
        self.assertEqual(result["results"][0]["status"], "matched")
        self.assertEqual(result["results"][0]["partner_id"], existing.id)
        self.assertFalse(existing.category_id)
