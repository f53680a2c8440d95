from odoo.tests import BaseCase, tagged

from odoo.addons.crm_access_policy.tools.mask import (
    MASK,
    is_masked,
    mask_email,
    mask_formatted_email,
    mask_key,
    mask_national_id,
    mask_phone,
    mask_text,
    may_be_identity_value,
)

# (function, raw, expected)
CASES = [
    (mask_phone, "09121234567", "0912***4567"),
    (mask_phone, "0912 123 4567", "0912***4567"),
    (mask_phone, "۰۹۱۲-۱۲۳-۴۵۶۷", "0912***4567"),
    (mask_phone, "+98 912 123 4567", "+98912***4567"),
    (mask_phone, "+989121234567", "+98912***4567"),
    (mask_phone, "021 8877 6655", "0218***6655"),
    (mask_phone, "1234567", "***67"),
    (mask_phone, "abc", "***"),
    (mask_email, "ali.rezaei@example.com", "a***@example.com"),
    (mask_email, " a@example.com ", "a***@example.com"),
    (mask_email, "no-at-sign-here", "no***re"),
    (mask_email, "@example.com", "@e***om"),
    (mask_formatted_email, '"Ali Rezaei" <ali@example.com>', '"Ali Rezaei" <a***@example.com>'),
    (mask_formatted_email, "ali@example.com", "a***@example.com"),
    (mask_national_id, "0499370899", "049****899"),
    (mask_national_id, "049-937089-9", "049****899"),
    (mask_national_id, "۰۴۹۹۳۷۰۸۹۹", "049****899"),
    (mask_national_id, "10101234567", "101*****567"),
    (mask_national_id, "12345678", "***"),
    (mask_text, "@south_customer", "@s***er"),
    (mask_text, "short", "***"),
]


@tagged("post_install", "-at_install", "crm_access_policy")
class TestMaskTools(BaseCase):
    def test_masking_table(self):
        for function, raw, expected in CASES:
            with self.subTest(function=function.__name__, raw=raw):
                masked = function(raw)
                self.assertEqual(masked, expected)
                self.assertTrue(is_masked(masked), masked)

    def test_empty_values_stay_empty(self):
        for function in (mask_phone, mask_email, mask_formatted_email, mask_national_id, mask_text):
            for empty in (False, None, ""):
                with self.subTest(function=function.__name__, value=empty):
                    self.assertEqual(function(empty), empty)

    def test_keys_are_masked_by_type(self):
        self.assertEqual(mask_key("mobile", "+989121234567"), "+98912***4567")
        self.assertEqual(mask_key("whatsapp", "+989121234567"), "+98912***4567")
        self.assertEqual(mask_key("email", "ali@example.com"), "a***@example.com")
        self.assertEqual(mask_key("national_id", "0499370899"), "049****899")
        self.assertEqual(mask_key("legal_id", "10101234567"), "101*****567")
        self.assertEqual(mask_key("telegram", "south_customer"), "so***er")
        # the customer number is for everyone
        self.assertEqual(mask_key("cid", "C0000123"), "C0000123")

    def test_is_masked(self):
        self.assertFalse(is_masked("09121234567"))
        self.assertFalse(is_masked(False))
        self.assertFalse(is_masked("a*b@example.com"))
        self.assertTrue(is_masked(f"0912{MASK}4567"))

    def test_what_may_be_an_identity_value(self):
        for text, expected in (
            ("ali@example.com", True),
            ("09121234567", True),
            ("۰۹۱۲ ۱۲۳ ۴۵۶۷", True),
            ("0499370899", True),
            ("8877 6655", True),
            ("Ali Rezaei", False),
            ("Shop 12", False),
            ("091212", False),
            (False, False),
            (9121234567, False),
        ):
            with self.subTest(text=text):
                self.assertEqual(may_be_identity_value(text), expected)
