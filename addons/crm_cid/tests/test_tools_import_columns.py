from odoo.tests import BaseCase, tagged

from ..tools.import_columns import COLUMNS, HEADER_MAP, cell_text, header_key


@tagged("crm_cid")
class TestImportColumns(BaseCase):
    def test_headers_in_any_spelling_map_to_one_column(self):
        cases = [
            ("name", "name"),
            ("Name", "name"),
            ("نام", "name"),
            ("کد ملی", "national_id"),
            ("کدملی", "national_id"),
            ("كد\u200cملي", "national_id"),
            ("national_id", "national_id"),
            ("National ID", "national_id"),
            ("E-mail", "email"),
            ("موبایل", "mobile"),
            ("is_company", "is_company"),
            ("unknown", None),
            ("", None),
        ]
        for header, column in cases:
            with self.subTest(header=header):
                self.assertEqual(HEADER_MAP.get(header_key(header)), column)

    def test_every_column_is_its_own_header(self):
        for column in COLUMNS:
            with self.subTest(column=column):
                self.assertEqual(HEADER_MAP[header_key(column)], column)

    def test_cells_become_stripped_text(self):
        cases = [
            (None, ""),
            (False, ""),
            ("  ali ", "ali"),
            (9123456789.0, "9123456789"),
            (12.5, "12.5"),
            (42, "42"),
            (True, "True"),
        ]
        for value, text in cases:
            with self.subTest(value=value):
                self.assertEqual(cell_text(value), text)
