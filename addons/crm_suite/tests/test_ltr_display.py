"""Numbers and keys (E.164 mobiles, CIDs, e-mails) read left to right in Persian screens."""

from lxml import etree

from odoo.tests import TransactionCase, tagged

# (model, view type, fields that must be shown left to right)
LTR_FIELDS = [
    ("crm.cid.key", "list", ("cid", "value", "value_normalized")),
    ("crm.cid.key", "form", ("cid", "value", "value_normalized")),
    ("crm.cid.alias", "list", ("cid",)),
    ("crm.cid.duplicate", "list", ("cid_a", "cid_b", "value")),
    ("crm.cid.duplicate", "form", ("cid_a", "cid_b", "value")),
    ("res.partner", "list", ("cid", "mobile")),
    ("res.partner", "form", ("cid", "mobile", "national_id")),
    ("res.partner", "kanban", ("cid", "mobile")),
    ("crm.interaction", "list", ("cid",)),
    ("crm.interaction", "form", ("cid",)),
]


@tagged("post_install", "-at_install", "crm_suite")
class TestLeftToRightValues(TransactionCase):
    def _ltr_problems(self, model, view_type, fnames):
        arch = self.env[model].get_view(view_type=view_type)["arch"]
        root = etree.fromstring(arch)
        problems = []
        for fname in fnames:
            nodes = root.xpath(f"//field[@name='{fname}'][not(ancestor::field)]")
            if not nodes:
                problems.append(f"{fname}: not in the view")
            for node in nodes:
                ltr = "o_force_ltr" in (node.get("class") or "").split()
                ltr = ltr or any(
                    "o_force_ltr" in (parent.get("class") or "").split()
                    for parent in node.iterancestors()
                )
                if not ltr:
                    problems.append(f"{fname}: shown right to left")
        return problems

    def test_keys_and_numbers_are_shown_left_to_right(self):
        for model, view_type, fnames in LTR_FIELDS:
            with self.subTest(model=model, view_type=view_type):
                self.assertEqual(self._ltr_problems(model, view_type, fnames), [])

    def test_received_keys_of_unidentified_interactions_are_left_to_right(self):
        view = self.env.ref("crm_interaction.crm_interaction_view_list_unidentified")
        arch = self.env["crm.interaction"].get_view(view_id=view.id)["arch"]
        (node,) = etree.fromstring(arch).xpath("//field[@name='key_summary']")
        self.assertIn("o_force_ltr", node.get("class", "").split())

    def test_key_values_inside_the_partner_form_are_left_to_right(self):
        arch = self.env["res.partner"].get_view(view_type="form")["arch"]
        root = etree.fromstring(arch)
        values = root.xpath(
            "//field[@name='cid_key_ids']//field[@name='value' or @name='value_normalized']"
        )
        self.assertEqual(len(values), 2)
        for node in values:
            self.assertIn("o_force_ltr", node.get("class", "").split())
