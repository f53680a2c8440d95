from odoo.tests import TransactionCase, tagged

from .matrix import ROLES, matrix_tables, parse_cell

SUITE_AUTHOR = "CRM Suite Authors"


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAccessMatrixCoverage(TransactionCase):
    """Every model of the suite has a row in one of the access matrices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        modules = cls.env["ir.module.module"].search(
            [("author", "=", SUITE_AUTHOR), ("state", "=", "installed")]
        )
        cls.suite_modules = set(modules.mapped("name"))
        cls.tables = matrix_tables(cls.suite_modules)

    def suite_models(self):
        """Models with a table that a suite addon defines (not only extends)."""
        return {
            name
            for name, model in self.env.registry.items()
            if not model._abstract and model._original_module in self.suite_modules
        }

    def test_every_suite_model_has_a_row(self):
        covered = set().union(*self.tables.values())
        missing = sorted(self.suite_models() - covered)
        self.assertFalse(missing, f"suite models without a row in any access matrix: {missing}")

    def test_the_coverage_check_sees_the_suite(self):
        # the check is only worth something if it finds the suite's models
        # and the tables of this addon and of its bridges
        models = self.suite_models()
        for model in ("crm.interaction", "crm.cid.key", "crm.access.log"):
            self.assertIn(model, models)
        self.assertIn("crm_access_policy.tests.test_access_matrix", self.tables)
        self.assertNotIn("res.partner", models)

    def test_every_row_is_well_formed(self):
        for name, table in self.tables.items():
            for model, cells in table.items():
                with self.subTest(table=name, model=model):
                    self.assertEqual(len(cells), len(ROLES))
                    for cell in cells:
                        parse_cell(cell)

    def test_a_bad_cell_is_refused(self):
        with self.assertRaises(ValueError):
            parse_cell("rx/r")
        self.assertEqual(parse_cell("rwc/-"), ("rwc", ""))
        self.assertEqual(parse_cell("r"), ("r", "r"))
