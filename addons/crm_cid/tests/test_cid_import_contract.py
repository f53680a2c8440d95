from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidImportContract(CidCommon):
    """The COPY of the import calls the hooks that stand in for create() overrides.

    The test addon ``crm_cid_test_hooks`` checks the same contract with a
    real override; here the hooks are watched on the model itself.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["crm.cid.import"]
        cls.PartnerClass = type(cls.Partner)

    def test_prepare_hook_sees_the_row_values_and_its_changes_are_inserted(self):
        seen = []
        original = self.PartnerClass._cid_import_prepare_vals

        def prepare(partners, vals_list):
            seen.extend(dict(vals) for vals in vals_list)
            for vals in vals_list:
                vals["comment"] = f"from the hook: {vals['name']}"
            return original(partners, vals_list)

        with patch.object(self.PartnerClass, "_cid_import_prepare_vals", prepare):
            result = self.Import.import_rows(
                [
                    {"name": "Hooked One", "mobile": "09136660031", "city": "قم"},
                    {"name": "Hooked Two", "email": "hooked.two@example.com"},
                    {"name": "Matched", "mobile": "09123456789"},
                ]
            )
        statuses = [line["status"] for line in result["results"]]
        self.assertEqual(statuses, ["created", "created", "matched"])
        self.assertEqual([vals["name"] for vals in seen], ["Hooked One", "Hooked Two"])
        self.assertEqual(seen[0]["mobile"], "+989136660031")
        self.assertEqual(seen[0]["city"], "قم")
        created = self.Partner.browse([line["partner_id"] for line in result["results"][:2]])
        # the text as the HTML field stores it (the wrapping element depends
        # on the sanitiser's version)
        self.assertEqual(
            [html2plaintext(comment) for comment in created.mapped("comment")],
            ["from the hook: Hooked One", "from the hook: Hooked Two"],
        )
        self.assertFalse(self.person.comment)

    def test_after_insert_hook_gets_the_new_customers_once_they_exist(self):
        seen = []

        def after_insert(partners):
            seen.append(partners.mapped(lambda p: (p.name, bool(p.cid), len(p.cid_key_ids))))

        with patch.object(self.PartnerClass, "_cid_import_after_insert", after_insert):
            result = self.Import.import_rows(
                [
                    {"name": "After One", "mobile": "09136660032"},
                    {"name": "After Two", "mobile": "09136660033"},
                    {"name": "Matched", "mobile": "09123456789"},
                ]
            )
        self.assertEqual(len(result["results"]), 3)
        # one call for the chunk, with the two new customers, CIDs and keys in place
        self.assertEqual(seen, [[("After One", True, 2), ("After Two", True, 2)]])

    def test_a_prepare_hook_giving_a_field_the_copy_cannot_write_is_refused(self):
        def prepare(partners, vals_list):
            for vals in vals_list:
                vals["category_id"] = [(6, 0, [])]
            return vals_list

        count = self.Partner.search_count([])
        with (
            patch.object(self.PartnerClass, "_cid_import_prepare_vals", prepare),
            self.assertRaises(ValueError),
        ):
            self.Import.import_rows([{"name": "Refused", "mobile": "09136660034"}])
        self.assertEqual(self.Partner.search_count([]), count)
