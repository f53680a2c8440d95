from odoo.tests import BaseCase, tagged

from odoo.addons.crm_cid.tools import national_id
from odoo.addons.crm_cid.tools.national_id import NationalIdError

# (raw, expected): check digits computed by hand, one per remainder class
VALID_NATIONAL_IDS = [
    ("0011537027", "0011537027"),  # sum % 11 == 4
    ("0123456789", "0123456789"),  # remainder 2: check digit 9
    ("1234567891", "1234567891"),  # remainder 1: check digit 1
    ("5678901230", "5678901230"),  # remainder 0: check digit 0
    ("0405060701", "0405060701"),
    ("4480000518", "4480000518"),
    ("2731145609", "2731145609"),
    ("3928174657", "3928174657"),
    ("3200048212", "3200048212"),
    ("9102030403", "9102030403"),
    ("1111111121", "1111111121"),  # repeated digits but not all the same
    ("9999999905", "9999999905"),
    # written without leading zeros: 8 and 9 digits are padded
    ("11537027", "0011537027"),
    ("23456711", "0023456711"),
    ("00000124", "0000000124"),
    ("123456789", "0123456789"),
    ("405060701", "0405060701"),
    (11537027, "0011537027"),
    # digits and separators
    ("۰۰۱۱۵۳۷۰۲۷", "0011537027"),
    ("٠٠١١٥٣٧٠٢٧", "0011537027"),
    ("۱۱۵۳۷۰۲۷", "0011537027"),
    ("001-153702-7", "0011537027"),
    ("۰۰۱-۱۵۳۷۰۲-۷", "0011537027"),
    ("001 153 702 7", "0011537027"),
    ("001.153.702.7", "0011537027"),
    ("  0123456789  ", "0123456789"),
    ("\u200e0123456789\u200f", "0123456789"),
]

# (raw, expected reason)
INVALID_NATIONAL_IDS = [
    ("0011537028", "checksum"),
    ("1234567890", "checksum"),
    ("0123456788", "checksum"),
    ("11537028", "checksum"),
    ("۰۰۱۱۵۳۷۰۲۸", "checksum"),
    # one digit repeated passes the check digit, hence its own reason
    ("0000000000", "all_same"),
    ("1111111111", "all_same"),
    ("5555555555", "all_same"),
    ("9999999999", "all_same"),
    ("00000000", "all_same"),
    ("۲۲۲۲۲۲۲۲۲۲", "all_same"),
    ("1234567", "length"),
    ("01234567891", "length"),
    ("00123456789", "length"),
    ("", "length"),
    ("  ", "length"),
    ("- -", "length"),
    (None, "length"),
    (False, "length"),
    ("12345a7890", "not_digits"),
    ("abcdefghij", "not_digits"),
    ("0123456789x", "not_digits"),
    ("012/345/6789", "not_digits"),
    ("x²³", "not_digits"),
    (["0123456789"], "not_digits"),
]

# (raw, expected): published national IDs of registered companies
VALID_LEGAL_IDS = [
    ("10102631409", "10102631409"),
    ("10103745870", "10103745870"),
    ("10380641381", "10380641381"),
    ("10860961755", "10860961755"),
    ("10260014510", "10260014510"),
    ("10460108920", "10460108920"),
    ("10380491265", "10380491265"),
    ("10101598487", "10101598487"),
    ("۱۰۱۰۲۶۳۱۴۰۹", "10102631409"),
    ("١٠١٠٢٦٣١٤٠٩", "10102631409"),
    ("1010-263-1409", "10102631409"),
    (" 10102631409 ", "10102631409"),
    (10102631409, "10102631409"),
]

# (raw, expected reason)
INVALID_LEGAL_IDS = [
    ("10102631408", "checksum"),
    ("10103745871", "checksum"),
    ("10380641380", "checksum"),
    ("۱۰۱۰۲۶۳۱۴۰۸", "checksum"),
    ("00000000000", "all_same"),
    ("11111111111", "all_same"),
    ("1010263140", "length"),
    ("101026314090", "length"),
    ("0011537027", "length"),
    ("", "length"),
    (None, "length"),
    ("1010263140x", "not_digits"),
    ("10102631409 ltd", "not_digits"),
]


@tagged("crm_cid")
class TestToolsNationalId(BaseCase):
    def test_valid_national_ids_are_normalised(self):
        for raw, expected in VALID_NATIONAL_IDS:
            with self.subTest(raw=raw):
                self.assertEqual(national_id.normalize_national_id(raw), expected)
                self.assertTrue(national_id.is_valid_national_id(raw))

    def test_invalid_national_ids_raise_with_reason(self):
        for raw, reason in INVALID_NATIONAL_IDS:
            with self.subTest(raw=raw):
                with self.assertRaises(NationalIdError) as caught:
                    national_id.normalize_national_id(raw)
                self.assertEqual(caught.exception.reason, reason)
                self.assertEqual(caught.exception.value, raw)
                self.assertFalse(national_id.is_valid_national_id(raw))

    def test_every_check_digit_but_one_is_refused(self):
        for first_nine in ("001153702", "123456789", "567890123", "444000051"):
            valid = national_id.normalize_national_id(
                first_nine + str(national_id.national_id_check_digit(first_nine))
            )
            for digit in "0123456789":
                code = first_nine + digit
                with self.subTest(code=code):
                    self.assertEqual(national_id.is_valid_national_id(code), code == valid)

    def test_error_is_a_value_error(self):
        with self.assertRaises(ValueError):
            national_id.normalize_national_id("1111111111")

    def test_valid_legal_ids_are_normalised(self):
        for raw, expected in VALID_LEGAL_IDS:
            with self.subTest(raw=raw):
                self.assertEqual(national_id.normalize_legal_id(raw), expected)
                self.assertTrue(national_id.is_valid_legal_id(raw))

    def test_invalid_legal_ids_raise_with_reason(self):
        for raw, reason in INVALID_LEGAL_IDS:
            with self.subTest(raw=raw):
                with self.assertRaises(NationalIdError) as caught:
                    national_id.normalize_legal_id(raw)
                self.assertEqual(caught.exception.reason, reason)
                self.assertEqual(caught.exception.value, raw)
                self.assertFalse(national_id.is_valid_legal_id(raw))

    def test_legal_id_check_digit_matches_published_ids(self):
        for raw, expected in VALID_LEGAL_IDS[:8]:
            with self.subTest(raw=raw):
                self.assertEqual(national_id.legal_id_check_digit(expected[:10]), int(expected[10]))
