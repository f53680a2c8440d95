from odoo.tests import BaseCase, tagged

from odoo.addons.crm_cid.tools.names import fold_name

# (raw, expected)
FOLD_CASES = [
    # Arabic letters to their Persian forms
    ("علي", "علی"),
    ("يوسف", "یوسف"),
    ("مصطفى", "مصطفی"),
    ("كريم", "کریم"),
    ("كيوان", "کیوان"),
    ("فاطمة", "فاطمه"),
    ("خانۀ", "خانه"),
    ("آرش", "ارش"),
    ("أحمد", "احمد"),
    ("إبراهيم", "ابراهیم"),
    ("مؤمن", "مومن"),
    ("مسئول", "مسیول"),
    ("پائیز", "پاییز"),
    # ZWNJ and other invisible characters
    ("می\u200cخواهم", "میخواهم"),
    ("مي\u200cخواهم", "میخواهم"),
    ("می\u200dخواهم", "میخواهم"),
    ("\u200fرضا\u200e", "رضا"),
    ("\ufeffرضا\u200b", "رضا"),
    # diacritics and tatweel
    ("مُحَمَّد", "محمد"),
    ("عليٌّ", "علی"),
    ("قرآن", "قران"),
    ("رحمٰن", "رحمن"),
    ("محـــمد", "محمد"),
    ("ســـارا", "سارا"),
    # presentation forms (old PDFs and fonts)
    ("ﻋﻠﻲ", "علی"),
    ("ﻻله", "لاله"),
    # whitespace
    ("  رضا   احمدی  ", "رضا احمدی"),
    ("رضا\u00a0احمدی", "رضا احمدی"),
    ("رضا\tاحمدی\n", "رضا احمدی"),
    ("رضا \u200c احمدی", "رضا احمدی"),
    # Latin and digits
    ("Reza AHMADI", "reza ahmadi"),
    ("ＲＥＺＡ", "reza"),
    ("José", "josé"),
    ("شرکت ۱۲۳", "شرکت 123"),
    ("٤٥٦", "456"),
    ("Persian ﻛﺎﻻ Co.", "persian کالا co."),
    ("", ""),
    ("   ", ""),
    (None, ""),
    (False, ""),
]

# spellings of one name that must fold together
SAME_NAME_GROUPS = [
    ("علی", "علي", "عَلی", "علـی"),
    ("میخواهم", "می\u200cخواهم", "مي\u200cخواهم", "می\u200cخواهم"),
    ("کاظمی", "كاظمي", "کاظمى", "ﻛﺎﻇﻤﻲ"),
    ("آزاده", "ازاده", "آزادة"),
    ("reza ahmadi", "Reza  Ahmadi", " REZA AHMADI "),
]


@tagged("crm_cid")
class TestToolsNames(BaseCase):
    def test_fold_name_table(self):
        for raw, expected in FOLD_CASES:
            with self.subTest(raw=raw):
                self.assertEqual(fold_name(raw), expected)

    def test_folding_twice_changes_nothing(self):
        tricky = ["e\u200c\u0301", "ا\u200c\u0653", "ي\u0640\u0654", "A\u0301\u200d"]
        for raw in [raw for raw, __ in FOLD_CASES] + tricky:
            with self.subTest(raw=raw):
                once = fold_name(raw)
                self.assertEqual(fold_name(once), once)

    def test_spellings_of_one_name_fold_together(self):
        for group in SAME_NAME_GROUPS:
            with self.subTest(group=group):
                self.assertEqual(len({fold_name(name) for name in group}), 1)

    def test_distinct_names_stay_distinct(self):
        self.assertNotEqual(fold_name("علی"), fold_name("عالی"))
        self.assertNotEqual(fold_name("رضا احمدی"), fold_name("رضااحمدی"))

    def test_non_text_is_refused(self):
        with self.assertRaises(TypeError):
            fold_name(12)
