from odoo.tests import BaseCase, tagged

from odoo.addons.secretariat.tools import numbering


@tagged("secretariat")
class TestNumberFormat(BaseCase):
    def test_default_format(self):
        self.assertEqual(
            numbering.render(numbering.DEFAULT_FORMAT, jyear=1404, kind="incoming", seq=12),
            "1404/و/12",
        )
        self.assertEqual(
            numbering.render(numbering.DEFAULT_FORMAT, jyear=1404, kind="outgoing", seq=1),
            "1404/ص/1",
        )
        self.assertEqual(
            numbering.render(numbering.DEFAULT_FORMAT, jyear=1404, kind="internal", seq=3),
            "1404/د/3",
        )

    def test_branch_series_and_padding(self):
        self.assertEqual(
            numbering.render(
                "{branch}-{jyy}/{series}/{seq}",
                jyear=1404,
                kind="incoming",
                seq=7,
                padding=4,
                branch="ES",
                series="F",
            ),
            "ES-04/F/0007",
        )

    def test_format_problems(self):
        self.assertEqual(numbering.format_problems("{jyear}/{kind}/{seq}"), [])
        self.assertEqual(numbering.format_problems("{jyear}/{kind}"), ["no_seq"])
        self.assertIn("unknown:year", numbering.format_problems("{year}/{seq}"))
        self.assertIn("spec:seq", numbering.format_problems("{seq:05d}"))
        self.assertEqual(numbering.format_problems("{seq"), ["syntax"])
