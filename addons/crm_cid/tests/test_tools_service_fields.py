from odoo.tests import BaseCase, tagged

from ..tools.service_fields import service_fields_given

NAMES = ("approved_by_id", "approved_date")


@tagged("crm_cid")
class TestToolsServiceFields(BaseCase):
    def test_fields_given(self):
        rows = [
            # (vals, context, expected)
            ({}, None, []),
            ({"name": "x"}, None, []),
            ({"approved_by_id": 7}, None, ["approved_by_id"]),
            # a false value is a value all the same: it clears the approval
            ({"approved_date": False}, None, ["approved_date"]),
            ({"approved_date": 1, "approved_by_id": 2}, None, ["approved_by_id", "approved_date"]),
            # a context default counts on a create only
            ({}, {"default_approved_by_id": 7}, ["approved_by_id"]),
            ({}, {"default_name": "x", "active_test": False}, []),
            ({"approved_date": 1}, {"default_approved_by_id": 7}, NAMES),
            ({}, {}, []),
        ]
        for vals, context, expected in rows:
            with self.subTest(vals=vals, context=context):
                self.assertEqual(service_fields_given(vals, NAMES, context), list(expected))

    def test_names_of_other_fields_are_not_reported(self):
        vals = {"approved_by_id_extra": 1, "default_approved_by_id": 1}
        self.assertEqual(service_fields_given(vals, NAMES), [])
