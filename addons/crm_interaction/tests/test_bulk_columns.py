from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import SQL

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestBulkColumns(InteractionCommon):
    """Fields another module adds to crm.interaction are filled on ingested rows.

    The fields are custom (``x_``) fields created in the test: they exist only
    in the test's transaction and registry, so no test addon has to be
    installed next to the suite's addons.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        model = cls.env["ir.model"]._get("crm.interaction")
        cls.env["ir.model.fields"].create(
            [
                {
                    "model_id": model.id,
                    "name": "x_bulk_label",
                    "field_description": "Label",
                    "ttype": "char",
                    "state": "manual",
                },
                {
                    "model_id": model.id,
                    "name": "x_bulk_customer_email",
                    "field_description": "Customer e-mail",
                    "ttype": "char",
                    "state": "manual",
                    "related": "partner_id.email",
                    "store": True,
                },
                {
                    "model_id": model.id,
                    "name": "x_bulk_subject_size",
                    "field_description": "Subject size",
                    "ttype": "integer",
                    "state": "manual",
                    "store": True,
                    "depends": "subject",
                    "compute": (
                        "for record in self:\n"
                        "    record['x_bulk_subject_size'] = len(record.subject or '')"
                    ),
                },
            ]
        )
        cls.env["ir.default"].set("crm.interaction", "x_bulk_label", "ingested")
        cls.Interaction = cls.env["crm.interaction"]

    def test_added_fields_get_default_related_and_computed_values(self):
        create = type(self.Interaction).create
        with patch.object(type(self.Interaction), "create", autospec=True) as mock_create:
            mock_create.side_effect = create
            results = self.Interaction.ingest(
                [
                    self.item("bulk-1", mobile="09123456789", subject="Invoice"),
                    self.item("bulk-2", subject="Delivery date"),
                ]
            )
        self.assertFalse(mock_create.called, "the batch goes through the bulk insert")
        interactions = self.Interaction.browse([result["id"] for result in results])
        self.assertRecordValues(
            interactions,
            [
                {
                    "partner_id": self.customer.id,
                    "x_bulk_label": "ingested",
                    "x_bulk_customer_email": self.customer.email,
                    "x_bulk_subject_size": 7,
                },
                {
                    "partner_id": False,
                    "x_bulk_label": "ingested",
                    "x_bulk_customer_email": False,
                    "x_bulk_subject_size": 13,
                },
            ],
        )
        # stored in the table, not only in the cache of this transaction
        self.env.invalidate_all()
        rows = self.env.execute_query_dict(
            SQL(
                "SELECT x_bulk_label, x_bulk_customer_email, x_bulk_subject_size "
                "FROM crm_interaction WHERE id = ANY(%s) ORDER BY id",
                interactions.ids,
            )
        )
        self.assertEqual(
            rows,
            [
                {
                    "x_bulk_label": "ingested",
                    "x_bulk_customer_email": self.customer.email,
                    "x_bulk_subject_size": 7,
                },
                {
                    "x_bulk_label": "ingested",
                    "x_bulk_customer_email": None,
                    "x_bulk_subject_size": 13,
                },
            ],
        )

    def test_every_stored_field_is_written_or_completed(self):
        plain, computed = self.Interaction._interaction_bulk_uncovered(("channel_id",))
        self.assertIn("x_bulk_label", plain)
        self.assertIn("x_bulk_customer_email", computed)
        self.assertIn("x_bulk_subject_size", computed)
        self.assertIn("cid", computed)
        self.assertNotIn("channel_id", plain + computed)
        self.assertNotIn("id", plain + computed)
